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
 * @param recorded    What the recording itself measured in the window, in the shape of a run (key
 *                    {@code recorded}, no model result, no schedule): the column every policy is read against.
 * @param runs        One run per policy, in the order none, inherit, proxy.
 * @param fidelity    The {@code none} run next to the recording, or {@code null} when {@code none} was not run.
 * @param limitations Plain sentences on what the replay could not take from the recording.
 */
public record ReplayResult(int cpus, long fromNs, long toNs, PolicyRun recorded, List<PolicyRun> runs,
                           Fidelity fidelity, List<String> limitations) {

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

    /** The name of the recording's own column beside the policies'. */
    public static final String RECORDED = "recorded";

    /**
     * One policy's replay.
     *
     * @param policy   The policy; {@code null} for the recording's own figures ({@link ReplayResult#recorded()}).
     * @param result   The model's full result (task names are the threads' report names); {@code null} for the
     *                 recording's own.
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
         * @return {@code none}, {@code inherit} or {@code proxy}; {@code recorded} for the recording's own.
         */
        public String key() {
            return policy == null ? RECORDED : policy.key();
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
     * <p>The error is summed thread by thread, {@code Σ|replayed_t − measured_t| / Σ measured_t}, never netted: a
     * thread replayed at 0 of 189 ms and another at 1.78 s of 1.54 s are 0.9% off in total and 28% off thread by
     * thread, and only the latter says whether the model ran those threads as the machine did.
     *
     * @param measuredLockWaitNs All lock waiting the recording measured in the window, over the threads compared.
     * @param replayedLockWaitNs All lock waiting the {@code none} replay produced for them.
     * @param errorNs            {@code Σ|replayed_t − measured_t|} over the threads.
     * @param threads            Per thread, sorted by name.
     */
    public record Fidelity(long measuredLockWaitNs, long replayedLockWaitNs, long errorNs,
                           List<ThreadFidelity> threads) {

        /**
         * The largest per-thread error, in thousandths, at which the what-if is shown as a result: the goal the
         * replay is held to on the project's ground-truth corpus (docs/TRUTH.md). Above it the replay did not run
         * the recorded threads as the machine did, and what it says another policy would change is withheld.
         */
        public static final int MAX_ERROR_PERMILLE = 250;

        public Fidelity {
            threads = List.copyOf(threads);
        }

        /**
         * Returns the per-thread error.
         *
         * @return {@code errorNs / measuredLockWaitNs}; 0 when nothing was measured or replayed, infinite when
         *         only the replay waited.
         */
        public double error() {
            if (measuredLockWaitNs == 0) return errorNs == 0 ? 0 : Double.POSITIVE_INFINITY;
            return errorNs / (double) measuredLockWaitNs;
        }

        /**
         * Returns the netted error, {@code |Σ replayed − Σ measured| / Σ measured}: kept for the JSON report's
         * {@code relative_error}, which older readers take; it hides threads that err in opposite directions.
         *
         * @return The netted error, 0 when nothing was measured.
         */
        public double nettedError() {
            return measuredLockWaitNs == 0 ? 0 : Math.abs((double) replayedLockWaitNs - measuredLockWaitNs)
                    / measuredLockWaitNs;
        }

        /**
         * Returns the verdict in a few words, for a line that already gives the error: {@code trusted},
         * {@code withheld beyond 25%}, or the reason when there was nothing to compare.
         *
         * @return The words.
         */
        public String verdictInBrief() {
            Verdict v = verdict();
            if (v.trusted()) return v.key();
            return measuredLockWaitNs == 0 ? v.key() + ": " + v.reason() : v.key() + " beyond "
                    + MAX_ERROR_PERMILLE / 10 + "%";
        }

        /**
         * Returns whether the what-if may be shown as a result, and why not when it may not.
         *
         * @return The verdict.
         */
        public Verdict verdict() {
            if (measuredLockWaitNs == 0) {
                return Verdict.withheld("the replay window holds no recorded lock waiting to check the model against");
            }
            if (errorNs * 1000 > MAX_ERROR_PERMILLE * measuredLockWaitNs) {
                return Verdict.withheld(String.format(java.util.Locale.ROOT, "replayed under none, the threads' lock"
                        + " waiting is %.1f%% off what was recorded, summed thread by thread (the what-if is shown"
                        + " within %d%%)", 100 * error(), MAX_ERROR_PERMILLE / 10));
            }
            return Verdict.TRUSTED;
        }
    }

    /**
     * Whether a what-if is shown as a result.
     *
     * @param trusted Whether it is.
     * @param reason  Why not, one clause without a final stop; {@code null} when trusted.
     */
    public record Verdict(boolean trusted, String reason) {

        /** The replay reproduced the recording closely enough. */
        public static final Verdict TRUSTED = new Verdict(true, null);

        /**
         * Returns a verdict that withholds the what-if.
         *
         * @param reason Why, one clause without a final stop.
         * @return The verdict.
         */
        public static Verdict withheld(String reason) {
            return new Verdict(false, reason);
        }

        /**
         * Returns the verdict's name in reports.
         *
         * @return {@code trusted} or {@code withheld}.
         */
        public String key() {
            return trusted ? "trusted" : "withheld";
        }
    }

    /**
     * One thread's measured and replayed lock waiting; their distributions are the thread's figures in
     * {@link ReplayResult#recorded()} and in the {@code none} run.
     *
     * @param thread     The report name.
     * @param measuredNs Measured in the recording, inside the window.
     * @param replayedNs Produced by the {@code none} replay.
     */
    public record ThreadFidelity(String thread, long measuredNs, long replayedNs) {
    }
}
