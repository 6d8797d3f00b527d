package pxlab.agent.bootstrap;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code pxlab.Request}: one call of a method configured with the agent's {@code requests=} option, timed from
 * entry to return or throw. A contract (docs/EVENTS.md).
 */
@Name("pxlab.Request")
@Label("Request")
@Category({"pxlab", "Requests"})
@Description("A foreground operation the user asked the agent to time")
@StackTrace(false)
public final class RequestEvent extends jdk.jfr.Event {

    @Label("Request")
    @Description("The timed method, as Class#method")
    public String name;

    @Label("Failed")
    @Description("Whether the call ended by throwing")
    public boolean failed;
}
