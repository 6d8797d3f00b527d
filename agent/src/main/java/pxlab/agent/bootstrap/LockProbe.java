package pxlab.agent.bootstrap;

import java.lang.invoke.VarHandle;

/**
 * What the lock instrumentation calls. Depends only on the JDK, never throws, and does nothing when the event is
 * disabled. Lives on the bootstrap class path so that advice inlined into java.util.concurrent can reach it.
 *
 * <p><b>Note</b>: a probe must not take a lock that is itself instrumented, or it would recurse; the per-thread
 * guard stops that, and repeated internal errors switch the probe off.
 */
public final class LockProbe {

    private static final int MAX_ERRORS = 100;
    /**
     * Waits shorter than this record no owner charges and no thread attributes. The owner's schedstat is still read
     * when a wait begins, since its length is not known yet.
     */
    static final long SAMPLE_NS = 1_000_000;

    private static volatile VarHandle exclusiveOwner;
    private static volatile boolean disabled;
    private static int errors;
    /** Asked whether the event is enabled; JFR keeps that state per event class, so one instance serves all. */
    private static final LockWaitEvent ENABLED = new LockWaitEvent();
    private static final ThreadLocal<boolean[]> IN_PROBE = ThreadLocal.withInitial(() -> new boolean[1]);

    private LockProbe() {
    }

    /**
     * Gives the probe a handle on {@code AbstractOwnableSynchronizer.exclusiveOwnerThread}, to name owners.
     *
     * @param owner The handle, or {@code null} when owners cannot be read.
     */
    public static void init(VarHandle owner) {
        exclusiveOwner = owner;
    }

    /**
     * Called when a thread enters the slow path of an AQS acquisition (it must wait).
     *
     * @param sync   The synchronizer.
     * @param shared Whether the acquisition is shared (a read lock).
     * @return A token for {@link #aqsExit}, or {@code null} when nothing is recorded.
     */
    public static Object aqsEnter(Object sync, boolean shared) {
        if (disabled || !ENABLED.isEnabled()) return null;   // no allocation, no thread-local, while not recording
        boolean[] guard = IN_PROBE.get();
        if (guard[0]) return null;
        guard[0] = true;
        try {
            String kind = kindOf(sync, shared);
            if (kind == null) return null;
            // A shared wait has an owner when a writer holds the lock (the synchronizer's exclusive owner); behind
            // readers, or behind a queued writer, it has none that one thread could answer for.
            VarHandle ownerHandle = exclusiveOwner;
            Thread owner = ownerHandle == null ? null : (Thread) ownerHandle.get(sync);
            int selfTid = ThreadIds.learnSelf();
            int ownerTid = owner == null ? -1 : ThreadIds.tidOf(owner);
            // Both threads' attributes are recorded before the wait begins, the first time each takes part.
            ThreadSched.contended(Thread.currentThread(), selfTid);
            ThreadSched.contended(owner, ownerTid);
            LockWaitEvent e = beginWait(sync, kind);
            if (!shared) e.lock = sync;
            e.owner = owner;
            e.selfTid = selfTid;
            if (owner != null) {
                sampleOwnerStart(e, ownerTid);
                Holds.contended(sync, shared ? "write" : kind, owner, e.ownerTid, e.ownerCpuStart, e.ownerRqStart);
            }
            e.startNanos = System.nanoTime();
            return e;
        } catch (Throwable t) {
            failed(t);
            return null;
        } finally {
            guard[0] = false;
        }
    }

    /**
     * Called when that slow path returns or throws.
     *
     * @param token    What {@link #aqsEnter} returned.
     * @param acquired Whether the lock was acquired.
     */
    public static void aqsExit(Object token, boolean acquired) {
        if (!(token instanceof LockWaitEvent)) return;
        boolean[] guard = IN_PROBE.get();
        if (guard[0]) return;
        guard[0] = true;
        try {
            LockWaitEvent e = (LockWaitEvent) token;
            e.end();
            e.acquired = acquired;
            if (acquired && e.lock != null && Holds.any()) Holds.acquiredFromOther(e.lock);
            finish(e, System.nanoTime() - e.startNanos >= SAMPLE_NS);
        } catch (Throwable t) {
            failed(t);
        } finally {
            guard[0] = false;
        }
    }

    /**
     * Returns whether some contended hold is open, so that a release is worth reporting: one volatile read.
     *
     * @return {@code true} when {@link #aqsReleased} may have work to do.
     */
    public static boolean anyHold() {
        return Holds.any();
    }

