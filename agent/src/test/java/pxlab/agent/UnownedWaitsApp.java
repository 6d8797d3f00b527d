package pxlab.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Three threads that each wait about {@link #WAIT_MS} at once: {@code sem-waiter} for a {@link Semaphore} permit,
 * {@code latch-waiter} on a {@link CountDownLatch}, and, as the positive control, {@code lock-waiter} for a
 * {@link ReentrantLock}. All three park in AQS; only the lock has an owner, so only its wait is a lock wait.
 */
public final class UnownedWaitsApp {

    static final long WAIT_MS = 300;

    public static void main(String[] args) throws Exception {
        Semaphore permits = new Semaphore(1);
        CountDownLatch latch = new CountDownLatch(1);
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch taken = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            permits.acquireUninterruptibly();
            lock.lock();
            taken.countDown();
            ContendedApp.sleep(WAIT_MS);
            lock.unlock();
            permits.release();
            latch.countDown();
        }, "holder");
        holder.start();
        taken.await();
        Thread[] waiters = {
            new Thread(() -> {
                permits.acquireUninterruptibly();
                permits.release();
            }, "sem-waiter"),
            new Thread(() -> {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "latch-waiter"),
            new Thread(() -> {
                lock.lock();
                lock.unlock();
            }, "lock-waiter"),
        };
        for (Thread t : waiters) t.start();
        for (Thread t : waiters) t.join();
        holder.join();
    }
}
