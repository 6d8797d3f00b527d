package pxlab.inversion;

import java.util.Objects;
import pxlab.sim.SchedPolicy;
import pxlab.sim.Weights;
import pxlab.trace.SchedAttributes;

/**
 * The part of a thread's scheduling attributes that decides who the CPU goes to: policy, nice value (as a load
 * weight), RT priority, and the cgroup's {@code cpu.weight}. Two contexts are compared with {@link #outranks}.
 *
 * @param policy       The policy.
 * @param nice         The nice value, -20..19 (used by the fair policies).
 * @param rtPriority   The RT priority, 1..99 for FIFO and RR, else 0.
 * @param cgroup       The cgroup path, or {@code null} when unknown.
 * @param cgroupWeight The cgroup's {@code cpu.weight}, 1..10000, or -1 when unknown.
 */
public record SchedContext(SchedPolicy policy, int nice, int rtPriority, String cgroup, int cgroupWeight) {


    public SchedContext {
        Objects.requireNonNull(policy);
        if (nice < -20 || nice > 19) throw new IllegalArgumentException("nice out of range: " + nice);
        if (policy.isRt() ? rtPriority < 1 || rtPriority > 99 : rtPriority != 0)
            throw new IllegalArgumentException("rt priority " + rtPriority + " does not fit " + policy.key());
    }

    /**
     * Creates a {@code SCHED_OTHER} context in an unknown cgroup.
     *
     * @param nice The nice value.
     * @return The context.
     */
    public static SchedContext fair(int nice) {
        return new SchedContext(SchedPolicy.FAIR, nice, 0, null, -1);
    }

    /**
     * Creates a real-time context in an unknown cgroup.
     *
     * @param policy     {@link SchedPolicy#FIFO} or {@link SchedPolicy#RR}.
     * @param rtPriority 1..99.
     * @return The context.
     */
    public static SchedContext rt(SchedPolicy policy, int rtPriority) {
        return new SchedContext(policy, 0, rtPriority, null, -1);
    }

    /**
     * Returns the context recorded attributes describe.
     *
     * @param a The attributes, or {@code null}.
     * @return The context, or {@code null} when {@code a} is null or its policy is one the comparison does not
     *         cover ({@code SCHED_DEADLINE}, an unknown number).
     */
    public static SchedContext of(SchedAttributes a) {
        if (a == null || a.policy() == null) return null;
        SchedPolicy policy;
        switch (a.policy()) {
            case "SCHED_OTHER": case "SCHED_NORMAL": policy = SchedPolicy.FAIR; break;
            case "SCHED_BATCH": policy = SchedPolicy.BATCH; break;
            case "SCHED_IDLE": policy = SchedPolicy.IDLE; break;
            case "SCHED_FIFO": policy = SchedPolicy.FIFO; break;
            case "SCHED_RR": policy = SchedPolicy.RR; break;
            default: return null;
        }
        int nice = Math.max(-20, Math.min(19, a.nice()));
        int rt = policy.isRt() ? Math.max(1, Math.min(99, a.rtPriority())) : 0;
        return new SchedContext(policy, nice, rt, a.cgroup(), a.cpuWeight() > 0 ? a.cpuWeight() : -1);
    }

    /**
     * Returns the thread's load weight within its group.
     *
     * @return {@code sched_prio_to_weight[nice + 20]}; 3 for {@code SCHED_IDLE}; 0 for RT, which has no weight.
     */
    public long weight() {
        if (policy.isRt()) return 0;
        return Weights.ofTask(policy, nice);   // the model's table: one copy of sched_prio_to_weight
    }

    /**
     * Returns whether a thread with this context would be picked over one with {@code other}: a waiter that
     * outranks its lock's owner is a priority inversion.
     *
     * <p>In order: a higher class wins (RT above fair above {@code SCHED_IDLE}, as the kernel's class list and
     * {@code sched_idle} handling rank them); between RT threads the higher RT priority wins; between fair threads
     * in different cgroups with known, different {@code cpu.weight}s the heavier group wins, since the group
     * entity is what competes at the parent's run queue; otherwise the higher load weight (lower nice) wins.
     * Equal contexts outrank neither way.
     *
     * @param other The other context.
     * @return {@code true} when this one is strictly ahead.
     */
    public boolean outranks(SchedContext other) {
        int byClass = Integer.compare(classRank(), other.classRank());
        if (byClass != 0) return byClass > 0;
        if (policy.isRt()) return rtPriority > other.rtPriority;
        if (inOtherGroup(other) && cgroupWeight != other.cgroupWeight) return cgroupWeight > other.cgroupWeight;
        return weight() > other.weight();
    }

    /**
     * Describes the context for people.
     *
     * @return e.g. {@code SCHED_OTHER nice 19}, {@code SCHED_FIFO 50}, {@code SCHED_IDLE}.
     */
    public String describe() {
        switch (policy) {
            case FIFO: return "SCHED_FIFO " + rtPriority;
            case RR: return "SCHED_RR " + rtPriority;
            case IDLE: return "SCHED_IDLE";
            case BATCH: return "SCHED_BATCH nice " + nice;
            default: return "SCHED_OTHER nice " + nice;
        }
    }

    private int classRank() {
        if (policy.isRt()) return 2;
        return policy == SchedPolicy.IDLE ? 0 : 1;
    }

    private boolean inOtherGroup(SchedContext other) {
        return cgroup != null && other.cgroup != null && !cgroup.equals(other.cgroup)
                && cgroupWeight > 0 && other.cgroupWeight > 0;
    }
}
