package pxlab.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import pxlab.agent.bootstrap.LockProbe;

/**
 * Instruments the waiting paths of {@code StampedLock}: its private {@code acquireWrite(interruptible, timed, time)}
 * and {@code acquireRead(...)}, reached only after the inline attempt failed. They return a stamp, 0 on timeout, or
 * {@code INTERRUPTED} (1).
 */
public final class StampedLockInstrumentation {

    static final String STAMPED_LOCK = "java.util.concurrent.locks.StampedLock";

    private StampedLockInstrumentation() {
    }

    /**
     * Adds this instrumentation to an agent builder.
     *
     * @param builder The builder.
     * @return A builder that also instruments StampedLock.
     */
    public static AgentBuilder on(AgentBuilder builder) {
        return builder.type(named(STAMPED_LOCK)).transform((b, type, loader, module, pd) ->
                b.visit(Advice.to(WriteAdvice.class).on(named("acquireWrite").and(takesArguments(3))))
                 .visit(Advice.to(ReadAdvice.class).on(named("acquireRead").and(takesArguments(3)))));
    }

    /** Inlined into {@code acquireWrite}. */
    static final class WriteAdvice {

        private WriteAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object lock) {
            return LockProbe.stampedEnter(lock, true);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Return long stamp) {
            LockProbe.aqsExit(token, stamp != 0L && stamp != 1L);
        }
    }

    /** Inlined into {@code acquireRead}. */
    static final class ReadAdvice {

        private ReadAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object lock) {
            return LockProbe.stampedEnter(lock, false);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Return long stamp) {
            LockProbe.aqsExit(token, stamp != 0L && stamp != 1L);
        }
    }
}
