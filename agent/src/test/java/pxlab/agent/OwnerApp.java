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
        // Arguments: [hogs|quiet] [owner nice] [linger ms: keep the hogs running after the wait]
        boolean hogs = args.length > 0 && args[0].equals("hogs");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        int ownerNice = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Thread owner = new Thread(() -> {
            if (ownerNice != 0) renice(ownerNice);
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
        if (args.length > 2) Thread.sleep(Long.parseLong(args[2]));
        end.countDown();
        owner.join();
    }

    /** Sets the calling thread's nice value with renice(1) on its own OS thread id. */
    private static void renice(int nice) {
        try {
            String tid = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self")).getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid).inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException("renice failed");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
