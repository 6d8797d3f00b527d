package pxlab.sim;

import java.util.function.LongPredicate;

/**
 * A fair run queue ({@code struct cfs_rq}): the root one of a CPU, or a group's share of that CPU.
 *
 * <p>All of {@code vruntime}, {@code deadline} and {@code lag} here are virtual nanoseconds. Entity keys are kept
 * relative to {@link #zeroVruntime}, which follows the weighted average, so the sums below stay far from overflow:
 * <pre>
 *   avgVruntime = Σ (v_i - v0) · w_i     avgLoad = Σ w_i      over the entities in the tree
 *   V = v0 + (avgVruntime + (v_curr - v0) · w_curr) / (avgLoad + w_curr)
 * </pre>
 * The running entity ({@link #curr}) is not in the tree, as in the kernel; it is added on the fly.
 */
final class CfsRq {

    final Runqueue rq;
    /** The group this queue belongs to, or {@code null} for the CPU's root queue. */
    final TaskGroup group;

    final EntityTree tree = new EntityTree();
    /** The entity that owns the CPU at this level ({@code cfs_rq->curr}); under proxy execution, the donor's. */
    SchedEntity curr;
    /** Entities accounted here, curr included when it is on the queue ({@code cfs_rq->nr_queued}). */
    int nrQueued;
    /** Σ w_i of every queued entity, curr included ({@code cfs_rq->load.weight}). */
    long loadWeight;
    long zeroVruntime;
    long avgVruntime;
    long avgLoad;
    /** For a group queue: the group's entity in the CPU's root queue; else {@code null}. */
    SchedEntity groupSe;

    CfsRq(Runqueue rq, TaskGroup group) {
        this.rq = rq;
        this.group = group;
    }

    private long key(SchedEntity se) {
        return se.vruntime - zeroVruntime;
    }

    private boolean currQueued() {
        return curr != null && curr.onRq;
    }

    /** Adds an entity to the tree and to the average ({@code __enqueue_entity()} with {@code avg_vruntime_add()}). */
    void enqueueTree(SchedEntity se) {
        avgVruntime = Math.addExact(avgVruntime, Math.multiplyExact(key(se), se.weight));
        avgLoad += se.weight;
        tree.insert(se);
    }

    /** Removes an entity from the tree and from the average ({@code __dequeue_entity()}). */
    void dequeueTree(SchedEntity se) {
        tree.remove(se);
        avgVruntime = Math.subtractExact(avgVruntime, Math.multiplyExact(key(se), se.weight));
        avgLoad -= se.weight;
    }

    /**
     * Returns the weighted average vruntime V. Mirrors {@code avg_vruntime()}.
     *
     * @return V, rounded toward negative infinity (a sign flip makes a plain division a ceiling).
     */
    long avgVruntime() {
        long avg = avgVruntime;
        long load = avgLoad;
        if (currQueued()) {
            avg = Math.addExact(avg, Math.multiplyExact(key(curr), curr.weight));
            load += curr.weight;
        }
        if (load != 0) avg = Math.floorDiv(avg, load);
        return zeroVruntime + avg;
    }

    /**
     * Returns whether an entity with this vruntime has non-negative lag, i.e. {@code v <= V}.
     * Mirrors {@code vruntime_eligible()}: compares {@code Σ (v_i - v0) w_i >= (v - v0) Σ w_i} so no precision is lost
     * to a division.
     *
     * @param vruntime The vruntime to test.
     * @return {@code true} if an entity with that vruntime is eligible.
     */
    boolean vruntimeEligible(long vruntime) {
        long avg = avgVruntime;
        long load = avgLoad;
        if (currQueued()) {
            avg = Math.addExact(avg, Math.multiplyExact(key(curr), curr.weight));
            load += curr.weight;
        }
        return avg >= Math.multiplyExact(vruntime - zeroVruntime, load);
    }

    private final LongPredicate eligible = this::vruntimeEligible;

    /**
     * Moves the zero point to the current average, so keys stay small. Mirrors {@code update_zero_vruntime()}.
     */
    void updateZeroVruntime() {
        long v = avgVruntime();
        long delta = v - zeroVruntime;
        if (delta == 0) return;
        avgVruntime = Math.subtractExact(avgVruntime, Math.multiplyExact(delta, avgLoad));
        zeroVruntime = v;
    }

