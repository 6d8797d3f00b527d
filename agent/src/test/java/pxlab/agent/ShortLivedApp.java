package pxlab.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Threads that live for less than a sampling period: {@value #ROUNDS} rounds, each an owner and a waiter that live
 * about {@value #HOLD_MS} ms plus start-up. Each sets its own nice first (owner {@value #OWNER_NICE}, waiter
 * {@value #WAITER_NICE}); the owner takes a lock (a {@code ReentrantLock} in even rounds, a monitor in odd ones) and
 * holds it {@value #HOLD_MS} ms after the waiter queued, then both end. Rounds are spaced so that the sampler's
 * period falls anywhere among them.
 *
 * <p>Prints {@code round <i> <kind> owner=<Java id> waiter=<Java id>} for each round.
 */
public final class ShortLivedApp {

    static final int ROUNDS = 8;
    static final int OWNER_NICE = 4;
    static final int WAITER_NICE = 6;
    static final long HOLD_MS = 30;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            round(i, i % 2 == 0 ? "mutex" : "monitor");
            Thread.sleep(40 + (i * 37) % 90);
        }
    }

    private static void round(int i, String kind) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Object monitor = new Object();
        CountDownLatch held = new CountDownLatch(1);
        Thread[] waiter = new Thread[1];
        Thread owner = new Thread(() -> {
            Nice.set(OWNER_NICE);
            if (kind.equals("mutex")) {
                lock.lock();
                try {
                    EndedOwnerApp.holdAfterQueued(held, lock::hasQueuedThreads, HOLD_MS);
                } finally {
                    lock.unlock();
                }
            } else {
                synchronized (monitor) {
                    EndedOwnerApp.holdAfterQueued(held, () -> Nice.blockedOn(waiter[0], monitor), HOLD_MS);
                }
            }
        }, "short-owner-" + i);
        owner.start();
        held.await();
        waiter[0] = new Thread(() -> {
            Nice.set(WAITER_NICE);
            if (kind.equals("mutex")) {
                lock.lock();
                lock.unlock();
            } else {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
        }, "short-waiter-" + i);
        waiter[0].start();
        owner.join();
        waiter[0].join();
        System.out.println("round " + i + " " + kind + " owner=" + owner.getId() + " waiter=" + waiter[0].getId());
    }
}
