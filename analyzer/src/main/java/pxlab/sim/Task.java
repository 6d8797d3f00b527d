package pxlab.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A task's state in the model ({@code struct task_struct}): scheduling attributes, where it is queued, what it is
 * blocked on, where its program is, and what it has been charged.
 */
final class Task {

    /** Where a task is, for accounting; {@link #onRq} and {@link #blockedOn} hold the scheduler's view. */
    enum State {
        /** Not yet released. */
        NEW,
        /** Queued and wanting the CPU, not running. */
        RUNNABLE,
        /** Executing on a CPU ({@code rq->curr}), possibly as a donor's proxy, possibly spinning. */
        RUNNING,
        /** Waiting for a lock ({@code blocked_on} set), queued as a donor or off the queue. */
        BLOCKED,
        /** Off the queue until its sleep timer fires. */
        SLEEPING,
        /** Woken, on its way to a run queue (the wakeup cost). */
        WAKING,
        /** A donor in flight to its owner's CPU, for the migration cost ({@code task_on_rq_migrating()}). */
        MIGRATING,
        /** Its program ended. */
        EXITED
    }

    final int id;
    final String name;
    final TaskSpec spec;
    final SchedPolicy policy;
    final CpuMask affinity;
    final TaskGroup group;
    final Program program;
    /** Static weight from nice or {@code SCHED_IDLE}; priority inheritance never changes it. */
    final long weight;
    /** The RT priority the task was given (0 for fair policies): {@code normal_prio}. */
    final int normalPrio;
    final SchedEntity se;

    /** Effective RT priority, 0 when the task schedules in the fair class: {@code prio} after PI boosting. */
    int prio;
    /** The CPU whose queue holds the task, or last held it ({@code task_cpu()}). */
    int cpu;
    /** The CPU to return to after a donor migration ({@code wake_cpu}), or -1. */
    int wakeCpu = -1;
    boolean onRq;
    /** Position in its run queue's {@code queued} list, or -1. */
    int rqIndex = -1;
    State state = State.NEW;
    long stateSinceNs;

    /** The lock this task waits for ({@code blocked_on}), or {@code null}. */
    Lock blockedOn;
    /** The lock this task spins on while its owner runs, or {@code null}. */
    Lock spinningOn;
    /** Under proxy: the donor whose context this task last ran with and that waits on a lock it holds ({@code blocked_donor}). */
    Task blockedDonor;
    /** Under the v6 sleeping-owner handling: donors parked on this task until it wakes. */
    List<Task> parkedDonors;
    /** The owner this donor is parked on, or {@code null}. */
    Task parkedOn;
    /** A donor that got its lock while it was a CPU's scheduling context: return-migrate at the next schedule. */
    boolean needsReturn;
    /** This waiter was woken by an unlock to compete for its lock; failing again asks for a handoff. */
    boolean woken;
    /** Where a {@link State#MIGRATING} donor lands. */
    int migrateTo = -1;
    /** Donor migrations since this donor's chain last ran an owner; bounded to stop ping-pong (docs/model.md). */
    int proxyBounces;
    /** Locks this task holds, in acquisition order. */
    final List<Lock> held = new ArrayList<>(2);

    // RT: next task at the same priority on the same CPU, and the RR budget.
    Task rtNext;
    Task rtPrev;
    long rrLeftNs;

    // Program cursor.
    int pc;
    final long[] loopLeft;
    long runLeftNs;
    /** CPU time the task burns before progressing: migration cost (cold caches). */
    long pendingOverheadNs;
    /** When the current contended lock attempt began, or -1. */
    long lockWaitStartNs = -1;
    final long[] markBeginNs;

    // Charges, in wall nanoseconds.
    long cpuNs;
    long spinNs;
    long lockWaitNs;
    long runnableWaitNs;
    int migrations;
    long finishedNs = -1;
    long lastRanNs;
    final LongList[] latencies;

    Task(int id, TaskSpec spec, TaskGroup group, Program program, long sliceNs, int seq) {
        this.id = id;
        this.name = spec.name();
        this.spec = spec;
        this.policy = spec.policy();
        this.affinity = spec.affinity();
        this.group = group;
        this.program = program;
        this.weight = Weights.ofTask(spec.policy(), spec.nice());
        this.normalPrio = spec.rtPriority();
        this.prio = normalPrio;
        this.se = new SchedEntity(this, null, seq);
        se.weight = weight;
        se.sliceNs = sliceNs;
        this.loopLeft = new long[program.length()];
        this.markBeginNs = new long[program.requests.size()];
        java.util.Arrays.fill(markBeginNs, -1);
        this.latencies = new LongList[program.requests.size()];
        for (int i = 0; i < latencies.length; i++) latencies[i] = new LongList();
    }

    /** Returns whether the task schedules in the RT class now (its own policy or a PI boost). */
    boolean isRt() {
        return prio > 0;
    }

    /** Returns whether the task may run on a CPU. */
    boolean allowed(int cpu) {
        return affinity == null || affinity.contains(cpu);
    }

    /** Moves the task to another accounting state, charging the time spent runnable. */
    void setState(State next, long nowNs) {
        if (state == State.RUNNABLE) runnableWaitNs += nowNs - stateSinceNs;
        state = next;
        stateSinceNs = nowNs;
    }

    @Override
    public String toString() {
        return name;
    }

    /** A growable array of longs, for request latencies. */
    static final class LongList {
        long[] a = new long[8];
        int n;

        void add(long v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        long[] sorted() {
            long[] s = java.util.Arrays.copyOf(a, n);
            java.util.Arrays.sort(s);
            return s;
        }
    }
}