    /**
     * Picks the entity to run at this level. Mirrors {@code pick_eevdf()} with slice protection:
     * among eligible entities (lag ≥ 0) pick the earliest virtual deadline; the current entity keeps the CPU
     * while its slice is protected ({@code RUN_TO_PARITY}).
     *
     * @param protect Whether a protected current entity wins outright.
     * @return The entity to run, or {@code null} when nothing is queued.
     */
    SchedEntity pickEevdf(boolean protect) {
        SchedEntity first = tree.first();
        SchedEntity c = curr;
        if (nrQueued == 1) return currQueued() ? c : first;
        if (c != null && (!c.onRq || !vruntimeEligible(c.vruntime))) c = null;
        if (c != null && protect && c.vprot - c.vruntime > 0) return c;
        SchedEntity best = tree.pickEligible(eligible);
        if (best == null || (c != null && c.before(best))) best = c;
        // With nothing eligible (only possible transiently after reweighting), fall back to the earliest deadline.
        return best != null ? best : (first != null ? first : (currQueued() ? curr : null));
    }

    /**
     * Places an entity that joins the queue. Mirrors {@code place_entity()}: keep the lag it left with, inflated so
     * that adding it does not move V ({@code vl_i = (W + w_i) · vl'_i / W}, {@code PLACE_LAG}); a new task asks for
     * half a slice ({@code PLACE_DEADLINE_INITIAL}); {@code vd_i = ve_i + r_i / w_i}.
     *
     * @param se      The entity, not yet accounted here.
     * @param initial Whether the entity is a task that has never run.
     */
    void placeEntity(SchedEntity se, boolean initial) {
        long vslice = Weights.calcDeltaFair(se.sliceNs, se.weight);
        long v = avgVruntime();
        long lag = 0;
        if (nrQueued > 0 && se.vlag != 0) {
            long load = avgLoad + (currQueued() ? curr.weight : 0);
            lag = Math.multiplyExact(se.vlag, load + se.weight);
            lag = load == 0 ? lag : lag / load;     // div_s64 truncates toward zero
        }
        se.vruntime = v - lag;
        if (initial) vslice /= 2;
        se.deadline = se.vruntime + vslice;
    }

    /**
     * Saves the lag of an entity that leaves, clamped to a slice or a tick. Mirrors {@code update_entity_lag()}.
     *
     * @param se     The entity, still accounted here.
     * @param tickNs The scheduler tick.
     */
    void updateEntityLag(SchedEntity se, long tickNs) {
        long lag = avgVruntime() - se.vruntime;
        long limit = Weights.calcDeltaFair(Math.max(2 * se.sliceNs, tickNs), se.weight);
        se.vlag = Math.max(-limit, Math.min(limit, lag));
    }

    /**
     * Charges virtual time to the current entity and renews its deadline when it is used up.
     * Mirrors the fair half of {@code update_curr()} with {@code update_deadline()}.
     *
     * @param deltaNs  Wall time the entity held the CPU.
     * @param deadline Whether to check the slice now; {@code false} where the kernel would not run
     *                 {@code update_curr()} (a task stepping through its program in user space), so the next check
     *                 still sees the slice used up.
     * @return {@code true} if the slice was used up, so the CPU should reschedule when others are queued.
     */
    boolean chargeCurr(long deltaNs, boolean deadline) {
        SchedEntity se = curr;
        se.vruntime += Weights.calcDeltaFair(deltaNs, se.weight);
        if (!deadline || se.vruntime - se.deadline < 0) return false;
        se.deadline = se.vruntime + Weights.calcDeltaFair(se.sliceNs, se.weight);
        return nrQueued > 1;
    }

    /**
     * Changes an entity's weight without moving V. Mirrors {@code reweight_eevdf()}: the lag is clamped as
     * {@code update_entity_lag()} clamps it; with V unchanged iff {@code vl' = vl · w / w'}, set
     * {@code v' = V - vl · w / w'} and scale the relative deadline the same way.
     *
     * @param se     An entity of this queue.
     * @param weight The new weight.
     * @param tickNs The scheduler tick, for the lag clamp.
     */
    void reweightEntity(SchedEntity se, long weight, long tickNs) {
        long old = se.weight;
        if (old == weight) return;
        if (!se.onRq) {
            se.vlag = Math.multiplyExact(se.vlag, old) / weight;
            se.weight = weight;
            return;
        }
        boolean inTree = se != curr;
        long v = avgVruntime();
        if (inTree) dequeueTree(se);
        long limit = Weights.calcDeltaFair(Math.max(2 * se.sliceNs, tickNs), old);
        long lag = Math.max(-limit, Math.min(limit, v - se.vruntime));
        long vl = Math.multiplyExact(lag, old) / weight;
        long rel = Math.multiplyExact(se.deadline - se.vruntime, old) / weight;
        long prot = Math.multiplyExact(se.vprot - se.vruntime, old) / weight;
        se.vruntime = v - vl;
        se.deadline = se.vruntime + rel;
        se.vprot = se.vruntime + prot;
        loadWeight += weight - old;
        se.weight = weight;
        if (inTree) enqueueTree(se);
    }

    @Override
    public String toString() {
        return (group == null ? "root" : group.name) + "@" + rq.cpu;
    }
}
