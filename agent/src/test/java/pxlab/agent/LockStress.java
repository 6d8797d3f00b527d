package pxlab.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A lock semantics stress program that {@link LockStressIT} runs in a fresh JVM, with and without the agent.
 *
 * <p>{@value #THREADS} threads each run a fixed number of iterations over {@code ReentrantLock} (fair and
 * non-fair; {@code lock}, {@code tryLock}, timed {@code tryLock}, {@code lockInterruptibly}, reentrancy),
 * {@code ReentrantReadWriteLock} (fair and non-fair; readers, writers, write-to-read downgrades), {@code StampedLock}
 * (write, read, optimistic read with fallback, conversions), {@code synchronized} counters, and two bounded buffers:
 * one on a monitor with {@code wait}/{@code notifyAll}, one on a {@code Condition} pair with {@code await}/{@code
 * signal}. Even threads produce, odd threads consume. Now and then a thread is interrupted while queued in
 * {@code lockInterruptibly} or a timed {@code tryLock} on a lock a dedicated interrupter holds ("drills").
 *
 * <p>Which operation a thread does at an iteration depends only on the thread's index and the iteration, so every
 * count on the {@code RESULT} line is independent of scheduling. Timing-dependent outcomes (a {@code tryLock} that
 * failed, an optimistic read that did not validate) fall back to a blocking acquisition, so the work done is the
 * same; they are printed on the {@code TIMING} line and checked to add up ({@code succeeded + failed == attempts}).
 *
 * <p>Exit status: 0 with a {@code RESULT} line; 1 after printing {@code VIOLATION ...} (an invariant failed); 2 after
 * printing {@code DEADLOCK?} and a thread dump (the workers did not finish within the watchdog time: a deadlock or a
 * lost wake-up).
 *
 * <p>Arguments: {@code [iterations]}; system property {@code stress.watchdogMs} (default 60000).
 */
public final class LockStress {

    static final int THREADS = 64;
    static final int DEFAULT_ITERATIONS = 1000;
    /** One buffer operation (per buffer) every this many iterations. */
    static final int BUFFER_EVERY = 4;
    static final int BUFFER_CAPACITY = 8;
    /** One interrupt drill every this many iterations, per thread. */
    static final int DRILL_EVERY = 500;
    /** Held under the lock at a few chosen iterations, so that some waits outlast the agent's 1 ms threshold. */
    static final long LONG_HOLD_MS = 3;
    /** How long the interrupter lets a drilled thread wait before interrupting it (also above the threshold). */
    static final long DRILL_WAIT_MS = 2;
    static final long SHORT_TIMEOUT_US = 50;

    private final int iterations;
    private final long watchdogMs;

    /** Two fields that must be equal whenever observed under their lock. */
    static final class Pair {
        long a;
        long b;
    }

    private final ReentrantLock nonfair = new ReentrantLock();
    private final ReentrantLock fair = new ReentrantLock(true);
    private final Pair nonfairPair = new Pair();
    private final Pair fairPair = new Pair();

    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock rwFair = new ReentrantReadWriteLock(true);
    private final Pair rwPair = new Pair();
    private final Pair rwFairPair = new Pair();

    private final StampedLock stamped = new StampedLock();
    private long sx;
    private long sy;

    private final Object monitor = new Object();
    private final Pair monitorPair = new Pair();

    private final MonitorBuffer monitorBuffer = new MonitorBuffer(BUFFER_CAPACITY, THREADS);
    private final ConditionBuffer conditionBuffer = new ConditionBuffer(BUFFER_CAPACITY, THREADS);

    private final ReentrantLock drillLock = new ReentrantLock();
    private final ReentrantReadWriteLock drillRw = new ReentrantReadWriteLock();
    private final LinkedBlockingQueue<Drill> drills = new LinkedBlockingQueue<>();
    private static final Drill STOP = new Drill(null, -1);

    private LockStress(int iterations, long watchdogMs) {
        this.iterations = iterations;
        this.watchdogMs = watchdogMs;
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITERATIONS;
        new LockStress(iterations, Long.getLong("stress.watchdogMs", 60_000)).run();
    }

