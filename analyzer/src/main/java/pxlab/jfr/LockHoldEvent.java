package pxlab.jfr;

import java.util.List;

/**
 * One {@code pxlab.LockHold} event: the event thread held a lock that others waited for.
 *
 * @param startNs          When the hold began (for the agent: when the first waiter appeared), epoch nanoseconds.
 * @param endNs            When the lock was released.
 * @param holder           The holding thread (the {@code holder} field; the event thread in older recordings).
 * @param lockId           The lock's identity hash; matches {@link LockWaitEvent#lockId()}.
 * @param lockClass        The lock's class name, or {@code null}.
 * @param kind             The kind as recorded, or {@code null}.
 * @param holderCpuNs      The holder's CPU time during the hold, or -1 when unknown.
 * @param holderRunqueueNs The holder's run-queue wait during the hold, or -1 when unknown.
 * @param waiters          How many waits for the lock began during the hold.
 * @param stack            The holder's top frames, lock machinery removed.
 */
public record LockHoldEvent(long startNs, long endNs, JfrThread holder, long lockId, String lockClass, String kind,
                            long holderCpuNs, long holderRunqueueNs, int waiters, List<String> stack) implements Span {

    public LockHoldEvent {
        stack = List.copyOf(stack);
    }
}
