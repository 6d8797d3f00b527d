package pxlab.jfr;

/**
 * One {@code pxlab.ThreadSched} event: a thread's scheduling attributes at {@code timeNs}.
 *
 * @param timeNs       When the attributes were read, epoch nanoseconds.
 * @param thread       The thread described (its OS id filled in from the event's {@code osThreadId}).
 * @param javaPriority {@code Thread.getPriority()}.
 * @param policy       {@code SCHED_OTHER}, {@code SCHED_FIFO}, ... or {@code null} when not recorded.
 * @param nice         The nice value.
 * @param rtPriority   The RT priority, 0 for fair policies.
 * @param affinity     The allowed CPUs as a list such as {@code 0-3,8}, or {@code null}.
 * @param cgroup       The cgroup path, or {@code null}.
 * @param cpuWeight    The cgroup's {@code cpu.weight}, or -1 when unknown.
 */
public record ThreadSchedEvent(long timeNs, JfrThread thread, int javaPriority, String policy, int nice,
                               int rtPriority, String affinity, String cgroup, int cpuWeight) {
}