    /** What one thread did; only that thread writes it, main reads it after join. */
    static final class Tally {
        long nonfair;
        long fair;
        long tryAttempts;
        long tryOk;
        long tryFailed;
        long timedAttempts;
        long timedOk;
        long timedFailed;
        long rwWrites;
        long rwFairWrites;
        long downgrades;
        long rwReads;
        long rwTryAttempts;
        long rwTryOk;
        long rwTryFailed;
        long stampedWrites;
        long stampedReads;
        long optimisticAttempts;
        long optimisticOk;
        long optimisticFailed;
        long convertAttempts;
        long convertOk;
        long convertFailed;
        long monitor;
        long produced;
        long consumed;
        long producedSum;
        long consumedSum;
        long drills;
        long interrupted;

        void add(Tally o) {
            nonfair += o.nonfair;
            fair += o.fair;
            tryAttempts += o.tryAttempts;
            tryOk += o.tryOk;
            tryFailed += o.tryFailed;
            timedAttempts += o.timedAttempts;
            timedOk += o.timedOk;
            timedFailed += o.timedFailed;
            rwWrites += o.rwWrites;
            rwFairWrites += o.rwFairWrites;
            downgrades += o.downgrades;
            rwReads += o.rwReads;
            rwTryAttempts += o.rwTryAttempts;
            rwTryOk += o.rwTryOk;
            rwTryFailed += o.rwTryFailed;
            stampedWrites += o.stampedWrites;
            stampedReads += o.stampedReads;
            optimisticAttempts += o.optimisticAttempts;
            optimisticOk += o.optimisticOk;
            optimisticFailed += o.optimisticFailed;
            convertAttempts += o.convertAttempts;
            convertOk += o.convertOk;
            convertFailed += o.convertFailed;
            monitor += o.monitor;
            produced += o.produced;
            consumed += o.consumed;
            producedSum += o.producedSum;
            consumedSum += o.consumedSum;
            drills += o.drills;
            interrupted += o.interrupted;
        }
    }

    private void run() throws InterruptedException {
        long start = System.nanoTime();
        Tally[] tallies = new Tally[THREADS];
        Thread[] workers = new Thread[THREADS];
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Tally tally = tallies[t] = new Tally();
            workers[t] = new Thread(() -> {
                try {
                    go.await();
                    work(id, tally);
                } catch (Throwable e) {
                    violation("worker " + id + " threw " + e, e);
                }
            }, "stress-" + t);
        }
        Thread interrupter = new Thread(this::interrupter, "interrupter");
        interrupter.setDaemon(true);
        interrupter.start();
        for (Thread w : workers) w.start();
        go.countDown();

