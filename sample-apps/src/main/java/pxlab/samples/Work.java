package pxlab.samples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/** Work the samples do: CPU work measured in the thread's own CPU time, and sleeps. */
final class Work {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile long sink;

    private Work() {
    }

    /**
     * Computes until the calling thread has had {@code cpuNs} of CPU. Measured in CPU time, not wall time, so a
     * preempted thread takes longer: that is the effect the samples show.
     */
    static void cpu(long cpuNs) {
        long end = THREADS.getCurrentThreadCpuTime() + cpuNs;
        long h = sink;
        do {
            for (int i = 0; i < 2_000; i++) h = h * 0x9E3779B97F4A7C15L + i;
        } while (THREADS.getCurrentThreadCpuTime() < end);
        sink = h;
    }

    /** Sleeps, keeping the interrupt for the caller's loop. */
    static void sleep(long ns) {
        try {
            TimeUnit.NANOSECONDS.sleep(ns);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a daemon thread. */
    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Starts CPU hogs: nice-0 threads that spin until the deadline, like batch work or a neighbour sharing the box.
     *
     * @param count      How many.
     * @param deadlineNs {@link System#nanoTime()} when they stop.
     */
    static void hogs(int count, long deadlineNs) {
        for (int i = 0; i < count; i++) {
            daemon("hog-" + i, () -> {
                long h = 0;
                while (System.nanoTime() < deadlineNs) {
                    for (int j = 0; j < 10_000; j++) h = h * 31 + j;
                }
                sink = h;
            });
        }
    }
}
