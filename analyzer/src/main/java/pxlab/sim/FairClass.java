package pxlab.sim;

/**
 * The fair class: EEVDF over a two-level hierarchy (the CPU's root queue, and one queue per group per CPU).
 * Mirrors {@code fair_sched_class} in kernel/sched/fair.c as of Linux 6.18, without PELT and without delayed dequeue
 * (docs/model.md#gaps).
 *
 * <p>{@code vruntime}, {@code deadline} and {@code lag} are virtual nanoseconds: an entity of weight {@code w}
 * advances {@code 1024 / w} virtual nanoseconds per wall nanosecond it runs.
 */
final class FairClass {

    private final long tickNs;

    FairClass(long tickNs) {
        this.tickNs = tickNs;
    }

    /** Returns the queue a task's entity belongs to on a CPU ({@code cfs_rq_of()} after {@code set_task_cpu()}). */
    static CfsRq cfsRqOf(Task p, Runqueue rq) {
        return p.group == null ? rq.cfs : p.group.cfsRq[rq.cpu];
    }

    /**
     * Queues a task and, when its group's queue was empty, the group's entity. Mirrors {@code enqueue_task_fair()}.
     *
     * @param rq      The CPU's run queue; its current entity must have been charged up to now.
     * @param p       The task.
     * @param initial Whether the task has never run ({@code ENQUEUE_INITIAL}).
     */
    void enqueueTask(Runqueue rq, Task p, boolean initial) {
        CfsRq q = cfsRqOf(p, rq);
        enqueueEntity(q, p.se, initial);
        if (q.group != null) {
            q.group.loadWeight += p.se.weight;
            if (!q.groupSe.onRq) enqueueEntity(rq.cfs, q.groupSe, false);
            updateCfsGroup(q);
        }
    }

    /**
     * Takes a task off its queue, saving its lag, and the group's entity when the group's queue empties.
     * Mirrors {@code dequeue_task_fair()}.
     *
     * @param rq The CPU's run queue; its current entity must have been charged up to now.
     * @param p  The task.
     */
    void dequeueTask(Runqueue rq, Task p) {
        CfsRq q = p.se.cfsRq;
        dequeueEntity(q, p.se);
        if (q.group != null) {
            q.group.loadWeight -= p.se.weight;
            if (q.nrQueued == 0) dequeueEntity(rq.cfs, q.groupSe);
            else updateCfsGroup(q);
        }
    }

    private void enqueueEntity(CfsRq q, SchedEntity se, boolean initial) {
        q.updateZeroVruntime();
        q.placeEntity(se, initial);
        se.cfsRq = q;
        q.loadWeight += se.weight;
        q.nrQueued++;
        se.onRq = true;
        if (se != q.curr) q.enqueueTree(se);
    }

    private void dequeueEntity(CfsRq q, SchedEntity se) {
        q.updateEntityLag(se, tickNs);
        if (se != q.curr) q.dequeueTree(se);
        q.loadWeight -= se.weight;
        q.nrQueued--;
        se.onRq = false;
        q.updateZeroVruntime();
    }

    /**
     * Sets a group entity's weight to its share of the group ({@code update_cfs_group()}).
     *
     * @param q A group's queue on one CPU.
     */
    void updateCfsGroup(CfsRq q) {
        if (q.group == null || !q.groupSe.onRq) return;
        q.groupSe.cfsRq.reweightEntity(q.groupSe, q.group.calcGroupShares(q), tickNs);
    }

    /**
     * Returns the task EEVDF would run next, without committing to it. Mirrors {@code pick_task_fair()}: pick at the
     * root, then inside the picked group.
     *
     * @param rq The run queue.
     * @return The task, or {@code null} when no fair task is queued.
     */
    Task pickTask(Runqueue rq) {
        if (rq.cfs.nrQueued == 0) return null;
        SchedEntity se = rq.cfs.pickEevdf(true);
        if (se != null && se.myQ != null) se = se.myQ.pickEevdf(true);
        return se == null ? null : se.task;
    }

