package pxlab.sim;

import java.util.List;
import java.util.Optional;

/**
 * What one run of the model produced under one policy. Lists keep the workload's declaration order.
 *
 * @param policy   The policy the run used.
 * @param endNs    When the run stopped: the last task's exit, the deadlock, or {@code until}.
 * @param deadlock The lock cycle that stopped the run, or {@code null}.
 * @param tasks    Per-task results.
 * @param locks    Per-lock results.
 * @param events   Scheduler events processed: task starts, wakeups, run-segment ends, ticks and donor arrivals
 *                 (superseded segment timers are not counted).
 */
public record SimResult(Policy policy, long endNs, Deadlock deadlock, List<TaskResult> tasks, List<LockResult> locks,
                        long events) {

    public SimResult {
        tasks = List.copyOf(tasks);
        locks = List.copyOf(locks);
    }

    /**
     * Returns a task's result by name.
     *
     * @param name The task name.
     * @return The result, if there is such a task.
     */
    public Optional<TaskResult> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Returns a lock's result by name.
     *
     * @param name The lock name.
     * @return The result, if there is such a lock.
     */
    public Optional<LockResult> lock(String name) {
        return locks.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * What one task did.
     *
     * @param name           The task name.
     * @param finishedNs     When its program ended, or -1 if it did not.
     * @param cpuNs          CPU time spent on the program's {@code run} steps.
     * @param spinNs         CPU time spent spinning on locks.
     * @param lockWaitNs     Time from a contended lock attempt until the lock was acquired, summed.
     * @param runnableWaitNs Time queued and wanting the CPU but not running (not counting lock waits).
     * @param migrations     How often the task moved to another CPU.
     * @param requests       Latencies of the named requests the task marked.
     */
    public record TaskResult(String name, long finishedNs, long cpuNs, long spinNs, long lockWaitNs,
                             long runnableWaitNs, int migrations, List<RequestStats> requests) {

        public TaskResult {
            requests = List.copyOf(requests);
        }

        /**
         * Returns whether the task's program ended.
         *
         * @return {@code true} if {@link #finishedNs()} is a time.
         */
        public boolean finished() {
            return finishedNs >= 0;
        }

        /**
         * Returns a request's statistics by name.
         *
         * @param name The request name.
         * @return The statistics, if the task marked such a request.
         */
        public Optional<RequestStats> request(String name) {
            return requests.stream().filter(r -> r.name().equals(name)).findFirst();
        }
    }

    /**
     * Latencies of one named request, from {@code mark: begin} to {@code mark: end}. Percentiles are nearest-rank.
     *
     * @param name  The request name.
     * @param count How many completed.
     * @param p50Ns The median latency, or 0 when none completed.
     * @param p99Ns The 99th percentile latency, or 0.
     * @param maxNs The worst latency, or 0.
     * @param all   Every latency, ascending, or {@link Latencies#NONE} when only the quantiles are known.
     */
    public record RequestStats(String name, long count, long p50Ns, long p99Ns, long maxNs, Latencies all) {

        /**
         * Statistics known only by their quantiles.
         *
         * @param name  The request name.
         * @param count How many completed.
         * @param p50Ns The median latency.
         * @param p99Ns The 99th percentile latency.
         * @param maxNs The worst latency.
         */
        public RequestStats(String name, long count, long p50Ns, long p99Ns, long maxNs) {
            this(name, count, p50Ns, p99Ns, maxNs, Latencies.NONE);
        }

        /**
         * Computes the statistics of a sorted array of latencies, and keeps them.
         *
         * @param name   The request name.
         * @param sorted The latencies in ascending order; the statistics keep it.
         * @return The statistics.
         */
        public static RequestStats of(String name, long[] sorted) {
            Latencies all = Latencies.ofSorted(sorted);
            int n = sorted.length;
            if (n == 0) return new RequestStats(name, 0, 0, 0, 0, all);
            return new RequestStats(name, n, all.percentile(50), all.percentile(99), sorted[n - 1], all);
        }
    }

    /**
     * What happened on one lock.
     *
     * @param name         The lock name.
     * @param acquisitions How often it was acquired.
     * @param contended    How many of those acquisitions had to wait.
     * @param waitNs       The total wait of those acquisitions.
     */
    public record LockResult(String name, long acquisitions, long contended, long waitNs) {
    }
}
