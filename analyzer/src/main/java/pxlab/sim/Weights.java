package pxlab.sim;

/**
 * Load weights and the fair clock: {@code sched_prio_to_weight} and {@code calc_delta_fair()}.
 */
public final class Weights {

    /** The weight of a nice-0 task ({@code NICE_0_LOAD} without the fixed-point scaling). */
    static final long NICE_0_LOAD = 1024;
    /** The weight of a {@code SCHED_IDLE} task ({@code WEIGHT_IDLEPRIO}). */
    static final long WEIGHT_IDLEPRIO = 3;
    /** The least share a group entity gets on a CPU ({@code MIN_SHARES}). */
    static final long MIN_SHARES = 2;

    // kernel/sched/core.c: each nice step is ~10% CPU, a ratio of ~1.25 between neighbours.
    private static final long[] SCHED_PRIO_TO_WEIGHT = {
            /* -20 */ 88761, 71755, 56483, 46273, 36291,
            /* -15 */ 29154, 23254, 18705, 14949, 11916,
            /* -10 */ 9548, 7620, 6100, 4904, 3906,
            /*  -5 */ 3121, 2501, 1991, 1586, 1277,
            /*   0 */ 1024, 820, 655, 526, 423,
            /*   5 */ 335, 272, 215, 172, 137,
            /*  10 */ 110, 87, 70, 56, 45,
            /*  15 */ 36, 29, 23, 18, 15,
    };

    private Weights() {
    }

    /**
     * Returns the load weight of a fair task.
     *
     * @param policy The task's policy.
     * @param nice   Its nice value, -20..19.
     * @return {@code sched_prio_to_weight[nice + 20]}, or {@link #WEIGHT_IDLEPRIO} for {@code SCHED_IDLE}.
     */
    public static long ofTask(SchedPolicy policy, int nice) {
        if (policy == SchedPolicy.IDLE) return WEIGHT_IDLEPRIO;
        return SCHED_PRIO_TO_WEIGHT[nice + 20];
    }

    /**
     * Returns a group's shares from its cgroup v2 {@code cpu.weight}.
     * Mirrors {@code sched_weight_from_cgroup()}: {@code DIV_ROUND_CLOSEST(weight * 1024, 100)}.
     *
     * @param cpuWeight The group's {@code cpu.weight}, 1..10000.
     * @return The group's shares in load-weight units.
     */
    static long ofGroup(int cpuWeight) {
        return (cpuWeight * NICE_0_LOAD + 50) / 100;
    }

    /**
     * Converts wall time into an entity's virtual time: {@code delta * NICE_0_LOAD / weight}.
     * Mirrors {@code calc_delta_fair()}; like {@code __calc_delta()} it truncates, so virtual time never runs ahead.
     *
     * @param deltaNs The wall nanoseconds.
     * @param weight  The entity's weight.
     * @return The virtual nanoseconds.
     */
    static long calcDeltaFair(long deltaNs, long weight) {
        if (weight == NICE_0_LOAD) return deltaNs;
        return Math.multiplyExact(deltaNs, NICE_0_LOAD) / weight;
    }
}
