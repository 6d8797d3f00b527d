package pxlab.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Measures an uncontended {@code synchronized} block and method in CPU time per call, which a shared machine disturbs
 * far less than JMH's wall-clock throughput (docs/BENCHMARKS.md): run it with and without the agent, alternating,
 * <pre>
 * java -cp agent/target/test-classes pxlab.agent.UncontendedCost
 * java -javaagent:agent/target/pxlab-agent.jar=record=/tmp/u.jfr -cp agent/target/test-classes pxlab.agent.UncontendedCost
 * </pre>
 * Not a test. Prints the median of 15 windows of 20 million calls each, after 3 s of warm-up. With the argument
 * {@code inflated} the monitors are inflated first ({@code Object.wait}), so that the agent times every entry: the
 * cost of its contended path, without the contention.
 */
public final class UncontendedCost {

    private static final Object LOCK = new Object();
    private static final int CALLS = 20_000_000;
    private static long counter;

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("inflated")) {
            // Object.wait inflates the monitor: from now on every entry is timed by the agent, none waits.
            synchronized (LOCK) {
                LOCK.wait(1);
            }
            synchronized (UncontendedCost.class) {
                UncontendedCost.class.wait(1);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until) {
            loopBlock(1_000_000);
            loopMethod(1_000_000);
        }
        double[] block = new double[15];
        double[] method = new double[15];
        for (int w = 0; w < block.length; w++) {
            long t0 = mx.getCurrentThreadCpuTime();
            loopBlock(CALLS);
            long t1 = mx.getCurrentThreadCpuTime();
            loopMethod(CALLS);
            long t2 = mx.getCurrentThreadCpuTime();
            block[w] = (double) (t1 - t0) / CALLS;
            method[w] = (double) (t2 - t1) / CALLS;
        }
        System.out.printf("uncontended synchronized%s block %.3f ns, method %.3f ns (median CPU time per call; %d)%n",
                args.length > 0 ? " (" + args[0] + ")" : "", median(block), median(method), counter);
    }

    private static void loopBlock(int n) {
        for (int i = 0; i < n; i++) block();
    }

    private static void loopMethod(int n) {
        for (int i = 0; i < n; i++) method();
    }

    private static long block() {
        synchronized (LOCK) {
            return ++counter;
        }
    }

    private static synchronized long method() {
        return ++counter;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
