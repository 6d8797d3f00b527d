package pxlab.sim;

/**
 * A cgroup v2 group one level below the root ({@code struct task_group}), with its run queue and entity per CPU.
 *
 * <p><b>Note</b>: shares follow the runnable weight instantly; the kernel follows PELT load averages, which lag.
 */
final class TaskGroup {

    final String name;
    /** {@code tg->shares}: the group's weight from its {@code cpu.weight}. */
    final long shares;
    final CfsRq[] cfsRq;
    /** Σ over CPUs of the queued weight of the group's queues ({@code tg->load_avg}, without averaging). */
    long loadWeight;

    TaskGroup(String name, int cpuWeight, Runqueue[] rqs, int seqBase, long sliceNs) {
        this.name = name;
        this.shares = Weights.ofGroup(cpuWeight);
        this.cfsRq = new CfsRq[rqs.length];
        for (int cpu = 0; cpu < rqs.length; cpu++) {
            CfsRq q = new CfsRq(rqs[cpu], this);
            SchedEntity se = new SchedEntity(null, q, seqBase + cpu);
            se.weight = shares;
            se.sliceNs = sliceNs;   // a group entity asks for its children's slice, all the base slice here
            se.cfsRq = rqs[cpu].cfs;
            q.groupSe = se;
            cfsRq[cpu] = q;
        }
    }

    /**
     * Returns this group's share of one CPU. Mirrors {@code calc_group_shares()}:
     * {@code shares · load / tg_load}, clamped to {@code [MIN_SHARES, shares]}.
     *
     * @param q The group's queue on that CPU.
     * @return The weight of the group's entity on that CPU.
     */
    long calcGroupShares(CfsRq q) {
        long load = q.loadWeight;
        long s = loadWeight == 0 ? shares : Math.multiplyExact(shares, load) / loadWeight;
        return Math.max(Weights.MIN_SHARES, Math.min(shares, s));
    }

    @Override
    public String toString() {
        return name;
    }
}
