package pxlab.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures what the agent's sampler costs with 200 live threads (docs/BENCHMARKS.md): starts 200 sleeping threads,
 * then reads the CPU time JFR's periodic thread ({@code JFR Periodic Tasks}, which runs the {@code pxlab.ThreadCpu}
 * hook and with it every {@code pxlab.ThreadSched} re-read) used over a span of seconds:
 * <pre>
 * java -javaagent:agent/target/pxlab-agent.jar=record=/tmp/cost.jfr -cp agent/target/test-classes pxlab.agent.ThreadCpuCost 30
 * </pre>
 * Not a test: timings belong in the benchmark record. Arguments: {@code [seconds] [threads]} (30, 200).
 */
public final class ThreadCpuCost {

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(3_000);   // past the first samples, which read every thread for the first time
        int sampler = periodicThread();
        long cpu0 = cpuNs(sampler);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000);
        long cpu = cpuNs(sampler) - cpu0;
        long wall = System.nanoTime() - t0;
        System.out.printf("live threads %d, OS threads %d: JFR periodic thread used %.1f ms of CPU in %.1f s = %.2f%%"
                        + " of one core%n", Thread.activeCount(), new File("/proc/self/task").list().length,
                cpu / 1e6, wall / 1e9, 100.0 * cpu / wall);
    }

    /** The OS id of JFR's periodic task thread (its kernel name is cut to 15 bytes). */
    private static int periodicThread() throws IOException {
        for (String task : new File("/proc/self/task").list()) {
            String comm = Files.readString(Path.of("/proc/self/task", task, "comm")).strip();
            if (comm.equals("JFR Periodic Ta")) return Integer.parseInt(task);
        }
        throw new IllegalStateException("no JFR Periodic Tasks thread: run with the agent recording");
    }

    /** A thread's CPU time in ns, the first field of its schedstat. */
    private static long cpuNs(int tid) throws IOException {
        return Long.parseLong(Files.readString(Path.of("/proc/self/task/" + tid + "/schedstat")).split(" ")[0]);
    }
}
