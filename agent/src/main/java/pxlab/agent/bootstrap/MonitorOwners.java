package pxlab.agent.bootstrap;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds who holds a contended monitor. Java has no API for a monitor's owner, but the JVM reports it for a thread
 * blocked on one ({@code ThreadInfo.getLockOwnerId}), and asking without a stack trace needs no safepoint. The waiter
 * cannot ask while it blocks, so this daemon scans the threads' {@link MonitorSlot}s every {@link #POLL_NS}; an
 * entry seen in progress on two scans in a row is a wait worth recording ({@link MonitorSlot#longSeq}), and its
 * owner is asked for. After {@link #IDLE_SCANS} scans with no entry in progress it sleeps until one starts, so an
 * application without monitor contention never wakes it.
 *
 * <p><b>Note</b>: the owner is found up to two poll periods after the wait began; if the monitor changed hands in
 * between, the later owner is recorded. Monitor waits shorter than the poll period are not recorded by the agent
 * (JFR's own {@code jdk.JavaMonitorEnter} still sees them).
 */
final class MonitorOwners implements Runnable {

    static final long POLL_NS = 500_000;
    private static final int IDLE_SCANS = 20;
    private static final int MAX_LOOKUPS = 4;

    private static final ThreadLocal<MonitorSlot> SLOT = ThreadLocal.withInitial(MonitorOwners::register);
    private static volatile MonitorSlot[] slots = new MonitorSlot[0];
    private static volatile Thread watcher;
    private static volatile boolean sleeping;

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
     * @return The slot, created on the thread's first monitor entry.
     */
    static MonitorSlot slot() {
        return SLOT.get();
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
        MonitorSlot slot = new MonitorSlot(Thread.currentThread());
        try {
            ThreadSched.contended(slot.thread, ThreadIds.learnSelf());
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
        for (MonitorSlot slot : slots) {
            if (!slot.thread.isAlive()) {
                dead = true;
                continue;
            }
            Object lock = MonitorSlot.LOCK.getAcquire(slot);
            if (lock == null) continue;
            busy = true;
            long seq = slot.seq;
            if (slot.seenSeq != seq) {   // a new entry: look at it next time, if it is still waiting
                slot.seenSeq = seq;
                slot.seenAt = now;
                slot.lookups = 0;
            } else if (now - slot.seenAt >= POLL_NS) {
                if (slot.longSeq != seq) slot.longSeq = seq;
                if (slot.foundSeq != seq && slot.lookups < MAX_LOOKUPS) {
                    slot.lookups++;
                    lookUp(slot, lock, seq);
                }
            }
        }
        if (dead) dropDead();
        return busy;
    }

    private void lookUp(MonitorSlot slot, Object lock, long seq) {
        ThreadInfo info = threads.getThreadInfo(slot.thread.getId());
        if (info == null || info.getThreadState() != Thread.State.BLOCKED) return;   // still spinning, or done
        LockInfo blockedOn = info.getLockInfo();
        if (blockedOn == null || blockedOn.getIdentityHashCode() != System.identityHashCode(lock)) return;
        Thread owner = byId(info.getLockOwnerId());
        if (owner == null) return;
        int tid = ThreadIds.tidOf(owner);
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
