package pxlab.sim;

/**
 * rt_mutex priority inheritance: an owner runs at the RT priority of its highest RT waiter, along the whole chain.
 * Mirrors {@code rt_mutex_adjust_prio_chain()} and {@code rt_mutex_setprio()} in kernel/locking/rtmutex.c and
 * kernel/sched/core.c.
 *
 * <p><b>Note</b>: only RT priority is inherited. A fair task keeps its own weight whatever its waiters' nice values,
 * because the kernel computes weight from {@code static_prio}; that is why classic PI does not help fair tasks.
 */
final class PriorityInheritance {

    private final Simulator sim;

    PriorityInheritance(Simulator sim) {
        this.sim = sim;
    }

    /**
     * Recomputes a task's effective priority from its own and its waiters', and walks on to the owner of the lock
     * it waits for when that changed.
     *
     * @param p A task that gained or lost waiters, or whose waiter's priority changed.
     */
    void adjustPrio(Task p) {
        for (int depth = 0; p != null && depth <= sim.tasks.length; depth++) {
            int prio = p.normalPrio;
            for (Lock l : p.held) {
                // Every waiter on the list boosts, including one woken and retrying, as in the rt_mutex waiter tree.
                for (Task w : l.waiters) prio = Math.max(prio, w.prio);
            }
            if (prio == p.prio) return;
            setPrio(p, prio);
            p = p.blockedOn == null ? null : p.blockedOn.owner;
        }
    }

    /**
     * Changes a task's effective priority, moving it between the fair and RT classes when boosting starts or ends.
     * Mirrors {@code rt_mutex_setprio()}: a queued task is dequeued at its old priority and queued at the new one.
     */
    private void setPrio(Task p, int prio) {
        if (!p.onRq) {
            p.prio = prio;
            return;
        }
        Runqueue rq = sim.rqs[p.cpu];
        boolean running = rq.donor == p;
        sim.updateCurr(rq);   // charge p's context before it is taken off the CPU
        if (running) sim.putPrevContext(rq, p, null);
        sim.deactivateTask(rq, p);
        p.prio = prio;
        sim.activateTask(rq, p, false);
        if (running) sim.resched(rq);
        else sim.wakeupPreempt(rq, p);
        if (p.state == Task.State.RUNNABLE && rq.curr == p) p.setState(Task.State.RUNNING, sim.now);
    }
}
