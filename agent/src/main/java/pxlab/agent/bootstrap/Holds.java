package pxlab.agent.bootstrap;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The holds that made someone wait, by holder. A waiter that knows the owner opens (or joins) the owner's hold; the
 * holder ends it when it releases the lock, including the release inside {@code Condition.await} and
 * {@code Object.wait}, which is how a hold is split at a wait. A waiter that acquires a lock whose hold is still open
 * under another thread ends that hold too: the release happened where nothing was hooked.
 *
 * <p>Holds are only recorded when contended: a hold nobody waits for delays nobody, so it cannot be an inversion,
 * and timing every uncontended hold would cost the fast path.
 */
final class Holds {

    /** Open holds; the release hooks return at once while there are none. */
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final ConcurrentHashMap<Thread, ArrayList<LockHoldEvent>> BY_HOLDER = new ConcurrentHashMap<>();
    private static final LockHoldEvent ENABLED = new LockHoldEvent();

    private Holds() {
    }

    /**
     * Returns whether any hold is open: one volatile read, for the release hooks' fast path.
     *
     * @return {@code true} when a release may have a hold to end.
     */
    static boolean any() {
        return ACTIVE.get() != 0;
    }

    /**
     * Notes that a wait for {@code lock}, held by {@code owner}, has begun.
     *
     * @param lock     The synchronizer or monitor object.
     * @param kind     The lock's kind.
     * @param owner    Its holder.
     * @param ownerTid The holder's OS id, or -1.
     * @param cpuNs    The holder's CPU time now, from schedstat (when {@code ownerTid > 0}).
     * @param rqNs     The holder's run-queue time now.
     */
    static void contended(Object lock, String kind, Thread owner, int ownerTid, long cpuNs, long rqNs) {
        if (!ENABLED.isEnabled()) return;
        while (true) {
            ArrayList<LockHoldEvent> holds = BY_HOLDER.get(owner);
            if (holds == null) {   // no lambda: linking one on first use would cost the waiter milliseconds
                ArrayList<LockHoldEvent> made = new ArrayList<>(2);
                holds = BY_HOLDER.putIfAbsent(owner, made);
                if (holds == null) holds = made;
            }
            synchronized (holds) {
                // An emptied list is dropped from the map under its monitor; if that happened, take the new one.
                if (BY_HOLDER.get(owner) == holds) {
                    open(holds, lock, kind, owner, ownerTid, cpuNs, rqNs);
                    return;
                }
            }
        }
    }

    /** Joins the open hold of {@code lock} in {@code holds}, or opens one; called under {@code holds}' monitor. */
    private static void open(ArrayList<LockHoldEvent> holds, Object lock, String kind, Thread owner, int ownerTid,
                             long cpuNs, long rqNs) {
        for (LockHoldEvent h : holds) {
            if (h.lock == lock) {
                h.waiters++;
                return;
            }
        }
        LockHoldEvent h = new LockHoldEvent();
        h.begin();
        h.startNanos = System.nanoTime();
        h.lock = lock;
        h.lockId = System.identityHashCode(lock);
        h.lockClass = LockProbe.monitorClass(lock);
        h.kind = kind;
        h.holder = owner;
        h.holderJavaThreadId = owner.getId();
        h.holderJavaThreadName = owner.getName();
        h.holderTid = ownerTid;
        if (ownerTid > 0) h.holderOsThreadId = ownerTid;
        h.holderCpuStart = cpuNs;
        h.holderRqStart = rqNs;
        h.waiters = 1;
        holds.add(h);
        ACTIVE.incrementAndGet();
    }

    /**
     * Ends the calling thread's hold of {@code lock}, if one is open.
     *
     * @param lock The lock just released.
     */
    static void released(Object lock) {
        LockHoldEvent h = remove(Thread.currentThread(), lock);
        if (h != null) commit(h);
    }

    /**
     * Ends another thread's hold of a lock the calling thread has just acquired: its release was not seen.
     *
     * @param lock The lock just acquired.
     */
    static void acquiredFromOther(Object lock) {
        Thread self = Thread.currentThread();
        for (Thread holder : BY_HOLDER.keySet()) {
            if (holder == self) continue;
            LockHoldEvent h = remove(holder, lock);
            if (h != null) commit(h);
        }
    }

    private static LockHoldEvent remove(Thread holder, Object lock) {
        ArrayList<LockHoldEvent> holds = BY_HOLDER.get(holder);
        if (holds == null) return null;
        synchronized (holds) {
            for (int i = 0; i < holds.size(); i++) {
                LockHoldEvent h = holds.get(i);
                if (h.lock != lock) continue;
                holds.remove(i);
                ACTIVE.decrementAndGet();
                if (holds.isEmpty()) BY_HOLDER.remove(holder, holds);
                return h;
            }
        }
        return null;
    }

    private static void commit(LockHoldEvent h) {
        h.end();
        h.lock = null;
        if (h.holderTid > 0 && System.nanoTime() - h.startNanos >= LockProbe.SAMPLE_NS) {
            long[] s = new long[2];
            if (SchedStat.read(h.holderTid, s)) {
                h.holderCpuTime = s[0] - h.holderCpuStart;
                h.holderRunqueueWait = s[1] - h.holderRqStart;
            }
        }
        if (h.shouldCommit()) h.commit();
    }
}
