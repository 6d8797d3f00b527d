package pxlab.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The run queue of one CPU ({@code struct rq}).
 *
 * <p>Under proxy execution the two contexts may differ: {@link #donor} is the task whose scheduling context is
 * charged (its vruntime, deadline, RT budget) and {@link #curr} the task whose code runs, as in the kernel's
 * {@code rq->donor} and {@code rq->curr}.
 */
final class Runqueue {

    final int cpu;
    final CfsRq cfs;
    final RtRq rt = new RtRq();
    /** Execution context: the task running on this CPU, or {@code null} when idle. */
    Task curr;
    /** Scheduling context: the task that was picked; differs from curr while a donor runs its lock's owner. */
    Task donor;
    /** Tasks queued here, in both classes, blocked donors included ({@code rq->nr_running}). */
    final List<Task> queued = new ArrayList<>();

    /** When curr was last charged ({@code exec_start}). */
    long execStartNs;
    /** Context-switch and migration cost still to burn before curr progresses. */
    long overheadLeftNs;
    boolean needResched;
    /** The last pick found a chain whose owner is in flight to this CPU: stay idle until it lands. */
    boolean proxyIdle;
    /** Bumped whenever curr's next segment end changes; stale segment events are dropped. */
    int segGen;
    /** When the armed segment timer fires, or -1 when none is armed. */
    long segAtNs = -1;
    boolean tickArmed;
    long lastBalanceNs;
    /** The interval being recorded for the schedule output: since when, which code, whose context. */
    long intervalStartNs;
    Task intervalExec;
    Task intervalDonor;

    Runqueue(int cpu) {
        this.cpu = cpu;
        this.cfs = new CfsRq(this, null);
    }

    int nrRunning() {
        return queued.size();
    }

    boolean idle() {
        return curr == null && queued.isEmpty();
    }

    void addQueued(Task p) {
        p.rqIndex = queued.size();
        queued.add(p);
    }

    /** Removes in O(1) by moving the last task into the hole; the order stays a function of the operations. */
    void removeQueued(Task p) {
        int i = p.rqIndex;
        Task last = queued.remove(queued.size() - 1);
        if (last != p) {
            queued.set(i, last);
            last.rqIndex = i;
        }
        p.rqIndex = -1;
    }

    @Override
    public String toString() {
        return "cpu" + cpu;
    }
}
