package pxlab.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import pxlab.agent.bootstrap.LockProbe;

/**
 * Instruments the contended path of {@code AbstractQueuedSynchronizer} and {@code AbstractQueuedLongSynchronizer}:
 * their six-argument {@code acquire(node, arg,
 * shared, interruptible, timed, time)}, which every blocking acquisition reaches only after a failed
 * {@code tryAcquire}. Uncontended locks never get here. Also {@code release(arg)}, the exclusive unlock, which ends
 * a contended hold; it costs one volatile read while no hold is open.
 */
public final class AqsInstrumentation {

    static final String AQS = "java.util.concurrent.locks.AbstractQueuedSynchronizer";
    // The long-state twin; ReentrantReadWriteLock is built on it on recent JDKs.
    static final String AQLS = "java.util.concurrent.locks.AbstractQueuedLongSynchronizer";

    private AqsInstrumentation() {
    }

    /**
     * Adds this instrumentation to an agent builder.
     *
     * @param builder The builder.
     * @return A builder that also instruments AQS.
     */
    public static AgentBuilder on(AgentBuilder builder) {
        return builder.type(named(AQS).or(named(AQLS))).transform((b, type, loader, module, pd) ->
                b.visit(Advice.to(AcquireAdvice.class).on(named("acquire").and(takesArguments(6))))
                 .visit(Advice.to(ReleaseAdvice.class).on(named("release").and(takesArguments(1)))));
    }

    /** Inlined into {@code acquire(...)}: one call into the bootstrap probe on each side. */
    static final class AcquireAdvice {

        private AcquireAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object sync, @Advice.Argument(2) boolean shared) {
            return LockProbe.aqsEnter(sync, shared);
        }

        // acquire() returns > 0 when acquired, 0 on timeout, < 0 when interrupted; a throw leaves 0.
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Return int result) {
            LockProbe.aqsExit(token, result > 0);
        }
    }

    /** Inlined into {@code release(arg)}, which returns true when the lock became free (also inside await). */
    static final class ReleaseAdvice {

        private ReleaseAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object sync, @Advice.Return boolean free) {
            if (free && LockProbe.anyHold()) LockProbe.aqsReleased(sync);
        }
    }
}
