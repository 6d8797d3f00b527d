package pxlab.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Owners that end before the recording is written: for a {@code ReentrantLock} ({@code mutex-owner}) and for a
 * monitor ({@code monitor-owner}), the owner sets its own nice to {@value #OWNER_NICE}, takes the lock, holds it
 * {@value #HOLD_MS} ms after its waiter queued, releases it and ends. JDK 17 then writes the owner's {@code Thread}
 * fields as null, so only the agent's plain fields can name it.
 *
 * <p>Prints {@code thread <name> id=<Java id> tid=<OS id>} for each owner.
 */
public final class EndedOwnerApp {

    static final int OWNER_NICE = 5;
    static final long HOLD_MS = 100;

    public static void main(String[] args) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Thread[] waiter = new Thread[1];
        run("mutex", held -> {
            lock.lock();
            try {
                hold(held, lock::hasQueuedThreads);
            } finally {
                lock.unlock();
            }
        }, () -> {
            lock.lock();
            lock.unlock();
        }, waiter);
        Object monitor = new Object();
        run("monitor", held -> {
            synchronized (monitor) {
                hold(held, () -> Nice.blockedOn(waiter[0], monitor));
            }
        }, () -> {
            synchronized (monitor) {
                waiter[0] = null;
            }
        }, waiter);
        Thread.sleep(200);   // the owners are long gone when the recording is written at exit
    }

    /** Starts the owner, then once it holds the lock the waiter, and waits for both to end. */
    private static void run(String kind, java.util.function.Consumer<CountDownLatch> owner, Runnable waiter,
                            Thread[] waiterOut) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread o = new Thread(() -> {
            Nice.set(OWNER_NICE);
            Thread self = Thread.currentThread();
            System.out.println("thread " + self.getName() + " id=" + self.getId() + " tid=" + Nice.osThreadId());
            owner.accept(held);
        }, kind + "-owner");
        o.start();
        held.await();
        Thread w = new Thread(waiter, kind + "-waiter");
        waiterOut[0] = w;
        w.start();
        o.join();
        w.join();
    }

    /** Holds the lock until the waiter is queued, then {@code HOLD_MS} longer. */
    private static void hold(CountDownLatch held, BooleanSupplier queued) {
        holdAfterQueued(held, queued, HOLD_MS);
    }

    /**
     * Called by an owner holding its lock: says so, waits until its waiter is queued, then holds on for a while.
     *
     * @param held   Counted down once the lock is held.
     * @param queued Tells when the waiter is queued on the lock.
     * @param ms     How long to hold it after that.
     */
    static void holdAfterQueued(CountDownLatch held, BooleanSupplier queued, long ms) {
        held.countDown();
        while (!queued.getAsBoolean()) Thread.onSpinWait();
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