        long deadline = start + TimeUnit.MILLISECONDS.toNanos(watchdogMs);
        for (Thread w : workers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) w.join(left);
            if (w.isAlive()) deadlock(w);
        }
        drills.put(STOP);
        interrupter.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())) + 1);
        if (interrupter.isAlive()) deadlock(interrupter);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        Tally sum = new Tally();
        for (Tally t : tallies) sum.add(t);
        check(sum);
        long n = (long) THREADS * iterations;
        System.out.println("RESULT threads=" + THREADS + " iterations=" + iterations
                + " counter=" + (sum.nonfair + sum.fair) + " fair=" + sum.fair
                + " rw=" + (sum.rwWrites + sum.rwFairWrites) + " downgrades=" + sum.downgrades
                + " reads=" + sum.rwReads + " stamped=" + sum.stampedWrites + " stampedReads=" + sum.stampedReads
                + " monitor=" + sum.monitor + " produced=" + sum.produced + " consumed=" + sum.consumed
                + " checksum=" + Long.toHexString(sum.consumedSum) + " drills=" + sum.drills
                + " interrupted=" + sum.interrupted);
        System.out.println("TIMING elapsedMs=" + elapsedMs
                + " tryLock=" + sum.tryAttempts + "/" + sum.tryFailed + "failed"
                + " timedTryLock=" + sum.timedAttempts + "/" + sum.timedFailed + "failed"
                + " rwTryLock=" + sum.rwTryAttempts + "/" + sum.rwTryFailed + "failed"
                + " optimistic=" + sum.optimisticAttempts + "/" + sum.optimisticFailed + "failed"
                + " convert=" + sum.convertAttempts + "/" + sum.convertFailed + "failed"
                + " operations=" + n);
        System.out.flush();
        System.exit(0);
    }

    private void work(int t, Tally tally) throws InterruptedException {
        for (int i = 0; i < iterations; i++) {
            boolean longHold = t % 16 == 0
                    && (i == iterations / 4 || i == iterations / 2 || i == 3 * iterations / 4);
            mutex(t, i, tally, longHold);
            readWrite(t, i, tally, longHold);
            stamped(t, i, tally);
            monitor(t, i, tally);
            if (i % BUFFER_EVERY == 0) buffers(t, i / BUFFER_EVERY, tally);
            if ((i + 7 * t) % DRILL_EVERY == DRILL_EVERY / 2) drill(t, i, tally);
        }
    }

    // ---- ReentrantLock -------------------------------------------------------------------------------------------

    private void mutex(int t, int i, Tally tally, boolean longHold) throws InterruptedException {
        boolean isFair = ((i + t) & 1) == 1;
        ReentrantLock l = isFair ? fair : nonfair;
        Pair p = isFair ? fairPair : nonfairPair;
        switch ((i / 2 + t) % 4) {
            case 0 -> l.lock();
            case 1 -> {
                tally.tryAttempts++;
                if (l.tryLock()) {
                    tally.tryOk++;
                } else {
                    tally.tryFailed++;
                    l.lock();
                }
            }
            case 2 -> {
                tally.timedAttempts++;
                if (l.tryLock(SHORT_TIMEOUT_US, TimeUnit.MICROSECONDS)) {
                    tally.timedOk++;
                } else {
                    tally.timedFailed++;
                    l.lock();
                }
            }
            default -> l.lockInterruptibly();
        }
        try {
            if (!l.isHeldByCurrentThread() || l.getHoldCount() != 1) {
                violation("ReentrantLock not held once after acquiring: holdCount=" + l.getHoldCount());
            }
            l.lock();   // reentrant
            try {
                if (l.getHoldCount() != 2) violation("ReentrantLock holdCount " + l.getHoldCount() + " != 2");
                if (p.a != p.b) violation("ReentrantLock(fair=" + isFair + ") pair " + p.a + " != " + p.b);
                p.a++;
                if ((i & 7) == 0) Thread.yield();
                if (longHold) sleep(LONG_HOLD_MS);
                p.b++;
            } finally {
                l.unlock();
            }
            if (l.getHoldCount() != 1) violation("ReentrantLock holdCount " + l.getHoldCount() + " != 1");
        } finally {
            l.unlock();
        }
        if (l.isHeldByCurrentThread()) violation("ReentrantLock still held after two unlocks");
        if (isFair) tally.fair++;
        else tally.nonfair++;
    }

    // ---- ReentrantReadWriteLock ----------------------------------------------------------------------------------

    private void readWrite(int t, int i, Tally tally, boolean longHold) throws InterruptedException {
        boolean isFair = (i + t) % 3 == 0;
        ReentrantReadWriteLock l = isFair ? rwFair : rw;
        Pair p = isFair ? rwFairPair : rwPair;
        int op = (i + 3 * t) % 8;
        if (op == 0) {
            write(l, p, i, tally, longHold);
        } else if (op == 1) {
            downgrade(l, p, i, tally);
        } else {
            read(l, p, i, tally, longHold && op == 2);
        }
        if (l.isWriteLockedByCurrentThread() || l.getReadHoldCount() != 0) {
            violation("RRWL still held: write=" + l.isWriteLockedByCurrentThread() + " reads=" + l.getReadHoldCount());
        }
        if (op <= 1) {
            if (isFair) tally.rwFairWrites++;
            else tally.rwWrites++;
        }
    }

    private void write(ReentrantReadWriteLock l, Pair p, int i, Tally tally, boolean longHold)
            throws InterruptedException {
        ReentrantReadWriteLock.WriteLock w = l.writeLock();
        switch ((i / 8) % 3) {
            case 0 -> w.lock();
            case 1 -> w.lockInterruptibly();
            default -> {
                tally.rwTryAttempts++;
                if (w.tryLock(SHORT_TIMEOUT_US, TimeUnit.MICROSECONDS)) {
                    tally.rwTryOk++;
                } else {
                    tally.rwTryFailed++;
                    w.lock();
                }
            }
        }
        try {
            if (!w.isHeldByCurrentThread() || l.getWriteHoldCount() != 1 || l.getReadLockCount() != 0) {
                violation("RRWL write: holds=" + l.getWriteHoldCount() + " readers=" + l.getReadLockCount());
            }
            if (p.a != p.b) violation("RRWL write sees pair " + p.a + " != " + p.b);
            p.a++;
            if ((i & 7) == 0) Thread.yield();
            if (longHold) sleep(LONG_HOLD_MS);
            w.lock();   // reentrant write
            try {
                p.b++;
            } finally {
                w.unlock();
            }
        } finally {
            w.unlock();
        }
    }

    private void downgrade(ReentrantReadWriteLock l, Pair p, int i, Tally tally) {
        l.writeLock().lock();
        long mine;
        try {
            if (p.a != p.b) violation("RRWL downgrade sees pair " + p.a + " != " + p.b);
            mine = ++p.a;
            p.b++;
            l.readLock().lock();   // downgrade: take the read lock while holding the write lock ...
        } finally {
            l.writeLock().unlock();   // ... then let the write lock go
        }
        try {
            if (l.isWriteLocked() || l.getReadHoldCount() != 1) {
                violation("RRWL after downgrade: writeLocked=" + l.isWriteLocked() + " reads=" + l.getReadHoldCount());
            }
            if ((i & 3) == 0) Thread.yield();
            // No writer can have run since our write: we held the read lock throughout.
            if (p.a != mine || p.b != mine) violation("RRWL downgrade: wrote " + mine + " but see " + p.a + "/" + p.b);
            tally.downgrades++;
        } finally {
            l.readLock().unlock();
        }
    }

    private void read(ReentrantReadWriteLock l, Pair p, int i, Tally tally, boolean longHold)
            throws InterruptedException {
        ReentrantReadWriteLock.ReadLock r = l.readLock();
        int how = (i / 8) % 4;
        switch (how) {
            case 0, 3 -> r.lock();
            case 1 -> r.lockInterruptibly();
            default -> {
                tally.rwTryAttempts++;
                if (r.tryLock(SHORT_TIMEOUT_US, TimeUnit.MICROSECONDS)) {
                    tally.rwTryOk++;
                } else {
                    tally.rwTryFailed++;
                    r.lock();
                }
            }
        }
        try {
            if (how == 3) r.lock();   // reentrant read, possibly with a writer queued
            try {
                if (l.isWriteLocked()) violation("RRWL read while write-locked");
                long a = p.a;
                if ((i & 15) == 0) Thread.yield();
                if (longHold) sleep(LONG_HOLD_MS);
                if (a != p.a || p.a != p.b) violation("RRWL read sees pair " + a + "/" + p.a + " != " + p.b);
            } finally {
                if (how == 3) r.unlock();
            }
        } finally {
            r.unlock();
        }
        tally.rwReads++;
    }

    // ---- StampedLock ---------------------------------------------------------------------------------------------

    private void stamped(int t, int i, Tally tally) throws InterruptedException {
        StampedLock l = stamped;
        switch ((i + 5 * t) % 6) {
            case 0 -> {
                long s = (i & 1) == 0 ? l.writeLock() : l.writeLockInterruptibly();
                try {
                    if (sx != sy) violation("StampedLock write sees " + sx + " != " + sy);
                    sx++;
                    if ((i & 7) == 0) Thread.yield();
                    sy++;
                } finally {
                    l.unlockWrite(s);
                }
                tally.stampedWrites++;
            }
            case 1 -> {
                long s = (i & 1) == 0 ? l.readLock() : l.readLockInterruptibly();
                try {
                    if (sx != sy) violation("StampedLock read sees " + sx + " != " + sy);
                } finally {
                    l.unlockRead(s);
                }
                tally.stampedReads++;
            }
            case 2 -> {
                tally.optimisticAttempts++;
                long s = l.tryOptimisticRead();
                long x = sx;
                long y = sy;
                if (s != 0 && l.validate(s)) {
                    tally.optimisticOk++;
                } else {
                    tally.optimisticFailed++;
                    s = l.readLock();
                    try {
                        x = sx;
                        y = sy;
                    } finally {
                        l.unlockRead(s);
                    }
                }
                if (x != y) violation("StampedLock optimistic read validated but saw " + x + " != " + y);
                tally.stampedReads++;
            }
            case 3 -> {
                // read, then upgrade in place if we can
                tally.convertAttempts++;
                long s = l.readLock();
                try {
                    if (sx != sy) violation("StampedLock read sees " + sx + " != " + sy);
                    long ws = l.tryConvertToWriteLock(s);
                    if (ws != 0) {
                        tally.convertOk++;
                        s = ws;
                    } else {
                        tally.convertFailed++;
                        l.unlockRead(s);
                        s = l.writeLock();
                    }
                    if (!StampedLock.isWriteLockStamp(s)) violation("not a write stamp after conversion");
                    sx++;
                    sy++;
                } finally {
                    l.unlock(s);
                }
                tally.stampedWrites++;
            }
            case 4 -> {
                // optimistic read, then try to turn it into a write lock
                tally.convertAttempts++;
                long s = l.tryOptimisticRead();
                long ws = s == 0 ? 0 : l.tryConvertToWriteLock(s);
                if (ws != 0) {
                    tally.convertOk++;
                } else {
                    tally.convertFailed++;
                    ws = l.writeLock();
                }
                try {
                    if (sx != sy) violation("StampedLock converted write sees " + sx + " != " + sy);
                    sx++;
                    sy++;
                } finally {
                    l.unlockWrite(ws);
                }
                tally.stampedWrites++;
            }
            default -> {
                // write, then downgrade to a read lock
                long s = l.writeLock();
                long mine;
                try {
                    mine = ++sx;
                    sy++;
                } finally {
                    s = l.tryConvertToReadLock(s);
                }
                if (s == 0) {
                    violation("StampedLock: write lock could not be converted to a read lock");
                    return;
                }
                try {
                    if ((i & 3) == 0) Thread.yield();
                    if (sx != mine || sy != mine) violation("StampedLock downgrade: wrote " + mine + " but see " + sx);
                } finally {
                    l.unlockRead(s);
                }
                tally.stampedWrites++;
            }
        }
    }

    // ---- synchronized --------------------------------------------------------------------------------------------

    private void monitor(int t, int i, Tally tally) {
        synchronized (monitor) {
            Pair p = monitorPair;
            if (p.a != p.b) violation("monitor pair " + p.a + " != " + p.b);
            p.a++;
            if ((i & 15) == 0) Thread.yield();
            synchronized (monitor) {   // reentrant
                if (!Thread.holdsLock(monitor)) violation("monitor not held");
                p.b++;
            }
        }
        if (Thread.holdsLock(monitor)) violation("monitor still held");
        tally.monitor++;
    }

    // ---- bounded buffers -----------------------------------------------------------------------------------------

    private void buffers(int t, int k, Tally tally) throws InterruptedException {
        if (t % 2 == 0) {
            long v = item(t, k);
            monitorBuffer.put(v);
            conditionBuffer.put(v);
            tally.produced += 2;
            tally.producedSum += 2 * mix(v);
        } else {
            long v1 = monitorBuffer.take();
            long v2 = conditionBuffer.take();
            tally.consumed += 2;
            tally.consumedSum += mix(v1) + mix(v2);
        }
    }

    static long item(int producer, int k) {
        return ((long) producer << 32) | k;
    }

    /** SplitMix64's finaliser: a checksum over items that a lost or duplicated item changes. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A FIFO ring on a monitor; checks that each producer's items come out in order, none lost or repeated. */
    static final class MonitorBuffer {
        private final long[] items;
        private final int[] next;
        private int head;
        private int count;

        MonitorBuffer(int capacity, int producers) {
            items = new long[capacity];
            next = new int[producers];
        }

        synchronized void put(long v) throws InterruptedException {
            while (count == items.length) wait();
            items[(head + count) % items.length] = v;
            count++;
            notifyAll();
        }

        synchronized long take() throws InterruptedException {
            while (count == 0) wait();
            long v = items[head];
            head = (head + 1) % items.length;
            count--;
            notifyAll();
            checkOrder("monitor buffer", next, v);
            return v;
        }

        synchronized int size() {
            return count;
        }
    }

    /** The same on a ReentrantLock with two Conditions and single signals (the ArrayBlockingQueue pattern). */
    static final class ConditionBuffer {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition notEmpty = lock.newCondition();
        private final long[] items;
        private final int[] next;
        private int head;
        private int count;

        ConditionBuffer(int capacity, int producers) {
            items = new long[capacity];
            next = new int[producers];
        }

        void put(long v) throws InterruptedException {
            lock.lock();
            try {
                while (count == items.length) notFull.await();
                items[(head + count) % items.length] = v;
                count++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        long take() throws InterruptedException {
            lock.lock();
            try {
                while (count == 0) notEmpty.await();
                long v = items[head];
                head = (head + 1) % items.length;
                count--;
                notFull.signal();
                checkOrder("condition buffer", next, v);
                return v;
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Called under the buffer's lock. */
    static void checkOrder(String what, int[] next, long v) {
        int producer = (int) (v >>> 32);
        int k = (int) v;
        if (producer < 0 || producer >= next.length || producer % 2 != 0) {
            violation(what + ": item " + Long.toHexString(v) + " from no producer");
        } else if (next[producer] != k) {
            violation(what + ": producer " + producer + " item " + k + " but expected " + next[producer]);
        } else {
            next[producer]++;
        }
    }

    // ---- interrupt drills ----------------------------------------------------------------------------------------

    /** A request to the interrupter: hold a lock, wait until {@code thread} queues for it, interrupt it. */
    static final class Drill {
        final Thread thread;
        final int kind;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);

        Drill(Thread thread, int kind) {
            this.thread = thread;
            this.kind = kind;
        }
    }

    /**
     * The thread asks the interrupter to take a lock, then blocks on it in one of four interruptible ways. The
     * interrupter holds the lock until the thread has given up, so the only correct outcome is an
     * InterruptedException with the interrupt status cleared.
     */
    private void drill(int t, int i, Tally tally) throws InterruptedException {
        int kind = (i / DRILL_EVERY + t) % 4;
        Drill d = new Drill(Thread.currentThread(), kind);
        drills.put(d);
        d.held.await();
        tally.drills++;
        try {
            boolean got;
            Lock l;
            switch (kind) {
                case 0 -> {
                    l = drillLock;
                    l.lockInterruptibly();
                    got = true;
                }
                case 1 -> {
                    l = drillLock;
                    got = l.tryLock(60, TimeUnit.SECONDS);
                }
                case 2 -> {
                    l = drillRw.writeLock();
                    l.lockInterruptibly();
                    got = true;
                }
                default -> {
                    l = drillRw.readLock();
                    got = l.tryLock(60, TimeUnit.SECONDS);
                }
            }
            if (got) {
                l.unlock();
                violation("drill " + kind + ": acquired a lock the interrupter holds");
            } else {
                violation("drill " + kind + ": timed out instead of being interrupted");
            }
        } catch (InterruptedException e) {
            tally.interrupted++;
            if (Thread.currentThread().isInterrupted()) violation("drill " + kind + ": interrupt status still set");
        } finally {
            d.done.countDown();
        }
    }

    private void interrupter() {
        try {
            for (;;) {
                Drill d = drills.take();
                if (d == STOP) return;
                Lock l = d.kind < 2 ? drillLock : drillRw.writeLock();
                l.lock();
                try {
                    d.held.countDown();
                    while (!(d.kind < 2 ? drillLock.hasQueuedThread(d.thread) : drillRw.hasQueuedThread(d.thread))) {
                        Thread.yield();
                    }
                    sleep(DRILL_WAIT_MS);
                    d.thread.interrupt();
                    d.done.await();
                } finally {
                    l.unlock();
                }
            }
        } catch (Throwable e) {
            violation("interrupter threw " + e, e);
        }
    }

    // ---- checks --------------------------------------------------------------------------------------------------

    private void check(Tally s) {
        long n = (long) THREADS * iterations;
        expect("counter", n, s.nonfair + s.fair);
        expect("nonfair pair a", s.nonfair, nonfairPair.a);
        expect("nonfair pair b", s.nonfair, nonfairPair.b);
        expect("fair pair a", s.fair, fairPair.a);
        expect("fair pair b", s.fair, fairPair.b);
        expect("tryLock ok+failed", s.tryAttempts, s.tryOk + s.tryFailed);
        expect("timed tryLock ok+failed", s.timedAttempts, s.timedOk + s.timedFailed);
        expect("rw pair a", s.rwWrites, rwPair.a);
        expect("rw pair b", s.rwWrites, rwPair.b);
        expect("fair rw pair a", s.rwFairWrites, rwFairPair.a);
        expect("fair rw pair b", s.rwFairWrites, rwFairPair.b);
        expect("rw writes+reads", n, s.rwWrites + s.rwFairWrites + s.rwReads);
        expect("rw tryLock ok+failed", s.rwTryAttempts, s.rwTryOk + s.rwTryFailed);
        expect("stamped x", s.stampedWrites, sx);
        expect("stamped y", s.stampedWrites, sy);
        expect("stamped writes+reads", n, s.stampedWrites + s.stampedReads);
        expect("optimistic ok+failed", s.optimisticAttempts, s.optimisticOk + s.optimisticFailed);
        expect("convert ok+failed", s.convertAttempts, s.convertOk + s.convertFailed);
        expect("monitor", n, s.monitor);
        expect("monitor pair a", n, monitorPair.a);
        expect("monitor pair b", n, monitorPair.b);
        long perProducer = (iterations + BUFFER_EVERY - 1) / BUFFER_EVERY;
        expect("produced", (long) (THREADS / 2) * perProducer * 2, s.produced);
        expect("consumed", s.produced, s.consumed);
        expect("checksum", s.producedSum, s.consumedSum);
        expect("monitor buffer left", 0, monitorBuffer.size());
        expect("condition buffer left", 0, conditionBuffer.size());
        expect("interrupted", s.drills, s.interrupted);
        if (nonfair.isLocked() || fair.isLocked() || rw.isWriteLocked() || rw.getReadLockCount() != 0
                || rwFair.isWriteLocked() || rwFair.getReadLockCount() != 0 || stamped.isWriteLocked()
                || stamped.isReadLocked() || drillLock.isLocked() || drillRw.isWriteLocked()
                || drillRw.getReadLockCount() != 0) {
            violation("a lock is still held at the end");
        }
        if (nonfair.hasQueuedThreads() || fair.hasQueuedThreads() || rw.hasQueuedThreads()
                || rwFair.hasQueuedThreads() || drillLock.hasQueuedThreads() || drillRw.hasQueuedThreads()) {
            violation("threads still queued at the end");
        }
    }

    private static void expect(String what, long expected, long actual) {
        if (expected != actual) violation(what + ": expected " + expected + " but was " + actual);
    }

    private static void violation(String message) {
        violation(message, null);
    }

    /** Reports the first violation and ends the JVM with status 1. */
    private static synchronized void violation(String message, Throwable cause) {
        System.out.println("VIOLATION " + message + " (in " + Thread.currentThread().getName() + ")");
        if (cause != null) cause.printStackTrace(System.out);
        System.out.flush();
        haltLater(1);
        System.exit(1);
    }

    private static void deadlock(Thread stuck) {
        StringBuilder b = new StringBuilder("DEADLOCK? ").append(stuck.getName())
                .append(" did not finish in time (deadlock or lost wake-up)\n");
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        b.append("deadlocked thread ids: ").append(deadlocked == null ? "none" : java.util.Arrays.toString(deadlocked))
                .append('\n');
        for (ThreadInfo ti : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            b.append('"').append(ti.getThreadName()).append("\" ").append(ti.getThreadState());
            if (ti.getLockInfo() != null) b.append(" on ").append(ti.getLockInfo());
            if (ti.getLockOwnerName() != null) b.append(" owned by ").append(ti.getLockOwnerName());
            b.append('\n');
            for (StackTraceElement e : ti.getStackTrace()) b.append("\tat ").append(e).append('\n');
        }
        System.out.println(b);
        System.out.flush();
        haltLater(2);
        System.exit(2);
    }

    /** If exiting hangs (a shutdown hook stuck behind a wedged lock), halt anyway. */
    private static void haltLater(int status) {
        Thread t = new Thread(() -> {
            sleep(10_000);
            Runtime.getRuntime().halt(status);
        }, "halt");
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            violation("unexpected interrupt while sleeping");
        }
    }
}
