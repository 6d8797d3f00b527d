package pxlab.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import pxlab.agent.bootstrap.RequestProbe;

/**
 * Times the methods named with {@code requests=Class#method} as {@code pxlab.Request} events: every overload of
 * the method declared by exactly that class.
 */
public final class RequestInstrumentation {

    private RequestInstrumentation() {
    }

    /**
     * Adds one transformation per requested method.
     *
     * @param builder  The builder.
     * @param requests {@code Class#method} entries.
     * @return A builder that also times those methods.
     */
    public static AgentBuilder on(AgentBuilder builder, List<String> requests) {
        AgentBuilder b = builder;
        for (String request : requests) {
            int hash = request.indexOf('#');
            String type = request.substring(0, hash);
            String method = request.substring(hash + 1);
            b = b.type(named(type)).transform((tb, td, loader, module, pd) ->
                    tb.visit(Advice.to(TimingAdvice.class).on(named(method).and(not(isAbstract())))));
        }
        return b;
    }

    /** Inlined into each requested method. */
    static final class TimingAdvice {

        private TimingAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter() {
            return RequestProbe.begin();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Origin Class<?> type, @Advice.Origin("#m") String method,
                         @Advice.Thrown Throwable thrown) {
            RequestProbe.end(token, type, method, thrown);
        }
    }
}
