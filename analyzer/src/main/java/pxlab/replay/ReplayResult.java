package pxlab.replay;

import java.util.List;
import java.util.Optional;
import pxlab.sim.Policy;
import pxlab.sim.SimResult;

/**
 * What replaying a recording through the scheduler model gave: one run per policy over the same window, and how
 * closely the run under {@code none} matches what the recording measured.
 *
 * @param cpus        The CPUs simulated.
 * @param fromNs      The window's start, epoch nanoseconds of the recording.
 * @param toNs        The window's end.
 * @param runs        One run per policy, in the order none, inherit, proxy.
 * @param fidelity    The {@code none} run next to the recording, or {@code null} when {@code none} was not run.
 * @param limitations Plain sentences on what the replay could not take from the recording.
 */
public record ReplayResult(int cpus, long fromNs, long toNs, List<PolicyRun> runs, Fidelity fidelity,
                           List<String> limitations) {

    public ReplayResult {
        runs = List.copyOf(runs);
        limitations = List.copyOf(limitations);
    }

    /**
     * Returns the run of one policy.
     *
     * @param policy The policy.
     * @return The run, if that policy was replayed.
     */
    public Optional<PolicyRun> run(Policy policy) {
        return runs.stream().filter(r -> r.policy() == policy).findFirst();
    }

    /**
     * One policy's replay.
     *
     * @param policy   The policy.
     * @param result   The model's full result (task names are the threads' report names).
     * @param threads  Per thread, sorted by name: lock waits and request latencies.
     * @param schedule What each CPU ran, times relative to {@link ReplayResult#fromNs()}; for timelines.
     */
    public record PolicyRun(Policy policy, SimResult result, List<ThreadRun> threads, List<Slice> schedule) {

        public PolicyRun {
            threads = List.copyOf(threads);
            schedule = List.copyOf(schedule);
        }

        /**
         * Returns the policy's name, as reports print it.
         *
         * @return {@code none}, {@code inherit} or {@code proxy}.
         */
        public String key() {
            return policy.key();
        }

        /**
         * Returns one thread's figures.
         *
         * @param name The thread's report name.
         * @return The figures, if the thread took part.
         */
        public Optional<ThreadRun> thread(String name) {
            return threads.stream().filter(t -> t.thread().equals(name)).findFirst();
        }
    }

    /**
     * One thread in one policy's replay.
     *
     * @param thread     The thread's report name (Java name, {@code #id} added where names repeat).
     * @param lockWaitNs Its lock waiting, summed.
     * @param waits      Distribution of its single lock waits (count, p50, p99, max).
     * @param requests   Its requests' latencies, by request name.
     */
    public record ThreadRun(String thread, long lockWaitNs, SimResult.RequestStats waits,
                            List<SimResult.RequestStats> requests) {

        public ThreadRun {
            requests = List.copyOf(requests);
        }
    }

    /**
     * One interval of a CPU's schedule.
     *
     * @param cpu     The CPU.
     * @param startNs Start, relative to the window.
     * @param endNs   End, relative to the window.
     * @param thread  The thread that ran (execution context).
     * @param donor   The thread charged (scheduling context); differs from {@code thread} when a donor ran an owner.
     */
    public record Slice(int cpu, long startNs, long endNs, String thread, String donor) {
    }

    /**
     * The replay under {@code none} next to the recording, over the window: how far to trust the what-if.
     *
     * @param measuredLockWaitNs All lock waiting the recording measured in the window.
     * @param replayedLockWaitNs All lock waiting the {@code none} replay produced.
     * @param relativeError      {@code |replayed - measured| / measured}, or 0 when nothing was measured.
     * @param threads            Per thread, sorted by name.
     */
    public record Fidelity(long measuredLockWaitNs, long replayedLockWaitNs, double relativeError,
                           List<ThreadFidelity> threads) {

        public Fidelity {
            threads = List.copyOf(threads);
        }
    }

    /**
     * One thread's measured and replayed lock waiting.
     *
     * @param thread     The report name.
     * @param measuredNs Measured in the recording.
     * @param replayedNs Produced by the {@code none} replay.
     */
    public record ThreadFidelity(String thread, long measuredNs, long replayedNs) {
    }
}
