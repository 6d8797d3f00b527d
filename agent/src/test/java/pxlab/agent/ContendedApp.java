package pxlab.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A program the agent tests run in a fresh JVM: a thread named {@code holder} takes a lock and holds it for
 * {@code HOLD_MS}; {@code waiter} asks for it meanwhile. Then the same with a read/write lock, a StampedLock (write
 * held, read waited for), a timed {@code tryLock} that gives up, and a holder that gives its lock up in
 * {@code Condition.await} half-way through its hold ({@code cv-}).
 */
public final class ContendedApp {

    static final long HOLD_MS = 300;
    static final long TRY_MS = 100;
    /**
     * Holders stay alive until the end, so that the tests can read the {@code owner} field: JDK 17 writes an event's
     * Thread field as N/A when that thread has ended before the event is committed ({@link OwnerIdentityIT} covers
     * the plain fields that name such owners).
     */
    private static final CountDownLatch END = new CountDownLatch(1);
    private static final java.util.List<Thread> HOLDERS = new java.util.ArrayList<>();

    public static void main(String[] args) throws Exception {
        contend(new ReentrantLock(), "holder", "waiter");
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        contend(rw.writeLock(), "rw-holder", "rw-waiter");
        contend(rw.writeLock(), rw.readLock(), "rwr-holder", "rwr-waiter");
        StampedLock stamped = new StampedLock();
        contend(stamped.asWriteLock(), stamped.asReadLock(), "st-holder", "st-waiter");
        conditionAwait();
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

    private static void contend(Lock lock, String holderName, String waiterName) throws InterruptedException {
        contend(lock, lock, holderName, waiterName);
    }

    /** The holder takes {@code taken}, the waiter asks for {@code lock} (the same lock, or its other side). */
    private static void contend(Lock taken, Lock lock, String holderName, String waiterName)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            taken.lock();
            held.countDown();
            sleep(HOLD_MS);
            taken.unlock();
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

    /**
     * {@code cv-holder} holds a lock for HOLD_MS / 3, awaits a condition for HOLD_MS (the lock is free meanwhile),
     * then holds it for HOLD_MS / 3 again; {@code cv-waiter} waits for the first part, {@code cv-late} for the last.
     */
    private static void conditionAwait() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Condition never = lock.newCondition();
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            lock.lock();
            try {
                held.countDown();
                sleep(HOLD_MS / 3);
                never.await(HOLD_MS, TimeUnit.MILLISECONDS);   // releases the lock: the hold is split here
                sleep(HOLD_MS / 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
            awaitEnd();
        }, "cv-holder");
        HOLDERS.add(holder);
        holder.start();
        held.await();
        Thread waiter = new Thread(() -> {
            lock.lock();
            lock.unlock();
        }, "cv-waiter");
        waiter.start();
        waiter.join();
        sleep(HOLD_MS + HOLD_MS / 6);   // the holder is back from await, in its last part
        Thread late = new Thread(() -> {
            lock.lock();
            lock.unlock();
        }, "cv-late");
        late.start();
        late.join();
    }

    private static void awaitEnd() {
        try {
            END.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
