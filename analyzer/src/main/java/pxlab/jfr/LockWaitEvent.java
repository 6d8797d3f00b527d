package pxlab.jfr;

import java.util.List;

/**
 * One {@code pxlab.LockWait} event: the event thread waited for a lock from {@code startNs} to {@code endNs}.
 *
 * @param startNs        When the wait began, in nanoseconds since the epoch.
 * @param endNs          When it ended.
 * @param waiter         The waiting thread.
 * @param lockId         The lock's identity hash.
 * @param lockClass      The lock's class name, or {@code null}.
 * @param kind           The kind as recorded ({@code monitor}, {@code mutex}, ...), or {@code null}.
 * @param owner          The owner when the wait began, or {@code null}.
 * @param acquired       Whether the wait ended with the lock.
 * @param ownerCpuNs     The owner's CPU time during the wait, or -1 when unknown.
 * @param ownerRunqueueNs The owner's run-queue wait during the wait, or -1 when unknown.
 * @param stack          The waiting code's top frames, lock machinery removed (see {@link RecordingReader}).
 * @param inRecorder     Whether the waiting code is JFR's or the agent's own, not the application's.
 */
public record LockWaitEvent(long startNs, long endNs, JfrThread waiter, long lockId, String lockClass, String kind,
                            JfrThread owner, boolean acquired, long ownerCpuNs, long ownerRunqueueNs,
                            List<String> stack, boolean inRecorder) implements Span {

    public LockWaitEvent {
        stack = List.copyOf(stack);
    }
}
