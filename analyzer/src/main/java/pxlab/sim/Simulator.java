package pxlab.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The discrete-event scheduler model: N CPUs, integer nanoseconds, deterministic.
 *
 * <p>The loop pops the earliest timer ({@code (timeNs, seq)} order), handles it, then runs {@link #schedule} on every
 * CPU that was asked to reschedule, lowest CPU first. Mechanisms live in their own classes: {@link FairClass} (EEVDF),
 * {@link RtRq} (FIFO/RR), {@link Locking} (mutexes), {@link ProxyExec}, {@link PriorityInheritance} and
 * {@link LoadBalance}, and {@link ProgramRunner} steps programs; this class owns time, the run queues and
 * {@code __schedule()}.
 *
 * <p>Instances run once; use {@link #run(Workload, SimConfig, Policy, ScheduleSink)}.
 */
public final class Simulator {

    private static final int START = 0, WAKE = 1, SEGMENT = 2, TICK = 3, MIGRATE = 4;
    private static final int RESCHED_LIMIT = 1_000_000;

    final Workload workload;
    final SimConfig config;
    final Policy policy;
    /** The lock acquisition mode in force, as the policy resolves it ({@link Policy#lockMode}). */
    final LockMode lockMode;
    final Runqueue[] rqs;
    final Task[] tasks;
    final Lock[] locks;
    final FairClass fair;
    final Locking locking;
    final ProxyExec proxy;
    final PriorityInheritance pi;
    final LoadBalance balance;
    private final ProgramRunner programs;
    private final ScheduleSink sink;
    private final EventQueue events = new EventQueue();
    private InvariantCheck invariants;

    long now;
    /** How many CPUs have {@code needResched} set. */
    private int reschedPending;
    /** How many CPUs have more than one RT task queued ({@code rto_count}): only then is there RT work to pull. */
    int rtOverloaded;
    private long processed;
    private int exited;
    private Deadlock deadlock;

    private Simulator(Workload workload, SimConfig config, Policy policy, ScheduleSink sink) {
        this.workload = workload;
        this.config = config;
        this.policy = policy;
        this.lockMode = policy.lockMode(config);
        this.sink = sink;
        int cpus = workload.cpus();
        rqs = new Runqueue[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) rqs[cpu] = new Runqueue(cpu);
        long sliceNs = config.effectiveBaseSliceNs(cpus);
        Map<String, TaskGroup> groups = new HashMap<>();
        int seq = workload.tasks().size();
        for (GroupSpec g : workload.groups()) {
            groups.put(g.name(), new TaskGroup(g.name(), g.cpuWeight(), rqs, seq, sliceNs));
            seq += cpus;
        }
        Map<String, Integer> lockIndex = new HashMap<>();
        locks = new Lock[workload.locks().size()];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Lock(i, workload.locks().get(i));
            lockIndex.put(locks[i].name, i);
        }
        tasks = new Task[workload.tasks().size()];
        for (int i = 0; i < tasks.length; i++) {
            TaskSpec spec = workload.tasks().get(i);
            TaskGroup group = null;
            if (spec.group() != null) {
                group = groups.get(spec.group());
                if (group == null) throw new IllegalArgumentException("task " + spec.name() + ": unknown group " + spec.group());
            }
            if (spec.affinity() != null && spec.affinity().next(0) >= cpus || spec.affinity() != null && spec.affinity().first() < 0)
                throw new IllegalArgumentException("task " + spec.name() + ": affinity " + spec.affinity() + " has no CPU below " + cpus);
            tasks[i] = new Task(i, spec, group, Program.compile(spec.program(), lockIndex), sliceNs, i);
            tasks[i].rrLeftNs = config.rrQuantumNs();
        }
        fair = new FairClass(config.tickNs());
        locking = new Locking(this);
        proxy = new ProxyExec(this);
        pi = new PriorityInheritance(this);
        balance = new LoadBalance(this);
        programs = new ProgramRunner(this);
    }

    /**
     * Runs a workload under one policy.
     *
     * @param workload The machine, locks and tasks.
     * @param config   The model settings.
     * @param policy   What happens to tasks blocked on locks.
     * @param sink     Receives the per-CPU schedule; {@link ScheduleSink#NONE} to drop it.
     * @return What happened.
     * @throws IllegalArgumentException if the workload is inconsistent (unknown group, affinity beyond the CPUs).
     */
    public static SimResult run(Workload workload, SimConfig config, Policy policy, ScheduleSink sink) {
        return new Simulator(workload, config, policy, sink).run();
    }

    /**
     * Runs a workload under one policy without recording the schedule.
     *
     * @param workload The machine, locks and tasks.
     * @param config   The model settings.
     * @param policy   What happens to tasks blocked on locks.
     * @return What happened.
     */
    public static SimResult run(Workload workload, SimConfig config, Policy policy) {
        return run(workload, config, policy, ScheduleSink.NONE);
    }

    /**
     * Runs a workload checking the model's invariants after every event; for tests.
     *
     * @throws IllegalStateException naming the broken invariant.
     */
    static SimResult runChecked(Workload workload, SimConfig config, Policy policy, ScheduleSink sink) {
        Simulator sim = new Simulator(workload, config, policy, sink);
        sim.invariants = new InvariantCheck(sim);
        return sim.run();
    }

    private SimResult run() {
        for (Task p : tasks) arm(p.spec.startNs(), START, p.id, 0);
        long until = workload.untilNs();
        try {
            while (!events.isEmpty() && exited < tasks.length) {
                long t = events.peekTime();
                if (t > until) break;
                now = t;
                if (dispatch(events.poll())) processed++;
                reschedulePending();
                if (invariants != null) invariants.check();
            }
        } catch (DeadlockException e) {
            deadlock = e.deadlock;
        }
        if (deadlock == null && exited < tasks.length && !events.isEmpty() && until != Long.MAX_VALUE) now = until;
        return finish();
    }

    /** Handles one timer; returns {@code false} for a superseded segment timer, which is not counted. */
    private boolean dispatch(long ev) {
        // Unpacks the word arm() packs: kind in bits 63..61, arg in 60..32, gen in 31..0.
        int kind = (int) (ev >>> 61);
        int arg = (int) ((ev >>> 32) & 0x1FFF_FFFF);
        int gen = (int) ev;
        switch (kind) {
            case START -> start(tasks[arg]);
            case WAKE -> wake(tasks[arg]);
            case SEGMENT -> {
                if (rqs[arg].segGen != gen) return false;
                rqs[arg].segAtNs = -1;
                segmentEnd(rqs[arg]);
            }
            case TICK -> tick(rqs[arg]);
            case MIGRATE -> proxy.migrateArrive(tasks[arg]);
            default -> throw new IllegalStateException("event kind " + kind);
        }
        return true;
    }

    /**
     * Arms a timer. Kind, argument and generation are packed into the one {@code long} payload the queue stores, so
     * an event costs three longs in {@link EventQueue} and no object:
     * <pre>
     *  63   61 60                        32 31                               0
     * +-------+---------------------------+----------------------------------+
     * | kind  | arg                       | gen                              |
     * +-------+---------------------------+----------------------------------+
     *  3 bits   29 bits: task id or CPU     32 bits: the CPU's segGen (SEGMENT)
     * </pre>
     * The five kinds fit in 3 bits. {@code arg} must be non-negative and below 2^29 (half a billion tasks, which no
     * heap holds), else it would spill into the kind's bits. {@code gen} is only compared for equality with
     * {@code segGen}, so its wrapping does no harm; kinds other than {@code SEGMENT} pass 0.
     */
    private void arm(long atNs, int kind, int arg, int gen) {
        events.add(atNs, ((long) kind << 61) | ((long) arg << 32) | (gen & 0xFFFF_FFFFL));
    }

    /** Arms a wakeup of a task after the wakeup cost ({@code try_to_wake_up()} latency). */
    void armWake(Task p, long delayNs) {
        arm(now + delayNs + config.wakeupNs(), WAKE, p.id, 0);
    }

    /** Arms the arrival of a migrating donor after the migration cost. */
    void armMigrate(Task p) {
        arm(now + config.migrateNs(), MIGRATE, p.id, 0);
    }

    void resched(Runqueue rq) {
        if (!rq.needResched) {
            rq.needResched = true;
            reschedPending++;
        }
    }

    private void reschedulePending() {
        for (int round = 0; reschedPending > 0; round++) {
            boolean any = false;
            for (Runqueue rq : rqs) {
                if (rq.needResched) {
                    schedule(rq);
                    any = true;
                }
            }
            if (!any) return;
            if (round > RESCHED_LIMIT) throw new IllegalStateException("rescheduling does not settle at " + now);
        }
    }

    // ---- Task life cycle ------------------------------------------------------------------------------------

    private void start(Task p) {
        p.cpu = balance.selectInitialCpu(p);
        Runqueue rq = rqs[p.cpu];
        activateTask(rq, p, true);
        wakeupPreempt(rq, p);
    }

    private void wake(Task p) {
        if (p.state != Task.State.SLEEPING && p.state != Task.State.WAKING) return;
        int prevCpu = p.wakeCpu >= 0 ? p.wakeCpu : p.cpu;   // a deactivated donor wakes where it came from
        p.wakeCpu = -1;
        int cpu = balance.selectTaskRq(p, prevCpu);
        if (cpu != p.cpu) migrated(p);
        Runqueue rq = rqs[cpu];
        activateTask(rq, p, false);
        wakeupPreempt(rq, p);
        proxy.activateParkedDonors(p);
    }

    /**
     * Records that a task leaves its CPU for another, before it is queued there ({@code set_task_cpu()}): one more
     * migration. A runnable task burns the migration cost the next time it runs there. A blocked donor only lends
     * its context there ({@code proxy_set_task_cpu()}): it keeps the first CPU it left as its {@code wake_cpu}, where
     * its placement starts once it stops waiting, and burns nothing (docs/model.md#costs).
     *
     * @param p A task on no run queue, about to be queued on another CPU or in flight to one.
     */
    void migrated(Task p) {
        p.migrations++;
        if (p.blockedOn == null) p.pendingOverheadNs += config.migrateNs();
        else if (p.wakeCpu < 0) p.wakeCpu = p.cpu;
    }

    /**
     * Queues a task on a CPU ({@code activate_task()}).
     *
     * @param rq      The run queue.
     * @param p       A task not on any queue.
     * @param initial Whether the task has never run.
     */
    void activateTask(Runqueue rq, Task p, boolean initial) {
        updateCurr(rq);
        p.cpu = rq.cpu;
        if (p.isRt()) {
            rq.rt.enqueue(p, false);
            if (rq.rt.nrRunning == 2) rtOverloaded++;
        } else {
            fair.enqueueTask(rq, p, initial);
        }
        p.onRq = true;
        rq.addQueued(p);
        p.setState(p.blockedOn != null ? Task.State.BLOCKED : Task.State.RUNNABLE, now);
        armTick(rq);
    }

    /**
     * Takes a task off its CPU's queue ({@code deactivate_task()}). The caller sets the task's new state.
     *
     * @param rq The run queue holding the task.
     * @param p  The task.
     */
    void deactivateTask(Runqueue rq, Task p) {
        updateCurr(rq);
        if (p.isRt()) {
            if (rq.rt.nrRunning == 2) rtOverloaded--;
            rq.rt.dequeue(p);
        } else {
            fair.dequeueTask(rq, p);
        }
        p.onRq = false;
        rq.removeQueued(p);
    }

    /**
     * Asks a CPU to reschedule if a newly queued task should preempt its scheduling context ({@code wakeup_preempt()}).
     * Under proxy execution the comparison is with the donor, whose context is running.
     *
     * @param rq The run queue.
     * @param p  The task just queued there.
     */
    void wakeupPreempt(Runqueue rq, Task p) {
        Task donor = rq.donor;
        if (rq.curr == null || donor == null) {
            resched(rq);
            return;
        }
        if (p.isRt()) {
            if (!donor.isRt() || p.prio > donor.prio) resched(rq);
            return;
        }
        if (donor.isRt()) return;
        updateCurr(rq);
        if (fair.wakeupPreempt(rq, donor, p)) resched(rq);
    }

    void sleep(Runqueue rq, Task p, long ns) {
        deactivateTask(rq, p);
        p.setState(Task.State.SLEEPING, now);
        armWake(p, ns);
        resched(rq);
    }

    void exit(Runqueue rq, Task p) {
        if (!p.held.isEmpty()) throw new IllegalStateException(p.name + " exits holding " + p.held);
        deactivateTask(rq, p);
        p.setState(Task.State.EXITED, now);
        p.finishedNs = now;
        exited++;
        resched(rq);
    }

    // ---- Time -----------------------------------------------------------------------------------------------

    /**
     * Charges the time since the last update to the running contexts ({@code update_curr()}).
     *
     * @param rq The run queue.
     */
    void updateCurr(Runqueue rq) {
        charge(rq, true);
    }

    /**
     * Charges the running contexts where the kernel would not look (a task stepping through its program without
     * entering the kernel), so slice expiry is noticed at the next real {@link #updateCurr}, as with {@code HZ} ticks.
     */
    private void accountCurr(Runqueue rq) {
        charge(rq, false);
    }

    private void charge(Runqueue rq, boolean deadline) {
        long delta = now - rq.execStartNs;
        rq.execStartNs = now;
        if (delta <= 0 || rq.curr == null) return;
        // The context is only missing between putPrevContext() and the schedule() that follows, at the same time.
        chargeRunning(rq, rq.donor != null ? rq.donor : rq.curr, rq.curr, delta, deadline);
    }

    /**
     * Splits a charge between the two contexts, as {@code update_curr()} does with proxy execution: the donor pays
     * vruntime, deadline and RT budget; the owner gets the execution time. Without a proxy the two are one task.
     */
    private void chargeRunning(Runqueue rq, Task donor, Task owner, long deltaNs, boolean deadline) {
        if (donor.isRt()) {
            if (donor.policy == SchedPolicy.RR) donor.rrLeftNs -= deltaNs;
        } else if (fair.charge(rq, donor, deltaNs, deadline)) {
            resched(rq);
        }
        long overhead = Math.min(deltaNs, rq.overheadLeftNs);
        rq.overheadLeftNs -= overhead;
        long work = deltaNs - overhead;
        if (owner.spinningOn != null) {
            owner.spinNs += work;
        } else {
            owner.runLeftNs -= work;
            owner.cpuNs += work;
        }
    }

    private void armTick(Runqueue rq) {
        if (rq.tickArmed) return;
        rq.tickArmed = true;
        long tick = config.tickNs();
        arm((now / tick + 1) * tick, TICK, rq.cpu, 0);
    }

    /** The periodic tick ({@code sched_tick()}); idle CPUs stop ticking ({@code NO_HZ}). */
    private void tick(Runqueue rq) {
        rq.tickArmed = false;
        if (rq.idle()) return;
        updateCurr(rq);
        Task donor = rq.donor;
        if (donor != null) {
            if (donor.isRt()) {
                if (donor.policy == SchedPolicy.RR && donor.rrLeftNs <= 0) {
                    donor.rrLeftNs = config.rrQuantumNs();
                    if (rq.rt.first(donor.prio) != donor || donor.rtNext != null) {
                        rq.rt.requeue(donor);
                        resched(rq);
                    }
                }
            } else {
                fair.tick(donor);
            }
        }
        if (now - rq.lastBalanceNs >= config.balanceIntervalNs()) {
            rq.lastBalanceNs = now;
            balance.periodicBalance(rq);
            balance.nohzKick(rq);
        }
        armTick(rq);
    }

    // ---- Programs -------------------------------------------------------------------------------------------

    /** Arms the end of what the running task is doing: overhead, then the rest of its run step. */
    void armSegment(Runqueue rq) {
        Task p = rq.curr;
        long at = -1;
        if (p != null && p.spinningOn == null) at = now + rq.overheadLeftNs + p.runLeftNs;
        // A spinner spins until the lock is free, the owner stops, or a resched: only its overhead ends.
        else if (p != null && rq.overheadLeftNs > 0) at = now + rq.overheadLeftNs;
        if (at == rq.segAtNs) return;   // the armed timer is still right
        rq.segGen++;
        rq.segAtNs = at;
        if (at >= 0) arm(at, SEGMENT, rq.cpu, rq.segGen);
    }

    private void segmentEnd(Runqueue rq) {
        accountCurr(rq);
        Task p = rq.curr;
        if (p == null || p.spinningOn != null) return;
        if (rq.overheadLeftNs > 0 || p.runLeftNs > 0) {
            armSegment(rq);
            return;
        }
        programs.step(rq, p);
    }

    // ---- __schedule() ---------------------------------------------------------------------------------------

    /**
     * Picks what runs next on a CPU and switches to it. Mirrors {@code __schedule()}: pick the scheduling context;
     * if it is blocked on a lock, {@code find_proxy_task()} finds the execution context, or moves the donor away and
     * the pick starts over.
     *
     * @param rq The run queue.
     */
    private void schedule(Runqueue rq) {
        rq.needResched = false;
        reschedPending--;
        updateCurr(rq);
        Task prev = rq.curr;
        if (prev != null && prev.spinningOn != null) locking.abandonSpin(rq, prev);
        if (rq.donor != null && rq.donor.needsReturn) proxy.proxyForceReturn(rq, rq.donor);
        Task next;
        Task exec;
        rq.proxyIdle = false;
        for (int round = 0; ; round++) {
            next = pickNextTask(rq);
            if (next == null || next.blockedOn == null) {
                exec = next;
                break;
            }
            exec = proxy.findProxyTask(rq, next);
            if (exec != null) break;
            if (rq.proxyIdle) {
                next = null;
                break;
            }
            if (round > RESCHED_LIMIT) throw new IllegalStateException("find_proxy_task does not settle at " + now);
        }
        if (rq.donor != null && rq.donor != next) putPrevContext(rq, rq.donor, next);
        if (next != null && !next.isRt()) fair.setNextTask(rq, next);
        if (exec == next && exec != null) exec.blockedDonor = null;
        switchTo(rq, prev, next, exec);
    }

    /**
     * Returns the scheduling context to run: the highest RT task, else EEVDF's pick; pulls work when there is none.
     * Mirrors {@code pick_next_task()} with {@code balance_rt()} and {@code sched_balance_newidle()}.
     */
    private Task pickNextTask(Runqueue rq) {
        balance.pullRt(rq);
        Task p = rq.rt.pick();
        if (p != null) return p;
        p = fair.pickTask(rq);
        if (p != null) return p;
        if (balance.newidleBalance(rq)) return pickNextTask(rq);
        return null;
    }

    /**
     * Takes a scheduling context off the CPU ({@code put_prev_task()}), e.g. before its donor migrates.
     *
     * @param rq   The run queue.
     * @param p    The context being put back.
     * @param next The context that takes over, or {@code null}.
     */
    void putPrevContext(Runqueue rq, Task p, Task next) {
        CfsRq q = p.se.cfsRq;
        if (q != null && q.rq == rq) fair.putPrevTask(rq, p, next);
        if (rq.donor == p) rq.donor = null;
    }

    private void switchTo(Runqueue rq, Task prev, Task next, Task exec) {
        if (exec != rq.intervalExec || next != rq.intervalDonor) {
            recordInterval(rq);
            rq.intervalExec = exec;
            rq.intervalDonor = next;
        }
        rq.donor = next;
        if (exec != prev) {
            if (prev != null) {
                // Migration cost not yet burnt stays with the task; the switch cost was this CPU's.
                prev.pendingOverheadNs += Math.max(0, rq.overheadLeftNs - config.switchNs());
                prev.lastRanNs = now;
                prev.blockedDonor = null;
                if (prev.state == Task.State.RUNNING) prev.setState(Task.State.RUNNABLE, now);
                rq.curr = null;
                locking.ownerStoppedRunning(prev);
            }
            rq.curr = exec;
            rq.overheadLeftNs = 0;
            if (exec != null) {
                exec.setState(Task.State.RUNNING, now);
                rq.overheadLeftNs = config.switchNs() + exec.pendingOverheadNs;
                exec.pendingOverheadNs = 0;
            }
            rq.execStartNs = now;
        }
        armSegment(rq);
        if (exec != null) armTick(rq);
    }

    private void recordInterval(Runqueue rq) {
        Task exec = rq.intervalExec;
        if (exec != null && now > rq.intervalStartNs) {
            sink.interval(rq.cpu, rq.intervalStartNs, now, exec.name, rq.intervalDonor.name);
        }
        rq.intervalStartNs = now;
    }

    /** Returns whether a task is executing on some CPU ({@code task_on_cpu()}). */
    boolean onCpu(Task p) {
        return p.state == Task.State.RUNNING;
    }

    /** Stops the run at a lock cycle. */
    void deadlock(Deadlock d) {
        throw new DeadlockException(d);
    }

    // ---- Results --------------------------------------------------------------------------------------------

    private SimResult finish() {
        for (Runqueue rq : rqs) {
            updateCurr(rq);
            recordInterval(rq);
        }
        List<SimResult.TaskResult> taskResults = new ArrayList<>(tasks.length);
        for (Task p : tasks) {
            p.setState(p.state, now);   // charges a runnable wait still open
            long lockWait = p.lockWaitNs + (p.lockWaitStartNs >= 0 ? now - p.lockWaitStartNs : 0);
            List<SimResult.RequestStats> requests = new ArrayList<>();
            for (int r = 0; r < p.latencies.length; r++) {
                requests.add(SimResult.RequestStats.of(p.program.requests.get(r), p.latencies[r].sorted()));
            }
            taskResults.add(new SimResult.TaskResult(p.name, p.finishedNs, p.cpuNs, p.spinNs, lockWait,
                    p.runnableWaitNs, p.migrations, requests));
        }
        List<SimResult.LockResult> lockResults = new ArrayList<>(locks.length);
        for (Lock l : locks) lockResults.add(new SimResult.LockResult(l.name, l.acquisitions, l.contended, l.waitNs));
        long end = deadlock != null ? deadlock.atNs() : now;
        return new SimResult(policy, end, deadlock, taskResults, lockResults, processed);
    }
}
