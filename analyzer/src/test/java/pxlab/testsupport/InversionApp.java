package pxlab.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The program {@code InversionIT} and {@code AnalyzeIT} record, through {@link InversionRecordings}: small lock
 * scenarios, one after another, each on threads of its own (named {@code <scenario>-owner},
 * {@code <scenario>-waiter}, ...) so the recording tells them apart.
 *
 * <p>Argument {@code hogs} (run under {@code taskset -c 0}): two nice-0 threads spin on the one CPU throughout,
 * and the scenarios whose owner must be preempted run: {@code preempted} and {@code chain}. Argument {@code quiet}
 * (both CPUs, no hogs): {@code sleeping}, {@code running} and {@code monitor}. Argument {@code jdk} (run without
 * the agent): {@code jdk-sleeping} and {@code jdk-running} on monitors, {@code jdk-park} on a ReentrantLock.
 *
 * <p>Every owner first waits until its waiters are queued, so each wait lasts about {@link #HOLD_MS} or more.
 */
public final class InversionApp {

    /** How long each owner keeps its lock once its waiters are queued. */
    public static final long HOLD_MS = 150;

    private static volatile boolean hogsRun = true;
    /**
     * Scenario threads stay alive until the program ends: JDK 17's JFR writes a thread that ended before its chunk
     * was written as null in thread fields such as a wait's owner (thread pools keep their threads, so real
     * applications rarely meet this).
     */
    private static final CountDownLatch END = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "hogs":
                for (int i = 0; i < 2; i++) daemon("hog-" + i, () -> {
                    while (hogsRun) Thread.onSpinWait();
                });
                preempted();
                chain();
                hogsRun = false;
                break;
            case "quiet":
                sleeping();
                running();
                monitor();
                break;
            case "jdk":
                jdkMonitor("jdk-sleeping", () -> sleep(HOLD_MS));
                // JDK 17 samples a spinning thread far less often than the period asks (a few times in 150 ms on
                // a busy machine); three holds' worth makes at least one sample all but certain.
                jdkMonitor("jdk-running", () -> spinFor(3 * HOLD_MS));
                jdkPark();
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        END.countDown();
    }

    /**
     * The owner holds the lock and spins, reniced to 19 while two nice-0 hogs share its CPU: it waits to run. The
     * main thread renices it and tells it when to let go, so the owner itself needs as few time slices as possible
     * (each one costs it hundreds of milliseconds at 0.7% of the CPU).
     */
    static void preempted() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        AtomicLong ownerTid = new AtomicLong();
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch owner = start("preempted-owner", () -> {
            ownerTid.set(tid());
            lock.lock();
            try {
                held.countDown();
                awaitQueued(lock);
                queued.countDown();
                while (!release.get()) Thread.onSpinWait();
            } finally {
                lock.unlock();
            }
        });
        held.await();
        CountDownLatch waiter = start("preempted-waiter", () -> lockAndUnlock(lock));
        queued.await();
        renice(ownerTid.get(), 19);
        Thread.sleep(HOLD_MS);
        release.set(true);
        waiter.await();
        owner.await();
    }

    /**
     * A waits for lock1, held by B, which waits for lock2, held by C, which is preempted as in {@link #preempted}.
     */
    static void chain() throws InterruptedException {
        ReentrantLock lock1 = new ReentrantLock();
        ReentrantLock lock2 = new ReentrantLock();
        CountDownLatch cHeld = new CountDownLatch(1);
        CountDownLatch bHeld = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        AtomicLong cTid = new AtomicLong();
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch c = start("chain-c", () -> {
            cTid.set(tid());
            lock2.lock();
            try {
                cHeld.countDown();
                awaitQueued(lock2);
                awaitQueued(lock1);
                queued.countDown();
                while (!release.get()) Thread.onSpinWait();
            } finally {
                lock2.unlock();
            }
        });
        cHeld.await();
        CountDownLatch b = start("chain-b", () -> {
            lock1.lock();
            try {
                bHeld.countDown();
                lockAndUnlock(lock2);
            } finally {
                lock1.unlock();
            }
        });
        bHeld.await();
        CountDownLatch a = start("chain-a", () -> lockAndUnlock(lock1));
        queued.await();
        renice(cTid.get(), 19);
        Thread.sleep(HOLD_MS);
        release.set(true);
        a.await();
        b.await();
        c.await();
    }

    /** The owner holds a ReentrantLock across Thread.sleep. */
    static void sleeping() throws InterruptedException {
        ownerAndWaiter("sleeping", () -> sleep(HOLD_MS));
    }

    /**
     * The owner spins while it holds the lock. It runs SCHED_FIFO when the test runs as root, so that other work on
     * the machine cannot preempt it: nice -20 was not enough, since a parallel build in another cgroup competes with
     * this JVM's group as a whole (seen: 76 ms of run-queue wait in a 160 ms hold at load 9). Otherwise it runs at
     * nice 0, and then only an idle machine keeps it running.
     */
    static void running() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        AtomicLong ownerTid = new AtomicLong();
        CountDownLatch owner = start("running-owner", () -> {
            ownerTid.set(tid());
            lock.lock();
            try {
                held.countDown();
                awaitQueued(lock);
                spinFor(HOLD_MS);
            } finally {
                lock.unlock();
            }
        });
        held.await();
        // Before the wait begins, so the owner never stops for it.
        if (!tryRun("chrt", "-f", "-p", "10", Long.toString(ownerTid.get()))) tryRenice(ownerTid.get(), -20);
        CountDownLatch waiter = start("running-waiter", () -> lockAndUnlock(lock));
        waiter.await();
        owner.await();
    }

    /** The owner sleeps inside {@code synchronized}: with the agent, one wait described by two events. */
    static void monitor() throws InterruptedException {
        jdkMonitor("monitor", () -> sleep(HOLD_MS));
    }

    /** Without the agent: a ReentrantLock wait is seen only as a park, whose owner is unknown. */
    static void jdkPark() throws InterruptedException {
        ownerAndWaiter("jdk-park", () -> sleep(HOLD_MS));
    }

    private static void ownerAndWaiter(String name, Runnable inside) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch owner = start(name + "-owner", () -> {
            lock.lock();
            try {
                held.countDown();
                awaitQueued(lock);
                inside.run();
            } finally {
                lock.unlock();
            }
        });
        held.await();
        CountDownLatch waiter = start(name + "-waiter", () -> lockAndUnlock(lock));
        waiter.await();
        owner.await();
    }

    private static void jdkMonitor(String name, Runnable inside) throws InterruptedException {
        Object monitor = new Object();
        CountDownLatch held = new CountDownLatch(1);
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        CountDownLatch owner = start(name + "-owner", () -> {
            synchronized (monitor) {
                held.countDown();
                // Queued means blocked on entry: wait for that before the timed part.
                while (waiterThread.get() == null || waiterThread.get().getState() != Thread.State.BLOCKED) {
                    Thread.onSpinWait();
                }
                inside.run();
            }
        });
        held.await();
        CountDownLatch waiter = start(name + "-waiter", () -> {
            waiterThread.set(Thread.currentThread());
            synchronized (monitor) {
                monitor.notifyAll();   // something to do inside
            }
        });
        waiter.await();
        owner.await();
    }

    private static void lockAndUnlock(ReentrantLock lock) {
        lock.lock();
        lock.unlock();
    }

    private static void awaitQueued(ReentrantLock lock) {
        while (!lock.hasQueuedThreads()) Thread.onSpinWait();
    }

    private static void spinFor(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < until) Thread.onSpinWait();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a scenario thread; the returned latch opens when its body is done (the thread lives on). */
    private static CountDownLatch start(String name, Runnable body) {
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                done.countDown();
            }
            awaitUninterruptibly(END);
        }, name);
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Returns the calling thread's OS thread id. */
    private static long tid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sets a thread's nice value with renice(1). */
    private static void renice(long tid, int nice) {
        if (!tryRenice(tid, nice)) throw new IllegalStateException("renice " + nice + " failed");
    }

    /** Sets a thread's nice value with renice(1), if allowed (a negative value needs root). */
    private static boolean tryRenice(long tid, int nice) {
        return tryRun("renice", "-n", Integer.toString(nice), "-p", Long.toString(tid));
    }

    /** Runs a command, its output discarded; returns whether it succeeded. */
    private static boolean tryRun(String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