    /**
     * Called when an AQS acquisition releases the lock completely (an unlock, or the release inside
     * {@code Condition.await}), while some hold is open.
     *
     * @param sync The synchronizer.
     */
    public static void aqsReleased(Object sync) {
        released(sync);
    }

    /**
     * Called when a {@code StampedLock} acquisition has to wait. A stamped lock has no owner.
     *
     * @param lock  The lock.
     * @param write Whether it is a write acquisition.
     * @return A token for {@link #aqsExit}, or {@code null} when nothing is recorded.
     */
    public static Object stampedEnter(Object lock, boolean write) {
        if (disabled || !ENABLED.isEnabled()) return null;
        boolean[] guard = IN_PROBE.get();
        if (guard[0]) return null;
        guard[0] = true;
        try {
            int selfTid = ThreadIds.learnSelf();
            ThreadSched.contended(Thread.currentThread(), selfTid);
            LockWaitEvent e = beginWait(lock, write ? "stamped-write" : "stamped-read");
            e.selfTid = selfTid;
            e.startNanos = System.nanoTime();
            return e;
        } catch (Throwable t) {
            failed(t);
            return null;
        } finally {
            guard[0] = false;
        }
    }

    /** Starts a wait event for a java.util.concurrent lock. */
    private static LockWaitEvent beginWait(Object lock, String kind) {
        LockWaitEvent e = new LockWaitEvent();
        e.begin();
        e.lockId = System.identityHashCode(lock);
        e.lockClass = lock.getClass();
        e.kind = kind;
        return e;
    }

    /** The class a monitor wait names: the monitor object's, or for a class's own monitor that class. */
    static Class<?> monitorClass(Object lock) {
        return lock instanceof Class ? (Class<?>) lock : lock.getClass();
    }

    /**
     * Starts timing a monitor entry that may block; see {@link MonitorProbe#enter}. Allocates nothing: the thread's
     * slot and its event are reused.
     */
    static Object monitorEnter(Object lock) {
        if (disabled || !ENABLED.isEnabled()) return null;
        MonitorSlot slot = MonitorOwners.slot();
        if (slot.inProbe) return null;
        slot.current = lock;
        slot.event.begin();
        slot.startEpoch = MonitorOwners.epoch();
        slot.seq++;   // only this thread writes it
        // Last: the lookup may look from here on. A volatile store, so that it cannot pass the read of the lookup's
        // sleeping flag that follows (a release store may, on x86 too): the lookup going to sleep stores its flag,
        // then scans again, and one of the two sides must see the other's store, or the wait goes unseen.
        MonitorSlot.LOCK.setVolatile(slot, lock);
        MonitorOwners.entryStarted();
        return slot;
    }

    /**
     * Ends a timed monitor entry, and records it when the lookup saw it waiting and it lasted past the threshold;
     * see {@link MonitorProbe#entered}.
     */
    static void monitorEntered(Object token, boolean publish) {
        if (!(token instanceof MonitorSlot)) return;
        MonitorSlot slot = (MonitorSlot) token;
        MonitorSlot.LOCK.setOpaque(slot, (Object) null);
        Object lock = slot.current;
        slot.current = null;
        if (lock == null) return;
        // The owner lookup names this thread as the owner from here on, for as long as the monitor stays inflated.
        if (publish && MarkWord.isInflated(lock)) {
            MonitorProbe.watchExits();
            slot.held.publish(lock);
        }
        // Inside the application's critical section: a short wait ends here, at the cost of a few plain stores.
        if (slot.longSeq != slot.seq || slot.inProbe) return;
        LockWaitEvent e = slot.event;
        e.end();
        if (Holds.any()) acquiredFromOther(slot, lock);
        if (!e.shouldCommit()) return;
        slot.inProbe = true;
        try {
            e.lockId = System.identityHashCode(lock);
            e.lockClass = monitorClass(lock);
            e.kind = "monitor";
            e.acquired = true;
            e.owner = null;
            e.ownerTid = -1;
            e.ownerCpuTime = Long.MIN_VALUE;
            e.ownerRunqueueWait = Long.MIN_VALUE;
            e.ownerOsThreadId = 0;
            if (slot.foundSeq == slot.seq) {   // the lookup answered for this entry
                e.owner = slot.foundOwner;
                e.ownerOsThreadId = slot.ownerOsThreadId;
                e.ownerTid = slot.ownerTid;
                e.ownerCpuStart = slot.ownerCpuStart;
                e.ownerRqStart = slot.ownerRqStart;
            } else {
                // The lookup marked the wait long, then the monitor came before its answer: the holders'
                // publications still name who held it meanwhile (its charges are unknown).
                MonitorSlot owner = MonitorOwners.publishedOwner(slot, lock);
                if (owner != null) {
                    e.owner = owner.thread;
                    e.ownerOsThreadId = Math.max(owner.tid, 0);
                    ThreadSched.contended(owner.thread, owner.tid);
                }
            }
            e.selfTid = ThreadIds.learnSelf();
            finish(e, true);   // past the threshold: worth the /proc reads
            e.owner = null;   // the event is reused; hold no thread
        } catch (Throwable t) {
            failed(t);
        } finally {
            slot.inProbe = false;
        }
    }

