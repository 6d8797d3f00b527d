package pxlab.trace;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One contended lock acquisition: {@code waiter} wanted {@code lock} from {@code startNs} to {@code endNs}.
 *
 * @param waiter          The waiting thread.
 * @param owner           The owner, or {@code null} when unknown; what it means depends on {@link #source()}.
 * @param lock            The lock.
 * @param kind            How the lock was asked for.
 * @param startNs         When the wait began, epoch nanoseconds.
 * @param endNs           When it ended.
 * @param acquired        Whether it ended with the lock ({@code false}: timed out or interrupted).
 * @param ownerCpuNs      CPU time the owner got during the wait (the agent's schedstat reading), or
 *                        {@link #UNKNOWN}.
 * @param ownerRunqueueNs Time the owner was runnable but not running during the wait, or {@link #UNKNOWN}.
 * @param source          Which event the wait came from.
 * @param stack           The waiting code's top frames ({@code package.Class.method:line}), lock machinery removed;
 *                        empty when no stack was recorded.
 * @param seq             The wait's position in the file, a tie-breaker that makes every order total.
 */
public record Wait(TraceThread waiter, TraceThread owner, TraceLock lock, LockKind kind, long startNs, long endNs,
                   boolean acquired, long ownerCpuNs, long ownerRunqueueNs, Source source, List<String> stack,
                   long seq) {

    /** The value of a time the recording does not know. */
    public static final long UNKNOWN = -1;

    /** Orders waits by (start, waiter, seq): the order of {@link Trace#waits()}. */
    public static final Comparator<Wait> ORDER = Comparator.comparingLong(Wait::startNs)
            .thenComparing(Wait::waiter, TraceThread.ORDER).thenComparingLong(Wait::seq);

    /** Which event a wait came from, and so how much its owner means. */
    public enum Source {
        /** {@code pxlab.LockWait}: the owner is the thread that held the lock when the wait began. */
        PXLAB("pxlab.LockWait"),
        /**
         * {@code jdk.JavaMonitorEnter}: the owner is the monitor's previous owner, the thread that released it last
         * before the waiter entered. That is usually, but not always, the thread that held it when the wait began.
         */
        MONITOR_ENTER("jdk.JavaMonitorEnter"),
        /** {@code jdk.ThreadPark} on a {@code java.util.concurrent} lock: the owner is never known. */
        THREAD_PARK("jdk.ThreadPark");

        private final String eventName;

        Source(String eventName) {
            this.eventName = eventName;
        }

        /**
         * Returns the event type's name.
         *
         * @return e.g. {@code jdk.JavaMonitorEnter}.
         */
        public String eventName() {
            return eventName;
        }

        /**
         * Returns the spelling used in reports.
         *
         * @return e.g. {@code monitor-enter}.
         */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Wait {
        Objects.requireNonNull(waiter);
        Objects.requireNonNull(lock);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(source);
        if (endNs < startNs) {
            throw new IllegalArgumentException("wait ends before it starts: " + startNs + ".." + endNs);
        }
        stack = List.copyOf(stack);
    }

    /**
     * Returns how long the wait lasted.
     *
     * @return {@code endNs - startNs}.
     */
    public long durationNs() {
        return endNs - startNs;
    }

    /**
     * Returns whether the recording measured what the owner did during the wait.
     *
     * @return {@code true} when both the owner's CPU time and its run-queue wait are known.
     */
    public boolean hasOwnerCharges() {
        return ownerCpuNs != UNKNOWN && ownerRunqueueNs != UNKNOWN;
    }

    /**
     * Returns how much of {@code [fromNs, toNs)} this wait covers.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The overlap in nanoseconds, 0 when disjoint.
     */
    public long overlapNs(long fromNs, long toNs) {
        return Math.max(0, Math.min(endNs, toNs) - Math.max(startNs, fromNs));
    }
}
