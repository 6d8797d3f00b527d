package pxlab.sim;

/**
 * Checks the model's invariants after every event when enabled; tests turn it on, normal runs do not pay for it.
 * Each failure throws {@link IllegalStateException} naming the time and what broke.
 */
final class InvariantCheck {

    private final Simulator sim;

    InvariantCheck(Simulator sim) {
        this.sim = sim;
    }

    void check() {
        Task[] running = new Task[sim.tasks.length];
        for (Runqueue rq : sim.rqs) {
            Task c = rq.curr;
            if (c != null) {
                require(c.cpu == rq.cpu, c + " runs on cpu" + rq.cpu + " but belongs to cpu" + c.cpu);
                require(c.state == Task.State.RUNNING, c + " runs on cpu" + rq.cpu + " in state " + c.state);
                require(running[c.id] == null, c + " runs on two CPUs");
                require(c.allowed(rq.cpu), c + " executes on cpu" + rq.cpu + " outside its affinity");
                require(rq.donor != null, "cpu" + rq.cpu + " runs " + c + " without a scheduling context");
                running[c.id] = c;
            }
            for (int i = 0; i < rq.queued.size(); i++) {
                Task p = rq.queued.get(i);
                require(p.onRq && p.cpu == rq.cpu, p + " queued on cpu" + rq.cpu + " but onRq=" + p.onRq + " cpu=" + p.cpu);
                require(p.rqIndex == i, p + " at index " + i + " thinks it is at " + p.rqIndex);
            }
            // proxy_resched_idle(): a CPU may idle for an instant while a chain's owner lands on it.
            if (!rq.proxyIdle) checkRtNotStarved(rq);
            checkFair(rq.cfs);
        }
        for (Task p : sim.tasks) {
            if (p.state == Task.State.RUNNING) require(running[p.id] == p, p + " is RUNNING but on no CPU");
            int queuedOn = 0;
            for (Runqueue rq : sim.rqs) if (rq.queued.contains(p)) queuedOn++;
            require(queuedOn == (p.onRq ? 1 : 0), p + " is on " + queuedOn + " run queues, onRq=" + p.onRq);
            for (Lock l : p.held) require(l.owner == p, p + " holds " + l + " owned by " + l.owner);
            if (p.blockedOn != null) require(p.blockedOn.owner != p, p + " blocked on its own lock " + p.blockedOn);
        }
        int overloaded = 0;
        for (Runqueue rq : sim.rqs) if (rq.rt.nrRunning >= 2) overloaded++;
        require(overloaded == sim.rtOverloaded, "rt overload count " + sim.rtOverloaded + " != " + overloaded);
        for (Lock l : sim.locks) {
            int holders = 0;
            for (Task p : sim.tasks) if (p.held.contains(l)) holders++;
            require(holders == (l.owner == null ? 0 : 1), l + " is held by " + holders + " tasks, owner " + l.owner);
        }
    }

    /** A queued, unblocked RT task never waits on a CPU whose scheduling context is fair or lower RT. */
    private void checkRtNotStarved(Runqueue rq) {
        for (int prio = 99; prio > 0; prio--) {
            for (Task t = rq.rt.first(prio); t != null; t = t.rtNext) {
                if (t.blockedOn != null || t.state != Task.State.RUNNABLE && t.state != Task.State.RUNNING) continue;
                Task d = rq.donor;
                require(d != null && d.isRt() && d.prio >= t.prio,
                        "RT " + t + " (prio " + t.prio + ") waits on cpu" + rq.cpu + " behind " + d);
                return;
            }
        }
    }

    private void checkFair(CfsRq q) {
        int inTree = q.tree.size();
        int currQueued = q.curr != null && q.curr.onRq ? 1 : 0;
        require(inTree + currQueued == q.nrQueued, q + ": tree " + inTree + " + curr " + currQueued + " != nr_queued " + q.nrQueued);
    }

    private void require(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("invariant broken at " + sim.now + "ns: " + what);
    }
}
