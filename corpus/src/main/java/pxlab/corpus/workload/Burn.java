package pxlab.corpus.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU work measured in the calling thread's own CPU time, so a preempted thread takes longer in wall time: the
 * effect the preempted-owner workloads plant. A wall-time cap keeps every run bounded on a saturated machine.
 */
final class Burn {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    /** Keeps the JIT from removing the loop. */
    static volatile long sink;

    private Burn() {
    }

    /**
     * Computes until the thread has had {@code cpuNs} of CPU, or {@code capNs} of wall time has passed.
     *
     * @param cpuNs CPU time to use.
     * @param capNs Wall time after which it stops anyway.
     */
    static void cpu(long cpuNs, long capNs) {
        long wallEnd = System.nanoTime() + capNs;
        long cpuEnd = MX.getCurrentThreadCpuTime() + cpuNs;
        long x = sink | 1;
        while (true) {
            for (int i = 0; i < 1_000; i++) x ^= x << 13 ^ x >>> 7 ^ x << 17;
            if (MX.getCurrentThreadCpuTime() >= cpuEnd || System.nanoTime() >= wallEnd) break;
        }
        sink = x;
    }

    /**
     * Spins on the wall clock: work that keeps a CPU busy for a fixed time whoever else wants it.
     *
     * @param wallNs How long.
     */
    static void spin(long wallNs) {
        long end = System.nanoTime() + wallNs;
        long x = sink | 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 200; i++) x ^= x << 13 ^ x >>> 7 ^ x << 17;
        }
        sink = x;
    }
}
