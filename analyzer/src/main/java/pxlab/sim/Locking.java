package pxlab.sim;

/**
 * Sleeping locks: acquisition with optimistic spinning, blocking or handoff, and release. Mirrors
 * {@code __mutex_lock_common()} and {@code __mutex_unlock_slowpath()} in kernel/locking/mutex.c.
 *
 * <p>What happens when a waiter blocks, a task acquires and an owner releases is the policy's business: this class
 * calls {@link Policy}'s hooks at those three points and tests no policy itself.
 */
final class Locking {

    private final Simulator sim;

    Locking(Simulator sim) {
        this.sim = sim;
    }

    /**
     * Tries to take a lock for the running task.
     *
     * @param rq The CPU the task runs on.
     * @param p  The task, at a {@code lock} step.
     * @param l  The lock.
     * @return {@code true} if the task now holds the lock; {@code false} if it spins or blocked.
     */
    boolean lock(Runqueue rq, Task p, Lock l) {
        if (l.owner == null && (l.handoffTo == null || l.handoffTo == p)) {
            acquire(p, l);
            return true;
        }
        if (p.lockWaitStartNs < 0) p.lockWaitStartNs = sim.now;
        if (p.woken && l.waiters.peekFirst() == p) l.handoffTo = p;   // MUTEX_FLAG_HANDOFF: the first waiter lost again
        p.woken = false;
        checkDeadlock(p, l);
        if (sim.lockMode == LockMode.SPIN && l.owner != null && sim.onCpu(l.owner) && !rq.needResched) {
            // mutex_optimistic_spin(): the owner is running, so it will release soon; stay on the CPU.
            p.spinningOn = l;
            l.spinners.add(p);
            sim.armSegment(rq);
            return false;
        }
        block(rq, p, l);
        return false;
    }

    /** Puts the task on the wait list and takes it off the CPU as the policy says. */
    private void block(Runqueue rq, Task p, Lock l) {
        if (!l.waiters.contains(p)) l.waiters.addLast(p);
        p.blockedOn = l;
        p.setState(Task.State.BLOCKED, sim.now);
        sim.policy.blocked(sim, rq, p, l);
        sim.resched(rq);
    }

    /**
     * Ends a spin because the spinner must reschedule: the spinner blocks ({@code need_resched()} in
     * {@code mutex_spin_on_owner()}).
     */
    void abandonSpin(Runqueue rq, Task p) {
        Lock l = p.spinningOn;
        stopSpinning(p);
        block(rq, p, l);
    }

    /** Ends a spin, charging the spin time up to now as spinning. */
    private void stopSpinning(Task s) {
        sim.updateCurr(sim.rqs[s.cpu]);
        s.spinningOn.spinners.remove(s);
        s.spinningOn = null;
    }

    /**
     * Tells spinners that an owner left its CPU: they stop spinning and block ({@code owner_on_cpu()} turned false).
     *
     * @param owner The task that stopped running.
     */
    void ownerStoppedRunning(Task owner) {
        for (int i = 0; i < owner.held.size(); i++) stopSpinners(owner.held.get(i));
    }

    /** Makes every task spinning on a lock block: its owner is not on a CPU. */
    private void stopSpinners(Lock l) {
        while (!l.spinners.isEmpty()) {
            Task s = l.spinners.get(0);
            stopSpinning(s);
            block(sim.rqs[s.cpu], s, l);
        }
    }

    /**
     * Releases a lock: hands it to a chosen waiter, or frees it for spinners and wakes the first waiter to compete.
     *
     * @param p The owner.
     * @param l The lock.
     */
    void unlock(Task p, Lock l) {
        if (l.owner != p) throw new IllegalStateException(p.name + " unlocks " + l.name + " held by " + l.owner);
        l.owner = null;
        p.held.remove(l);
        Task next = sim.policy.released(sim, p, l);
        if (next == null) next = handoffTarget(l);
        if (next != null) {
            handoff(l, next);
            return;
        }
        if (!l.spinners.isEmpty()) {
            Task s = l.spinners.get(0);
            stopSpinning(s);
            acquire(s, l);
            s.pc++;
            sim.armSegment(sim.rqs[s.cpu]);
        }
        // Wake the top waiter to compete; one already woken and still trying needs no second wakeup.
        Task top = l.waiters.peekFirst();
        if (top != null && top.blockedOn == l && !top.woken) wakeWaiter(top, false);
    }

