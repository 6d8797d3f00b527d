package pxlab.agent;

import pxlab.agent.bootstrap.ThreadCpu;

/**
 * Measures what one {@code pxlab.ThreadCpu} sample costs with 200 live threads (docs/BENCHMARKS.md):
 * {@code java -XX:StartFlightRecording -cp agent/target/classes:agent/target/test-classes pxlab.agent.ThreadCpuCost}.
 * Not a test: timings belong in the benchmark record.
 */
public final class ThreadCpuCost {

    public static void main(String[] args) {
        for (int i = 0; i < 200; i++) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        Runnable sample = new ThreadCpu();
        for (int i = 0; i < 50; i++) sample.run();   // warm up
        // Spaced like the real period: each sample then re-reads every thread's stat for pxlab.ThreadSched.
        int n = 8;
        long total = 0;
        for (int i = 0; i < n; i++) {
            try {
                Thread.sleep(1_050);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long t0 = System.nanoTime();
            sample.run();
            total += System.nanoTime() - t0;
        }
        long perNs = total / n;
        System.out.printf("live threads %d: one sample %.2f ms = %.2f%% of one core at the default 1 s period%n",
                Thread.activeCount(), perNs / 1e6, perNs / 1e7);
    }
}
