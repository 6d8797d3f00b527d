package pxlab.sim;

import java.util.List;
import java.util.Objects;

/**
 * A task as a scenario or a replay describes it: scheduling attributes and a program.
 *
 * @param name       The unique task name.
 * @param policy     The scheduling policy.
 * @param nice       The nice value, -20..19; used by {@link SchedPolicy#FAIR} and {@link SchedPolicy#BATCH}.
 * @param rtPriority The RT priority, 1..99 for {@link SchedPolicy#FIFO} and {@link SchedPolicy#RR}, else 0.
 * @param affinity   The CPUs the task may run on, or {@code null} for all CPUs.
 * @param group      The cgroup's name, or {@code null} for the root group.
 * @param startNs    When the task first becomes runnable.
 * @param program    The steps the task executes, in order.
 */
public record TaskSpec(String name, SchedPolicy policy, int nice, int rtPriority, CpuMask affinity, String group,
                       long startNs, List<Op> program) {

    public TaskSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(policy);
        if (nice < -20 || nice > 19) throw new IllegalArgumentException("nice out of range: " + nice);
        if (policy.isRt() ? rtPriority < 1 || rtPriority > 99 : rtPriority != 0)
            throw new IllegalArgumentException("rt_priority " + rtPriority + " does not fit policy " + policy.key());
        if (startNs < 0) throw new IllegalArgumentException("negative start " + startNs);
        program = List.copyOf(program);
    }

    /**
     * Creates a nice-0 fair task on all CPUs in the root group, released at time 0.
     *
     * @param name    The task name.
     * @param program The task's steps.
     * @return A new task specification.
     */
    public static TaskSpec fair(String name, List<Op> program) {
        return new TaskSpec(name, SchedPolicy.FAIR, 0, 0, null, null, 0, program);
    }

    /**
     * Returns a copy with another nice value.
     *
     * @param nice The nice value.
     * @return A new task specification.
     */
    public TaskSpec withNice(int nice) {
        return new TaskSpec(name, policy, nice, rtPriority, affinity, group, startNs, program);
    }

    /**
     * Returns a copy with another policy and RT priority.
     *
     * @param policy     The policy.
     * @param rtPriority The RT priority (0 for fair policies).
     * @return A new task specification.
     */
    public TaskSpec withPolicy(SchedPolicy policy, int rtPriority) {
        return new TaskSpec(name, policy, nice, rtPriority, affinity, group, startNs, program);
    }

    /**
     * Returns a copy released at another time.
     *
     * @param startNs The release time.
     * @return A new task specification.
     */
    public TaskSpec withStart(long startNs) {
        return new TaskSpec(name, policy, nice, rtPriority, affinity, group, startNs, program);
    }

    /**
     * Returns a copy with another affinity.
     *
     * @param affinity The CPUs, or {@code null} for all.
     * @return A new task specification.
     */
    public TaskSpec withAffinity(CpuMask affinity) {
        return new TaskSpec(name, policy, nice, rtPriority, affinity, group, startNs, program);
    }

    /**
     * Returns a copy in another group.
     *
     * @param group The group name, or {@code null} for the root group.
     * @return A new task specification.
     */
    public TaskSpec withGroup(String group) {
        return new TaskSpec(name, policy, nice, rtPriority, affinity, group, startNs, program);
    }
}
