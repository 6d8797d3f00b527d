package pxlab.trace;

import java.util.List;
import java.util.Objects;

/**
 * A contended hold ({@code pxlab.LockHold}): {@code holder} held {@code lock} while others waited for it.
 *
 * <p>The agent starts a hold when the first waiter appears, not when the lock was taken, and ends it at the
 * release (including the release inside {@code Condition.await} or {@code Object.wait}).
 *
 * @param holder           The holding thread.
 * @param lock             The lock; its id matches the waits' ({@link TraceLock.IdSpace#IDENTITY_HASH}).
 * @param kind             How it was held.
 * @param startNs          When the hold began, epoch nanoseconds.
 * @param endNs            When the lock was released.
 * @param holderCpuNs      The holder's CPU time during the hold, or {@link Wait#UNKNOWN}.
 * @param holderRunqueueNs The holder's run-queue wait during the hold, or {@link Wait#UNKNOWN}.
 * @param waiters          How many waits began during the hold.
 * @param stack            The holder's top frames at the release.
 * @param seq              The hold's position in the file.
 */
public record Hold(TraceThread holder, TraceLock lock, LockKind kind, long startNs, long endNs, long holderCpuNs,
                   long holderRunqueueNs, int waiters, List<String> stack, long seq) {

    public Hold {
        Objects.requireNonNull(holder);
        Objects.requireNonNull(lock);
        Objects.requireNonNull(kind);
        if (endNs < startNs) {
            throw new IllegalArgumentException("hold ends before it starts: " + startNs + ".." + endNs);
        }
        stack = List.copyOf(stack);
    }

    /**
     * Returns how long the hold lasted.
     *
     * @return {@code endNs - startNs}.
     */
    public long durationNs() {
        return endNs - startNs;
    }

    /**
     * Returns whether the recording measured the holder's CPU and run-queue time during the hold.
     *
     * @return {@code true} when both are known.
     */
    public boolean hasHolderCharges() {
        return holderCpuNs != Wait.UNKNOWN && holderRunqueueNs != Wait.UNKNOWN;
    }

    /**
     * Returns how much of {@code [fromNs, toNs)} this hold covers.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The overlap in nanoseconds, 0 when disjoint.
     */
    public long overlapNs(long fromNs, long toNs) {
        return Math.max(0, Math.min(endNs, toNs) - Math.max(startNs, fromNs));
    }
}
