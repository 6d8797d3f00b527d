package pxlab.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A program for the agent tests: {@code owner} takes a lock and, once {@code waiter} is queued on it, burns
 * {@code OWNER_CPU_MS} of CPU inside it. With argument {@code hogs}, three threads spin meanwhile; run under {@code taskset -c 0}
 * they preempt the owner, so its run-queue wait grows.
 */
public final class OwnerApp {

    static final long OWNER_CPU_MS = 100;

    public static void main(String[] args) throws Exception {
        boolean hogs = args.length > 0 && args[0].equals("hogs");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            lock.lock();
            held.countDown();
            while (!lock.hasQueuedThreads()) Thread.onSpinWait();   // burn only while the waiter waits
            long until = mx.getCurrentThreadCpuTime() + OWNER_CPU_MS * 1_000_000;
            while (mx.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
            lock.unlock();
            try {
                end.await();   // stay alive so the recording can name this thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "owner");
        if (hogs) {
            for (int i = 0; i < 3; i++) {
                Thread h = new Thread(() -> {
                    while (end.getCount() > 0) Thread.onSpinWait();
                }, "hog-" + i);
                h.setDaemon(true);
                h.start();
            }
        }
        owner.start();
        held.await();
        Thread waiter = new Thread(() -> {
            lock.lock();
            lock.unlock();
        }, "waiter");
        waiter.start();
        waiter.join();
        end.countDown();
        owner.join();
    }
}
