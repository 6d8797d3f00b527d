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
    private static final long SAMPLE_NS = 1_000_000;

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
            LockWaitEvent e = new LockWaitEvent();
            e.begin();
            e.lockId = System.identityHashCode(sync);
            e.lockClass = sync.getClass();
            e.kind = kind;
            VarHandle owner = exclusiveOwner;
            if (!shared && owner != null) e.owner = (Thread) owner.get(sync);
            e.selfTid = ThreadIds.learnSelf();
            if (e.owner != null) sampleOwnerStart(e);
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
            if (System.nanoTime() - e.startNanos >= SAMPLE_NS) {
                // Long enough to be worth a few /proc reads: the owner's charges, and both threads' attributes.
                if (e.ownerTid > 0) sampleOwnerEnd(e);
                ThreadSched.observe(Thread.currentThread(), e.selfTid);
                if (e.ownerTid > 0) ThreadSched.observe(e.owner, e.ownerTid);
            }
            if (e.shouldCommit()) e.commit();
        } catch (Throwable t) {
            failed(t);
        } finally {
            guard[0] = false;
        }
    }

    private static void sampleOwnerStart(LockWaitEvent e) {
        int tid = ThreadIds.tidOf(e.owner);
        long[] s = new long[2];
        if (tid > 0 && SchedStat.read(tid, s)) {
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

    private static void failed(Throwable t) {
        synchronized (LockProbe.class) {   // a monitor: monitors are not instrumented by this probe
            if (++errors < MAX_ERRORS || disabled) return;
            disabled = true;
        }
        System.err.println("pxlab agent: disabled after " + MAX_ERRORS + " internal errors; last: " + t);
    }
}