    /**
     * Makes a task's entities the current ones at every level, putting back whatever was current there.
     * Mirrors {@code set_next_task_fair()} with {@code set_next_entity()} and {@code set_protect_slice()}.
     *
     * @param rq The run queue.
     * @param p  The task picked as the scheduling context (the donor).
     */
    void setNextTask(Runqueue rq, Task p) {
        CfsRq q = p.se.cfsRq;
        if (q.curr != p.se) setNextEntity(q, p.se);
        SchedEntity top = q.group == null ? p.se : q.groupSe;
        if (rq.cfs.curr != top) setNextEntity(rq.cfs, top);
    }

    /**
     * Puts back a task's entities that are current, at every level where another entity is to take over.
     * Mirrors {@code put_prev_task_fair()}.
     *
     * @param rq   The run queue.
     * @param prev The task that was the scheduling context.
     * @param next The task that will be, or {@code null}.
     */
    void putPrevTask(Runqueue rq, Task prev, Task next) {
        CfsRq q = prev.se.cfsRq;
        boolean sameGroup = next != null && !next.isRt() && next.se.cfsRq == q && q.group != null;
        if (q.curr == prev.se && next != prev) putPrevEntity(q, prev.se);
        if (q.group != null && !sameGroup && rq.cfs.curr == q.groupSe) putPrevEntity(rq.cfs, q.groupSe);
    }

    private static void setNextEntity(CfsRq q, SchedEntity se) {
        if (q.curr != null) putPrevEntity(q, q.curr);
        if (se.onRq) q.dequeueTree(se);
        q.curr = se;
        se.vprot = se.deadline;
    }

    private static void putPrevEntity(CfsRq q, SchedEntity prev) {
        if (prev.onRq) q.enqueueTree(prev);
        q.curr = null;
    }

    /**
     * Charges wall time to the scheduling context at every level. Mirrors the fair part of {@code update_curr()}.
     *
     * @param rq      The run queue.
     * @param donor   The fair task whose context is charged.
     * @param deltaNs  The wall time.
     * @param deadline Whether to check slices now (see {@link CfsRq#chargeCurr}).
     * @return {@code true} if a slice was used up while others are queued at that level.
     */
    boolean charge(Runqueue rq, Task donor, long deltaNs, boolean deadline) {
        CfsRq q = donor.se.cfsRq;
        boolean resched = q.curr == donor.se && q.chargeCurr(deltaNs, deadline);
        if (q.group != null && rq.cfs.curr == q.groupSe) resched |= rq.cfs.chargeCurr(deltaNs, deadline);
        return resched;
    }

    /**
     * Updates the group share of the scheduling context's group on a tick ({@code entity_tick()}).
     *
     * @param donor The fair task whose context runs.
     */
    void tick(Task donor) {
        CfsRq q = donor.se.cfsRq;
        if (q.group != null) updateCfsGroup(q);
    }

    /**
     * Decides whether a woken fair task should preempt the running context. Mirrors
     * {@code check_preempt_wakeup_fair()}: compare at the level where both have entities ({@code find_matching_se()})
     * and preempt when EEVDF, slice protection included, would pick the woken one.
     *
     * @param rq    The run queue, charged up to now.
     * @param donor The running scheduling context, fair.
     * @param p     The woken task, queued on {@code rq}.
     * @return {@code true} to reschedule.
     */
    boolean wakeupPreempt(Runqueue rq, Task donor, Task p) {
        if (donor.policy == SchedPolicy.IDLE && p.policy != SchedPolicy.IDLE) return true;
        if (p.policy != SchedPolicy.FAIR) return false;   // batch and idle never preempt on wakeup
        SchedEntity se = donor.se;
        SchedEntity pse = p.se;
        if (se.cfsRq != pse.cfsRq) {
            se = se.cfsRq.group == null ? se : se.cfsRq.groupSe;
            pse = pse.cfsRq.group == null ? pse : pse.cfsRq.groupSe;
        }
        if (se == pse || se.cfsRq != pse.cfsRq) return false;
        return se.cfsRq.pickEevdf(true) == pse;
    }
}