    /**
     * Returns who gets the lock directly on release when the policy named nobody: the first waiter under
     * {@code handoff}, else the waiter that reserved it ({@code MUTEX_FLAG_HANDOFF}), or {@code null} to let waiters
     * compete.
     */
    private Task handoffTarget(Lock l) {
        if (sim.lockMode == LockMode.HANDOFF) return l.waiters.peekFirst();
        return l.handoffTo;
    }

    /** Gives the lock to a chosen waiter ({@code __mutex_handoff()}), and wakes it unless it is running. */
    private void handoff(Lock l, Task next) {
        if (next.spinningOn == l) stopSpinning(next);
        acquire(next, l);
        next.pc++;   // the waiter's lock step is done
        if (next.state == Task.State.RUNNING) {
            sim.armSegment(sim.rqs[next.cpu]);
        } else {
            stopSpinners(l);   // the new owner is not on a CPU: spinning on it is pointless
            wakeWaiter(next, true);
        }
    }

    /**
     * Wakes a waiter: it no longer waits ({@code blocked_on} cleared) and either holds the lock (handoff) or will try
     * again when it runs.
     */
    private void wakeWaiter(Task w, boolean handedOff) {
        w.blockedOn = null;
        w.woken = !handedOff;
        if (w.parkedOn != null) sim.proxy.unpark(w);
        if (w.onRq) {
            // A donor is already queued: it only needs to become runnable (ttwu_runnable()), maybe elsewhere.
            w.setState(Task.State.RUNNABLE, sim.now);
            Runqueue rq = sim.rqs[w.cpu];
            // If its context is running an owner right now, that proxy ends: the CPU must pick again.
            if (rq.donor == w && rq.curr != w) sim.resched(rq);
            sim.proxy.proxyNeedsReturn(w);
            sim.wakeupPreempt(sim.rqs[w.cpu], w);
        } else if (w.state == Task.State.BLOCKED) {
            w.setState(Task.State.WAKING, sim.now);
            sim.armWake(w, 0);
        }
    }

    private void acquire(Task p, Lock l) {
        l.owner = p;
        p.held.add(l);
        l.waiters.remove(p);
        if (l.handoffTo == p) l.handoffTo = null;
        p.woken = false;
        p.blockedOn = null;
        l.acquisitions++;
        if (p.lockWaitStartNs >= 0) {
            long wait = sim.now - p.lockWaitStartNs;
            l.contended++;
            l.waitNs += wait;
            p.lockWaitNs += wait;
            p.lockWaitStartNs = -1;
        }
        sim.policy.acquired(sim, p, l);
    }

    /** Stops the run if blocking {@code p} on {@code l} closes a cycle of owners and waiters. */
    private void checkDeadlock(Task p, Lock l) {
        Task o = l.owner;
        for (int depth = 0; o != null && depth <= sim.tasks.length; depth++) {
            if (o == p) {
                sim.deadlock(describeCycle(p, l));
                return;
            }
            Lock next = o.blockedOn != null ? o.blockedOn : o.spinningOn;
            if (next == null) return;
            o = next.owner;
        }
    }

    /** Names the cycle that {@code p} closes by waiting for {@code l}, walking it a second time (rare: no garbage). */
    private Deadlock describeCycle(Task p, Lock l) {
        java.util.List<String> tasks = new java.util.ArrayList<>();
        java.util.List<String> lockNames = new java.util.ArrayList<>();
        Task t = p;
        Lock waitsFor = l;
        while (true) {
            tasks.add(t.name);
            lockNames.add(waitsFor.name);
            t = waitsFor.owner;
            if (t == p) return new Deadlock(sim.now, tasks, lockNames);
            waitsFor = t.blockedOn != null ? t.blockedOn : t.spinningOn;
        }
    }
}
