package pxlab.sim;

/**
 * Task placement and load balancing: where a waking task goes, and when an idle or lightly loaded CPU pulls work.
 *
 * <p>A simplification of kernel/sched/fair.c and rt.c: the fair balancer evens out task counts
 * ({@code migrate_task}), not PELT load, within one flat domain; RT tasks are pushed at wakeup and pulled by CPUs
 * about to run something of lower priority. Blocked donors count as load, as {@code nr_running} does in the kernel,
 * but are never moved by the balancer (docs/model.md#load-balancing).
 */
final class LoadBalance {

    private final Simulator sim;

    LoadBalance(Simulator sim) {
        this.sim = sim;
    }

    /**
     * Returns the CPU for a new task: the allowed CPU with the fewest tasks, lowest number first
     * ({@code sched_balance_find_dst_cpu()}).
     *
     * @param p The task.
     * @return A CPU in its affinity.
     */
    int selectInitialCpu(Task p) {
        int best = -1;
        int bestLoad = Integer.MAX_VALUE;
        for (Runqueue rq : sim.rqs) {
            if (!p.allowed(rq.cpu)) continue;
            int load = rq.nrRunning() + (rq.curr != null && !rq.curr.onRq ? 1 : 0);
            if (load < bestLoad) {
                best = rq.cpu;
                bestLoad = load;
            }
        }
        return best;
    }

    /**
     * Returns the CPU a waking task is queued on ({@code select_task_rq()}).
     *
     * @param p       The task.
     * @param prevCpu The CPU it last ran on.
     * @return A CPU in its affinity.
     */
    int selectTaskRq(Task p, int prevCpu) {
        return p.isRt() ? selectRtCpu(p, prevCpu) : selectFairCpu(p, prevCpu);
    }

    /**
     * Fair placement ({@code select_idle_sibling()}): the previous CPU if idle, else the next idle allowed CPU after
     * it, else the previous CPU.
     */
    private int selectFairCpu(Task p, int prevCpu) {
        int n = sim.rqs.length;
        if (p.allowed(prevCpu) && sim.rqs[prevCpu].idle()) return prevCpu;
        for (int i = 1; i < n; i++) {
            int cpu = (prevCpu + i) % n;
            if (p.allowed(cpu) && sim.rqs[cpu].idle()) return cpu;
        }
        if (p.allowed(prevCpu)) return prevCpu;
        return leastLoaded(p);
    }

    /**
     * RT placement ({@code select_task_rq_rt()} with {@code find_lowest_rq()}): stay if the task would preempt what
     * runs there, else the allowed CPU running the lowest priority.
     */
    private int selectRtCpu(Task p, int prevCpu) {
        if (p.allowed(prevCpu) && currPrio(sim.rqs[prevCpu]) < p.prio) return prevCpu;
        int best = -1;
        int bestPrio = Integer.MAX_VALUE;
        int n = sim.rqs.length;
        for (int i = 0; i < n; i++) {
            int cpu = (prevCpu + i) % n;
            if (!p.allowed(cpu)) continue;
            int prio = currPrio(sim.rqs[cpu]);
            if (prio < bestPrio) {
                best = cpu;
                bestPrio = prio;
            }
        }
        if (bestPrio < p.prio) return best;
        return p.allowed(prevCpu) ? prevCpu : best;
    }

    /** Returns the priority running on a CPU: -1 idle, 0 fair, else the RT priority. */
    private static int currPrio(Runqueue rq) {
        if (rq.idle()) return -1;
        Task d = rq.donor;
        int running = d == null ? 0 : d.prio;
        return Math.max(running, rq.rt.highestPrio());
    }

    private int leastLoaded(Task p) {
        int best = -1;
        for (Runqueue rq : sim.rqs) {
            if (p.allowed(rq.cpu) && (best < 0 || rq.nrRunning() < sim.rqs[best].nrRunning())) best = rq.cpu;
        }
        return best;
    }

    /**
     * Pulls a queued RT task that outranks everything here from a CPU where it cannot run now
     * ({@code pull_rt_task()}).
     *
     * @param rq The CPU about to pick.
     */
    void pullRt(Runqueue rq) {
        if (sim.rtOverloaded == 0) return;
        int here = rq.rt.highestPrio();
        Task best = null;
        for (Runqueue src : sim.rqs) {
            if (src == rq || src.rt.nrRunning < 2) continue;
            for (int prio = src.rt.highestPrio(); prio > here; prio--) {
                for (Task t = src.rt.first(prio); t != null; t = t.rtNext) {
                    if (t != src.curr && t != src.donor && t.blockedOn == null && t.allowed(rq.cpu)
                            && (best == null || t.prio > best.prio)) {
                        best = t;
                    }
                }
                if (best != null) break;
            }
        }
        if (best != null) move(sim.rqs[best.cpu], best, rq);
    }

    /**
     * Pulls one task to a CPU that is about to go idle ({@code sched_balance_newidle()}).
     *
     * @param rq The idle CPU.
     * @return {@code true} if a task was pulled.
     */
    boolean newidleBalance(Runqueue rq) {
        return pullFair(rq, 1);
    }

    /**
     * Evens out task counts from the busiest CPU ({@code sched_balance_rq()} on the periodic tick).
     *
     * @param rq The CPU balancing.
     */
    void periodicBalance(Runqueue rq) {
        pullFair(rq, 2);
    }

    /**
     * Wakes an idle CPU to pull work when this one has more than it can run ({@code nohz_balancer_kick()}): idle CPUs
     * do not tick, so without the kick they would never balance.
     *
     * @param rq The busy CPU, on its tick.
     */
    void nohzKick(Runqueue rq) {
        if (rq.nrRunning() < 2) return;
        for (Runqueue idle : sim.rqs) {
            if (idle.idle()) {
                sim.resched(idle);
                return;
            }
        }
    }

    /**
     * Pulls the least recently run movable fair task from the CPU with the most tasks, when that CPU has at least
     * {@code imbalance} more than this one.
     */
    private boolean pullFair(Runqueue rq, int imbalance) {
        Runqueue busiest = null;
        for (Runqueue src : sim.rqs) {
            if (src != rq && (busiest == null || src.nrRunning() > busiest.nrRunning())) busiest = src;
        }
        // A CPU with one task runs it: only a CPU with tasks waiting has anything to give.
        if (busiest == null || busiest.nrRunning() < 2 || busiest.nrRunning() - rq.nrRunning() < imbalance) return false;
        Task pick = null;
        for (Task t : busiest.queued) {
            if (t == busiest.curr || t == busiest.donor || t.isRt() || t.blockedOn != null || !t.allowed(rq.cpu))
                continue;
            if (pick == null || t.lastRanNs < pick.lastRanNs) pick = t;
        }
        if (pick == null) return false;
        move(busiest, pick, rq);
        return true;
    }

    private void move(Runqueue src, Task p, Runqueue dst) {
        sim.deactivateTask(src, p);
        sim.migrated(p);
        sim.activateTask(dst, p, false);
        sim.wakeupPreempt(dst, p);
    }
}
