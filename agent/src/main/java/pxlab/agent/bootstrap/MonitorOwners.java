package pxlab.agent.bootstrap;

import java.lang.invoke.VarHandle;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds who holds a contended monitor. Java has no API for a monitor's owner. The waiter cannot look while it
 * blocks, so this daemon scans the threads' {@link MonitorSlot}s every {@link #POLL_NS}; an entry seen in progress on
 * two scans in a row is a wait worth recording ({@link MonitorSlot#longSeq}), and its owner is named, from the first
 * of these that answers:
 * <ol>
 *   <li>the holders' own publications ({@link HeldMonitors}): the one thread holding the monitor when the entry was
 *       first seen; else, read again at each later scan, the first thread to take the monitor after the wait began,
 *       or the one that held it when it began ({@link #owner(MonitorSlot[], MonitorSlot, Object)});</li>
 *   <li>the JVM, which reports the owner of a monitor a thread is blocked on ({@code ThreadInfo.getLockOwnerId};
 *       asking without a stack trace needs no safepoint), tried on a few scans, then now and then while the wait
 *       lasts. It cannot answer while the waiter is not blocked yet (preempted before {@code monitorenter}, or
 *       spinning in it); it is needed while a holder that entered a thin monitor without contention holds it, since
 *       that holder publishes only its release.</li>
 * </ol>
 * A wait that ends before any of these answered is named by the waiter itself, from the publications
 * ({@link #publishedOwner}). After {@link #IDLE_SCANS} scans with no entry in progress the daemon sleeps until one
 * starts, so an application without monitor contention never wakes it.
 *
 * <p><b>Note</b>: the owner is found up to two poll periods after the wait began; if the monitor changed hands
 * meanwhile, it may be a later owner than the one when it began. Monitor waits shorter than the poll period are not
 * recorded by the agent (JFR's own {@code jdk.JavaMonitorEnter} still sees them).
 */
final class MonitorOwners implements Runnable {

    static final long POLL_NS = 500_000;
    private static final int IDLE_SCANS = 20;
    /** JVM lookups on consecutive scans; after these, one in {@link #LOOKUP_EVERY} scans while the wait lasts. */
    private static final int MAX_LOOKUPS = 4;
    private static final int LOOKUP_EVERY = 16;

    private static final ThreadLocal<MonitorSlot> SLOT = new ThreadLocal<>();
    private static volatile MonitorSlot[] slots = new MonitorSlot[0];
    private static volatile Thread watcher;
    private static volatile boolean sleeping;
    /** Counts scans; a holder's publications carry it instead of a clock ({@link HeldMonitors}). */
    private static volatile long epoch;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private MonitorOwners() {
    }

    /** Starts the daemon; the management classes it needs are loaded here, not in a waiting thread. */
    static void start() {
        Thread t = new Thread(new MonitorOwners(), "pxlab-monitor-owners");
        t.setDaemon(true);
        watcher = t;
        t.start();
    }

    /**
     * Returns the calling thread's slot.
     *
     * @return The slot, created on the thread's first timed monitor entry, or its first exit of an inflated monitor.
     */
    static MonitorSlot slot() {
        MonitorSlot slot = SLOT.get();
        if (slot == null) {
            slot = register();
            SLOT.set(slot);
        }
        return slot;
    }

    /**
     * Returns the number of the scan in progress, or of the last one: scans are numbered from 1, and the number
     * changes only when the next one begins.
     *
     * @return The scan's number.
     */
    static long epoch() {
        return epoch;
    }

    /** Wakes the daemon if it sleeps; called when an entry starts, at the cost of one volatile read. */
    static void entryStarted() {
        if (sleeping) {
            sleeping = false;
            Thread w = watcher;
            if (w != null) LockSupport.unpark(w);
        }
    }

    /**
     * Makes the calling thread's slot at its first timed entry, and describes the thread (its first contended wait,
     * most likely) before the entry begins.
     */
    private static MonitorSlot register() {
        MonitorSlot slot = new MonitorSlot(ThreadIds.learnSelf());
        try {
            ThreadSched.contended(slot.thread, slot.tid);
        } catch (Throwable t) {
            LockProbe.failed(t);
        }
        synchronized (MonitorOwners.class) {
            MonitorSlot[] grown = Arrays.copyOf(slots, slots.length + 1);
            grown[slots.length] = slot;
            slots = grown;
        }
        return slot;
    }

    @Override
    public void run() {
        try {
            warmUp();
        } catch (Throwable t) {   // only slower first lookups
            LockProbe.failed(t);
        }
        int idle = 0;
        while (true) {
            try {
                if (scan()) {
                    idle = 0;
                } else if (++idle >= IDLE_SCANS) {
                    sleeping = true;
                    VarHandle.fullFence();   // the flag before the re-check's reads (see LockProbe.monitorEnter)
                    if (!scan()) LockSupport.park(this);   // re-checked: an entry may have raced the flag
                    sleeping = false;
                    idle = 0;
                }
                LockSupport.parkNanos(this, POLL_NS);
            } catch (Throwable t) {
                LockProbe.failed(t);
                LockSupport.parkNanos(this, POLL_NS);
            }
        }
    }

    /**
     * Runs one lookup of a thread blocked on a monitor, so that the JVM and class-library paths it takes are loaded
     * and compiled before the application's first contended monitor, not during it.
     */
    private void warmUp() throws InterruptedException {
        Object monitor = new Object();
        Thread blocked;
        synchronized (monitor) {
            blocked = new Thread(() -> {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }, "pxlab-monitor-owners-warm-up");
            blocked.setDaemon(true);
            blocked.start();
            // Short: a wait under JFR's 1 ms threshold leaves no trace in the application's recording.
            long until = System.nanoTime() + 500_000;
            while (System.nanoTime() < until) {
                ThreadInfo info = threads.getThreadInfo(blocked.getId());
                if (info != null && info.getThreadState() == Thread.State.BLOCKED) {
                    byId(info.getLockOwnerId());
                    break;
                }
                Thread.yield();
            }
        }
        blocked.join(1000);
    }

    /** Looks at every slot once; returns whether any entry was in progress. */
    private boolean scan() {
        boolean busy = false;
        boolean dead = false;
        long now = System.nanoTime();
        long scan = epoch + 1;
        epoch = scan;   // only this thread writes it
        MonitorSlot[] all = slots;
        for (MonitorSlot slot : all) {
            if (!slot.thread.isAlive()) {
                dead = true;
                continue;
            }
            Object lock = MonitorSlot.LOCK.getAcquire(slot);
            if (lock == null) continue;
            busy = true;
            long seq = slot.seq;
            MonitorProbe.watchExits();   // some monitor is contended: releases are worth recording from now
            if (slot.seenSeq != seq) {   // a new entry: note its owner so far; look again next time
                slot.seenSeq = seq;
                slot.seenAt = now;
                slot.lookups = 0;
                slot.sights = 0;
                slot.candidate = holderNow(all, slot, lock);
            } else if (now - slot.seenAt >= POLL_NS) {
                if (slot.longSeq != seq) slot.longSeq = seq;
                if (slot.foundSeq != seq) findOwner(all, slot, lock, seq);
            }
        }
        if (dead) dropDead();
        return busy;
    }

    /**
     * Returns the owner the holders' publications name for a waiter's entry, as {@link #owner(MonitorSlot[],
     * MonitorSlot, Object)} does; for the waiter itself, which finishes a long wait before the lookup answered it.
     *
     * @param waiter The waiter's slot, its entry still current.
     * @param lock   The monitor.
     * @return The owner's slot, or {@code null}.
     */
    static MonitorSlot publishedOwner(MonitorSlot waiter, Object lock) {
        return owner(slots, waiter, lock);
    }

    /**
     * Returns the slot of the thread the holders' publications name as the owner for {@code waiter}'s entry of
     * {@code lock}, or {@code null}. Scans order the publications: {@code s} is the scan in progress when the entry
     * began ({@link MonitorSlot#startEpoch}). In this order:
     * <ol>
     *   <li>the first thread to take the monitor in a scan after {@code s}: it took it after the entry began, and so
     *       held it during the wait;</li>
     *   <li>else the last to take it in {@code s} or before (the one still holding it, among those of one scan): if
     *       it still holds it (and the monitor is still inflated: a stale publication could outlive a monitor
     *       deflated where its release went unseen), or released it in {@code s} or after. <b>Note</b>: a release in
     *       {@code s} itself may have come just before the entry began, when the monitor was then free and the
     *       waiter only waited for a CPU; the first scan to see the entry, which sees who holds the monitor then,
     *       is asked before this ({@link MonitorSlot#candidate});</li>
     *   <li>else a thread that took the monitor thin, without publishing it, and released it in {@code s} or
     *       after.</li>
     * </ol>
     */
    private static MonitorSlot owner(MonitorSlot[] all, MonitorSlot waiter, Object lock) {
        long start = waiter.startEpoch;
        long[] scans = new long[2];
        MonitorSlot firstAfter = null;
        long firstAfterScan = 0;
        MonitorSlot lastBefore = null;
        long lastBeforeScan = 0;
        boolean lastBeforeHolds = false;
        long lastBeforeRelease = 0;
        boolean lastBeforeTied = false;
        MonitorSlot thinReleaser = null;
        for (MonitorSlot s : all) {
            if (s == waiter) continue;
            int state = s.held.stateOf(lock, scans);
            if (state == HeldMonitors.NONE) continue;
            long acquired = scans[0];
            boolean holds = state == HeldMonitors.HELD;
            if (acquired == HeldMonitors.UNKNOWN) {
                if (scans[1] >= start) thinReleaser = s;
            } else if (acquired > start) {
                if (firstAfter == null || acquired < firstAfterScan) {
                    firstAfter = s;
                    firstAfterScan = acquired;
                }
            } else if (lastBefore == null || acquired > lastBeforeScan
                    || (acquired == lastBeforeScan && holds && !lastBeforeHolds)) {
                lastBeforeTied = lastBefore != null && acquired == lastBeforeScan && !holds;
                lastBefore = s;
                lastBeforeScan = acquired;
                lastBeforeHolds = holds;
                lastBeforeRelease = scans[1];
            } else if (acquired == lastBeforeScan && !lastBeforeHolds) {
                lastBeforeTied = true;   // two took it in one scan, both released it since: which was last is unknown
            }
        }
        if (firstAfter != null) return firstAfter;
        if (lastBefore != null
                && (lastBeforeHolds ? MarkWord.isInflated(lock) : !lastBeforeTied && lastBeforeRelease >= start)) {
            return lastBefore;
        }
        return thinReleaser;
    }

    /** Names the owner of a long wait, in the order the class comment gives; leaves it for the next scan if none. */
    private void findOwner(MonitorSlot[] all, MonitorSlot slot, Object lock, long seq) {
        MonitorSlot holder = slot.candidate;
        if (holder == null) holder = owner(all, slot, lock);
        if (holder != null) {
            found(slot, lock, seq, holder.thread, holder.tid);
        } else if (slot.lookups < MAX_LOOKUPS || ++slot.sights % LOOKUP_EVERY == 0) {
            slot.lookups++;
            Thread owner = ownerByJvm(slot, lock);
            if (owner != null) found(slot, lock, seq, owner, ThreadIds.tidOf(owner));
        }
    }

    /**
     * Returns the slot of the one thread that publishes {@code lock} as held now, if the monitor is inflated (see
     * {@link #owner(MonitorSlot[], MonitorSlot, Object)}); {@code null} if none, or two.
     */
    private static MonitorSlot holderNow(MonitorSlot[] all, MonitorSlot waiter, Object lock) {
        if (!MarkWord.isInflated(lock)) return null;
        long[] scans = new long[2];
        MonitorSlot found = null;
        for (MonitorSlot s : all) {
            if (s == waiter || s.held.stateOf(lock, scans) != HeldMonitors.HELD) continue;
            if (found != null) return null;
            found = s;
        }
        return found;
    }

    /** The owner the JVM reports for the waiter, if it is blocked on {@code lock}; else {@code null}. */
    private Thread ownerByJvm(MonitorSlot slot, Object lock) {
        ThreadInfo info = threads.getThreadInfo(slot.thread.getId());
        if (info == null || info.getThreadState() != Thread.State.BLOCKED) return null;   // not blocked yet, or done
        LockInfo blockedOn = info.getLockInfo();
        if (blockedOn == null || blockedOn.getIdentityHashCode() != System.identityHashCode(lock)) return null;
        return byId(info.getLockOwnerId());
    }

    /**
     * Answers the waiter: its owner, the owner's charges from now on, and the owner's contended hold. The owner is
     * described ({@code pxlab.ThreadSched}) if this is its first contention.
     */
    private static void found(MonitorSlot slot, Object lock, long seq, Thread owner, int tid) {
        slot.candidate = null;
        ThreadSched.contended(owner, tid);
        long[] s = new long[2];
        boolean sampled = tid > 0 && SchedStat.read(tid, s);
        slot.foundOwner = owner;
        slot.ownerOsThreadId = Math.max(tid, 0);
        slot.ownerTid = sampled ? tid : -1;
        slot.ownerCpuStart = s[0];
        slot.ownerRqStart = s[1];
        slot.foundSeq = seq;   // volatile: publishes the fields above to the waiter
        Holds.contended(lock, "monitor", owner, slot.ownerTid, s[0], s[1]);
    }

    private static synchronized void dropDead() {
        slots = Arrays.stream(slots).filter(s -> s.thread.isAlive()).toArray(MonitorSlot[]::new);
    }

    private static Thread byId(long id) {
        if (id < 0) return null;
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            if (all[i].getId() == id) return all[i];
        }
        return null;
    }
}
