package pxlab.trace;

/**
 * A thread's OS scheduling attributes as {@code pxlab.ThreadSched} recorded them at {@code timeNs}.
 *
 * @param timeNs       When they were read, epoch nanoseconds.
 * @param policy       {@code SCHED_OTHER}, {@code SCHED_FIFO}, {@code SCHED_RR}, {@code SCHED_BATCH},
 *                     {@code SCHED_IDLE}, {@code SCHED_DEADLINE}, or {@code null} when not recorded.
 * @param nice         The nice value, -20..19.
 * @param rtPriority   The RT priority, 1..99 for FIFO and RR, else 0.
 * @param javaPriority {@code Thread.getPriority()}: recorded for people, ignored by Linux by default.
 * @param affinity     The allowed CPUs, e.g. {@code 0-3,8}, or {@code null}.
 * @param cgroup       The cgroup path, or {@code null}.
 * @param cpuWeight    The cgroup's {@code cpu.weight}, or -1 when unknown.
 */
public record SchedAttributes(long timeNs, String policy, int nice, int rtPriority, int javaPriority,
                              String affinity, String cgroup, int cpuWeight) {
}
