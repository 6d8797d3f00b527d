package pxlab.sim;

/**
 * Receives what each CPU ran: one call per interval in which the execution and scheduling contexts stayed the same.
 * Intervals of one CPU arrive in time order and do not overlap; idle time produces no interval.
 */
@FunctionalInterface
public interface ScheduleSink {

    /** A sink that drops everything. */
    ScheduleSink NONE = (cpu, startNs, endNs, task, donor) -> { };

    /**
     * Records an interval.
     *
     * @param cpu     The CPU.
     * @param startNs The interval's start.
     * @param endNs   The interval's end, greater than {@code startNs}.
     * @param task    The task whose code ran (the execution context).
     * @param donor   The task whose scheduling context was charged; equals {@code task} unless a donor ran its lock's owner.
     */
    void interval(int cpu, long startNs, long endNs, String task, String donor);
}
