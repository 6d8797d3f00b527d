package pxlab.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A program the agent tests run in a fresh JVM: a thread named {@code holder} takes a lock and holds it for
 * {@code HOLD_MS}; {@code waiter} asks for it meanwhile. Then the same with a read/write lock, and a timed
 * {@code tryLock} that gives up.
 */
public final class ContendedApp {

    static final long HOLD_MS = 300;
    static final long TRY_MS = 100;
    /**
     * Holders stay alive until the end: JFR writes an event's Thread field as N/A when that thread has ended before
     * the recording is written (the agent's owner field shares that limit; see the issue notes).
     */
    private static final CountDownLatch END = new CountDownLatch(1);
    private static final java.util.List<Thread> HOLDERS = new java.util.ArrayList<>();

    public static void main(String[] args) throws Exception {
        contend(new ReentrantLock(), "holder", "waiter");
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        contend(rw.writeLock(), "rw-holder", "rw-waiter");
        ReentrantLock timed = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            timed.lock();
            held.countDown();
            sleep(HOLD_MS);
            timed.unlock();
        }, "timed-holder");
        holder.start();
        held.await();
        Thread waiter = new Thread(() -> {
            try {
                if (timed.tryLock(TRY_MS, TimeUnit.MILLISECONDS)) timed.unlock();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "timed-waiter");
        waiter.start();
        waiter.join();
        END.countDown();
        for (Thread h : HOLDERS) h.join();
        holder.join();
    }

    private static void contend(java.util.concurrent.locks.Lock lock, String holderName, String waiterName)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            held.countDown();
            sleep(HOLD_MS);
            lock.unlock();
            awaitEnd();
        }, holderName);
        HOLDERS.add(holder);
        holder.start();
        held.await();
        Thread waiter = new Thread(() -> {
            lock.lock();
            lock.unlock();
        }, waiterName);
        waiter.start();
        waiter.join();
    }

    private static void awaitEnd() {
        try {
            END.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
