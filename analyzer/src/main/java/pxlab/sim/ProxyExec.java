package pxlab.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Proxy execution: a task blocked on a lock stays queued as a donor; when it is picked, the lock's owner runs with
 * the donor's scheduling context. Mirrors {@code find_proxy_task()} and its helpers in kernel/sched/core.c
 * (Linux 6.18 mainline, plus the v6 series' sleeping-owner handling), and the {@code blocked_donor} handoff of
 * kernel/locking/mutex.c.
 *
 * <p>Each switch in {@link ProxyConfig} is read here, on the one line where behaviour splits, except the lock mode,
 * which {@link Locking} reads.
 */
final class ProxyExec {

    /** Donor migrations without progress after which a donor is deactivated instead. */
    static final int BOUNCE_LIMIT = 64;

    private final Simulator sim;
    private final ProxyConfig proxy;

    ProxyExec(Simulator sim) {
        this.sim = sim;
        this.proxy = sim.config.proxy();
    }

    /**
     * Follows {@code task->blocked_on -> mutex->owner -> task...} from a picked donor to the task that can run.
     *
     * @param rq    The CPU picking.
     * @param donor The picked task, blocked on a lock.
     * @return The execution context; or {@code null} when the donor was moved off this CPU and the pick must start
     *         over ({@code pick_again}).
     */
    Task findProxyTask(Runqueue rq, Task donor) {
        Task p = donor;
        for (int depth = 0; depth <= sim.tasks.length; depth++) {
            Lock l = p.blockedOn;
            Task owner = l.owner;
            if (owner == null) {
                // The lock is free and being competed for: p runs and tries again (__clear_task_blocked_on()).
                p.blockedOn = null;
                p.setState(Task.State.RUNNABLE, sim.now);
                if (p.allowed(rq.cpu)) return p;
                // A migrated donor must not execute outside its affinity: send it back first.
                sim.putPrevContext(rq, p, null);
                proxyForceReturn(rq, p);
                return null;
            }
            if (owner.state == Task.State.MIGRATING) {
                // The owner is a donor in flight (task_on_rq_migrating()): follow it, or idle until it lands here.
                if (owner.migrateTo == rq.cpu) return proxyReschedIdle(rq);
                return proxyRemoteOwner(rq, donor, owner.migrateTo);
            }
            if (!owner.onRq) return proxySleepingOwner(rq, donor, owner);
            if (owner.cpu != rq.cpu) return proxyRemoteOwner(rq, donor, owner.cpu);
            if (owner.blockedOn == null) {
                owner.blockedDonor = p;
                donor.proxyBounces = 0;
                return owner;
            }
            p = owner;
        }
        throw new IllegalStateException("blocked_on chain longer than the task count at " + sim.now);
    }

    /**
     * Runs nothing on this CPU until the owner arrives; its arrival reschedules the CPU. Mirrors
     * {@code proxy_resched_idle()}.
     */
    private Task proxyReschedIdle(Runqueue rq) {
        rq.proxyIdle = true;
        return null;
    }

    /** The chain's owner is on another CPU: migrate the donor there, or deactivate it. */
    private Task proxyRemoteOwner(Runqueue rq, Task donor, int ownerCpu) {
        if (!proxy.donorMigration()) return proxyDeactivate(rq, donor);
        return proxyMigrateTask(rq, donor, ownerCpu);
    }

    /** The chain ends in an owner that cannot run: deactivate the donor, or park it on the owner. */
    private Task proxySleepingOwner(Runqueue rq, Task donor, Task owner) {
        if (proxy.sleepingOwner() == ProxyConfig.SleepingOwner.DEACTIVATE) return proxyDeactivate(rq, donor);
        return proxyEnqueueOnOwner(rq, donor, owner);
    }

    /**
     * Takes the donor off the run queue like any blocked task; the unlock will wake it. Mirrors
     * {@code proxy_deactivate()}.
     */
    private Task proxyDeactivate(Runqueue rq, Task donor) {
        sim.putPrevContext(rq, donor, null);
        sim.deactivateTask(rq, donor);
        return null;
    }

    /**
     * Parks the donor on a sleeping owner; it is queued again wherever the owner wakes up. Mirrors
     * {@code proxy_enqueue_on_owner()} of the v6 series.
     */
    private Task proxyEnqueueOnOwner(Runqueue rq, Task donor, Task owner) {
        sim.putPrevContext(rq, donor, null);
        sim.deactivateTask(rq, donor);
        if (owner.parkedDonors == null) owner.parkedDonors = new ArrayList<>(2);
        owner.parkedDonors.add(donor);
        donor.parkedOn = owner;
        return null;
    }

    /**
     * Moves the donor to the owner's CPU, where it can run the owner; owners never move. Mirrors
     * {@code proxy_migrate_task()}. The donor may sit outside its affinity there, since it only lends its context.
     * It is in flight for the migration cost, as {@code task_on_rq_migrating()} tasks are.
     *
     * <p><b>Note</b>: a chain whose blocked owners sit on other CPUs than its runnable owner makes the donor bounce
     * between them (the chain-migration problem). After {@link #BOUNCE_LIMIT} bounces without running an owner, the
     * donor is deactivated instead, so a run always ends; its migration count shows the bouncing.
     */
    private Task proxyMigrateTask(Runqueue rq, Task donor, int target) {
        if (++donor.proxyBounces > BOUNCE_LIMIT) {
            donor.proxyBounces = 0;
            return proxyDeactivate(rq, donor);
        }
        List<Task> chain = new ArrayList<>(2);
        chain.add(donor);
        if (proxy.chainMigration()) {
            // Not in mainline: also move the blocked owners between the donor and the runnable owner.
            for (Task t = donor.blockedOn.owner; t != null && t.blockedOn != null && t.onRq && t.cpu == rq.cpu;
                 t = t.blockedOn.owner) {
                chain.add(t);
            }
        }
        // The blocked owners land before the donor (reverse order), so the donor's next walk finds them queued.
        for (int i = chain.size() - 1; i >= 0; i--) {
            Task t = chain.get(i);
            sim.putPrevContext(rq, t, null);
            sim.deactivateTask(rq, t);
            sim.migrated(t);
            t.migrateTo = target;
            t.setState(Task.State.MIGRATING, sim.now);
            sim.armMigrate(t);
        }
        return null;
    }

    /**
     * Queues a migrating donor on the CPU it was sent to. If it got its lock in flight, it returns at once as a woken
     * donor would.
     *
     * @param p A task in {@link Task.State#MIGRATING}.
     */
    void migrateArrive(Task p) {
        if (p.state != Task.State.MIGRATING) return;
        Runqueue rq = sim.rqs[p.migrateTo];
        p.migrateTo = -1;
        sim.activateTask(rq, p, false);
        sim.wakeupPreempt(rq, p);
        if (p.blockedOn == null) proxyNeedsReturn(p);
    }

    /**
     * Decides whether a donor that stopped waiting (got its lock, or was woken to compete) must go back where it
     * belongs, and when. Mirrors {@code proxy_needs_return()} in kernel/sched/core.c: only a donor that moved for
     * proxy execution (it has a {@code wake_cpu}) returns. It moves now, by {@link #proxyForceReturn}, unless it is
     * the CPU's current context; then it is marked and moves at that CPU's next {@code schedule()}.
     *
     * @param p A queued task whose {@code blocked_on} was just cleared.
     */
    void proxyNeedsReturn(Task p) {
        if (p.wakeCpu < 0) return;
        Runqueue rq = sim.rqs[p.cpu];
        if (rq.donor == p || rq.curr == p) {
            p.needsReturn = true;
            sim.resched(rq);
            return;
        }
        proxyForceReturn(rq, p);
    }

    /**
     * Moves a former donor that is not current to the CPU it belongs on: a wakeup's placement from its
     * {@code wake_cpu} under {@code return_migration}, else the owner's CPU when its affinity allows. Mirrors
     * {@code proxy_force_return()} in kernel/sched/core.c. A donor that blocked again before it could move stays a
     * donor where it is.
     *
     * @param rq The CPU it is queued on.
     * @param p  The former donor.
     */
    void proxyForceReturn(Runqueue rq, Task p) {
        p.needsReturn = false;
        if (p.blockedOn != null) return;   // blocked again before it could move: it stays a donor here
        int wakeCpu = p.wakeCpu;
        p.wakeCpu = -1;
        int target;
        if (proxy.returnMigration()) target = sim.balance.selectTaskRq(p, wakeCpu);
        else target = p.allowed(rq.cpu) ? rq.cpu : sim.balance.selectTaskRq(p, wakeCpu);
        if (target == rq.cpu) return;
        sim.putPrevContext(rq, p, null);
        sim.deactivateTask(rq, p);
        sim.resched(rq);
        sim.migrated(p);
        Runqueue dst = sim.rqs[target];
        sim.activateTask(dst, p, false);
        sim.wakeupPreempt(dst, p);
    }

    /**
     * Returns the waiter an unlock hands the lock to under proxy execution: the owner's {@code blocked_donor}, the
     * donor whose context ran it last, if that donor waits for this very lock. Mirrors the {@code blocked_donor}
     * branch of {@code __mutex_unlock_slowpath()} in the proxy-exec series (kernel/locking/mutex.c). The owner's
     * {@code blocked_donor} is cleared either way: it lent its context for this hold only.
     *
     * @param owner The task releasing the lock.
     * @param l     The lock, already free.
     * @return The donor to hand the lock to, or {@code null} to let the lock mode choose.
     */
    Task handoffDonor(Task owner, Lock l) {
        Task donor = owner.blockedDonor;
        owner.blockedDonor = null;
        if (!proxy.blockedDonorHandoff()) return null;
        return donor != null && donor.blockedOn == l ? donor : null;
    }

    /**
     * Queues the donors parked on an owner that just woke, on the owner's CPU ({@code activate_blocked_waiters()}).
     *
     * @param owner A task just queued.
     */
    void activateParkedDonors(Task owner) {
        List<Task> parked = owner.parkedDonors;
        if (parked == null || parked.isEmpty()) return;
        owner.parkedDonors = null;
        Runqueue rq = sim.rqs[owner.cpu];
        for (Task d : parked) {
            d.parkedOn = null;
            if (d.cpu != owner.cpu) sim.migrated(d);
            sim.activateTask(rq, d, false);
            sim.wakeupPreempt(rq, d);
            activateParkedDonors(d);
        }
    }

    /**
     * Takes a parked donor off its owner's list, because it got its lock or must compete for it.
     *
     * @param d A parked donor.
     */
    void unpark(Task d) {
        d.parkedOn.parkedDonors.remove(d);
        d.parkedOn = null;
    }
}