    private static void acquiredFromOther(MonitorSlot slot, Object lock) {
        slot.inProbe = true;
        try {
            Holds.acquiredFromOther(lock);
        } catch (Throwable t) {
            failed(t);
        } finally {
            slot.inProbe = false;
        }
    }

    /**
     * A monitor was released, once some monitor was contended. If it is inflated (only such a monitor can be
     * published, or held contended), and the exit was not a nested one: it is published as released (also by a thread
     * that entered it thin and did not publish it, which gets its slot here the first time), and the thread's
     * contended hold of it ends.
     */
    static void monitorExited(Object lock) {
        if (!MarkWord.isInflated(lock)) return;
        try {
            if (MonitorOwners.slot().held.exited(lock) != HeldMonitors.NESTED && Holds.any()) released(lock);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** {@code Object.wait} is about to release a monitor the thread holds: published as released; its hold ends. */
    static void waiting(Object lock) {
        try {
            MonitorOwners.slot().held.waiting(lock);
            if (Holds.any()) released(lock);
        } catch (Throwable t) {
            failed(t);
        }
    }

    /**
     * Ends the calling thread's open hold of {@code lock}, if any.
     *
     * @param lock The lock released.
     */
    static void released(Object lock) {
        boolean[] guard = IN_PROBE.get();
        if (guard[0]) return;
        guard[0] = true;
        try {
            Holds.released(lock);
        } catch (Throwable t) {
            failed(t);
        } finally {
            guard[0] = false;
        }
    }

    /** Samples the owner's charges if the wait was long enough (when {@code sample}), and commits the wait. */
    private static void finish(LockWaitEvent e, boolean sample) {
        e.lock = null;
        // Plain fields name the owner even where JFR writes the Thread field as null (an owner that ended).
        Thread owner = e.owner;
        e.ownerJavaThreadId = owner == null ? 0 : owner.getId();
        e.ownerJavaThreadName = owner == null ? null : owner.getName();
        if (sample && e.ownerTid > 0) {   // long enough to be worth a /proc read
            sampleOwnerEnd(e);
            ThreadSched.waited(owner, e.ownerTid);
        }
        if (e.shouldCommit()) e.commit();
    }

    /** Names the owner's OS thread, and reads its schedstat as the wait begins. */
    private static void sampleOwnerStart(LockWaitEvent e, int tid) {
        if (tid <= 0) return;
        e.ownerOsThreadId = tid;
        long[] s = new long[2];
        if (SchedStat.read(tid, s)) {
            e.ownerTid = tid;
            e.ownerCpuStart = s[0];
            e.ownerRqStart = s[1];
        }
    }

    private static void sampleOwnerEnd(LockWaitEvent e) {
        long[] s = new long[2];
        if (!SchedStat.read(e.ownerTid, s)) return;   // the owner ended meanwhile
        e.ownerCpuTime = s[0] - e.ownerCpuStart;
        e.ownerRunqueueWait = s[1] - e.ownerRqStart;
    }

    /**
     * Returns the wait's kind, or {@code null} for synchronizers that are not locks: shared acquisitions outside
     * ReentrantReadWriteLock are latches, semaphores and the like, which nobody owns.
     */
    private static String kindOf(Object sync, boolean shared) {
        String name = sync.getClass().getName();
        if (name.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$")) return shared ? "read" : "write";
        return shared ? null : "mutex";
    }

    static void failed(Throwable t) {
        synchronized (LockProbe.class) {   // a monitor: monitors are not instrumented by this probe
            if (++errors < MAX_ERRORS || disabled) return;
            disabled = true;
        }
        System.err.println("pxlab agent: disabled after " + MAX_ERRORS + " internal errors; last: " + t);
    }
}
