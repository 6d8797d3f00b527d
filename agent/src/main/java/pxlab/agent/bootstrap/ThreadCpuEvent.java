package pxlab.agent.bootstrap;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code pxlab.ThreadCpu}: periodic, per OS thread of the JVM, cumulative CPU time and run-queue wait, so threads
 * that never touch a lock (the CPU hogs that preempt an owner) can be replayed too. A contract (docs/EVENTS.md).
 */
@Name("pxlab.ThreadCpu")
@Label("Thread CPU")
@Category({"pxlab", "Threads"})
@Description("Cumulative CPU time and run-queue wait of each thread of the JVM")
@StackTrace(false)
@Period("1 s")
public final class ThreadCpuEvent extends jdk.jfr.Event {

    @Label("Thread")
    @Description("The Java thread, when the agent knows its OS id; null for others (JVM-internal threads)")
    public Thread thread;

    @Label("OS Thread Id")
    public long osThreadId;

    @Label("OS Thread Name")
    @Description("The kernel's name for the thread (comm): the Java name cut to 15 bytes")
    public String osThreadName;

    @Label("CPU Time")
    @Description("Total time on a CPU since the thread started")
    @Timespan(Timespan.NANOSECONDS)
    public long cpuTime;

    @Label("Run-Queue Wait")
    @Description("Total time runnable but not running since the thread started")
    @Timespan(Timespan.NANOSECONDS)
    public long runqueueWait;
}
