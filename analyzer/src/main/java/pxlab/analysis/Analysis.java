package pxlab.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.Inversions;
import pxlab.inversion.WaitClass;
import pxlab.replay.ReplayOptions;
import pxlab.replay.ReplayResult;
import pxlab.sim.Policy;
import pxlab.trace.Request;
import pxlab.trace.Trace;

/**
 * What {@code pxlab analyze} reports about one recording: the one model {@link AnalysisText}, {@link AnalysisJson}
 * and {@link AnalysisHtml} are drawn from, so the three formats always agree on every figure.
 *
 * <p>The scope is the waits whose waiter matches the options' thread pattern (all waits without one). The summary
 * covers the whole scope; {@link #inversions()} and {@link #longestWaits()} are already cut to the requested top.
 *
 * @param recording    What the recording is.
 * @param summary      Totals over the scope.
 * @param pinning      The times virtual threads in scope were pinned to their carriers.
 * @param inversions   The longest priority inversions in scope, longest first, at most {@code top} of them.
 * @param longestWaits The longest waits in scope whose priority relation is unknown, longest first, at most
 *                     {@code top}: shown when the recording cannot tell inversions (no scheduling attributes).
 * @param waits        Every wait in scope, in {@link pxlab.trace.Wait#ORDER}, for distributions.
 * @param requests     Every timed request in scope, by start.
 * @param invertedWaiters The names of the waiters of every inversion in scope (not only the top ones), sorted.
 * @param replay       The replay through the scheduler model, or {@code null} when it was skipped (no waits).
 * @param options      The replay options the analysis ran with.
 * @param top          The limit the lists were cut to; 0 for no limit.
 * @param limitations  What the recording and the replay could not show, one sentence each, without repeats.
 */
public record Analysis(Recording recording, Summary summary, Pinning pinning, List<ClassifiedWait> inversions,
                       List<ClassifiedWait> longestWaits, List<ClassifiedWait> waits, List<Request> requests,
                       List<String> invertedWaiters, ReplayResult replay, ReplayOptions options, int top,
                       List<String> limitations) {

    /** Longest wait first; ties by start, waiter name and file position, so the order is total. */
    public static final Comparator<ClassifiedWait> LONGEST_FIRST = Comparator
            .comparingLong((ClassifiedWait c) -> c.lockWait().durationNs()).reversed()
            .thenComparingLong(c -> c.lockWait().startNs())
            .thenComparing(c -> c.lockWait().waiter().name())
            .thenComparingLong(c -> c.lockWait().seq());

    public Analysis {
        Objects.requireNonNull(recording);
        Objects.requireNonNull(summary);
        Objects.requireNonNull(pinning);
        Objects.requireNonNull(options);
        inversions = List.copyOf(inversions);
        longestWaits = List.copyOf(longestWaits);
        waits = List.copyOf(waits);
        requests = List.copyOf(requests);
        invertedWaiters = List.copyOf(invertedWaiters);
        limitations = List.copyOf(limitations);
        if (top < 0) throw new IllegalArgumentException("top must not be negative: " + top);
    }

    /**
     * What the recording is.
     *
     * @param file       The file's name as given.
     * @param cpus       The recording machine's CPUs, or -1 when unknown.
     * @param startNs    When the recording began, epoch nanoseconds.
     * @param durationNs How long it lasted.
     * @param threads    How many threads it names.
     * @param agent      Whether the pxlab agent was loaded.
     */
    public record Recording(String file, int cpus, long startNs, long durationNs, int threads, boolean agent) {
    }

    /**
     * Totals over the waits in scope.
     *
     * @param waits                 How many lock waits.
     * @param waitNs                Their total duration.
     * @param inversions            How many are priority inversions (the waiter outranks the owner).
     * @param inversionNs           Their total duration.
     * @param resolvableNs          The total duration of all waits proxy execution would shorten (owner preempted,
     *                              or a chain ending in a preempted owner), inversions or not.
     * @param inversionResolvableNs The part of {@code inversionNs} proxy execution would shorten.
     * @param inversionPreemptedNs  Measured, not modelled: the time the owners of the inversions sat runnable but
     *                              not running inside those waits (their schedstat run-queue time, where the agent
     *                              measured it). Running the owner in the waiter's place gives back at most this,
     *                              and it stands whatever the replay's fidelity.
     * @param unknownPriority       Waits whose waiter's or owner's scheduling attributes are unknown.
     * @param unclassified          Waits whose owner's behaviour is unknown.
     * @param causes                Per cause, in the order of the causes' names.
     */
    public record Summary(int waits, long waitNs, int inversions, long inversionNs, long resolvableNs,
                          long inversionResolvableNs, long inversionPreemptedNs, int unknownPriority, int unclassified,
                          List<CauseTotal> causes) {

        public Summary {
            causes = List.copyOf(causes);
        }

        /**
         * Returns the share of the inversion time proxy execution would resolve: the text report's "Proxy execution
         * would remove X of it (Y%)" and the JMC inversion rule's resolvable share.
         *
         * @return {@code inversionResolvableNs / inversionNs}, from 0 to 1; 0 without inversions.
         */
        public double inversionResolvableShare() {
            return inversionNs <= 0 ? 0 : inversionResolvableNs / (double) inversionNs;
        }
    }

    /**
     * Some threads' lock waiting in the {@code none} replay and in the {@code proxy} replay: the reports' replay
     * headline ("none -> proxy") and the JMC benefit rule's figure.
     *
     * @param noneNs  Their lock waiting replayed without proxy execution.
     * @param proxyNs Their lock waiting replayed with it.
     */
    public record ReplayComparison(long noneNs, long proxyNs) {

        /**
         * Returns whether there is anything to compare: some lock waiting under {@code none}.
         *
         * @return {@code true} when {@link #change()} means something.
         */
        public boolean comparable() {
            return noneNs > 0;
        }

        /**
         * Returns the change from {@code none} to {@code proxy}, as a share of {@code none}.
         *
         * @return {@code (proxyNs - noneNs) / noneNs}: -0.9 for 90% less waiting, positive for more; 0 when not
         *         {@link #comparable()}.
         */
        public double change() {
            return noneNs <= 0 ? 0 : (proxyNs - noneNs) / (double) noneNs;
        }
    }

    /**
     * The waits of one cause.
     *
     * @param cause  The cause.
     * @param waits  How many.
     * @param waitNs Their total duration.
     */
    public record CauseTotal(WaitClass cause, int waits, long waitNs) {
    }

    /**
     * The times virtual threads in scope blocked while pinned to their carriers ({@code jdk.VirtualThreadPinned}):
     * a pinned thread holds its carrier, so other virtual threads cannot run on it meanwhile.
     *
     * @param count         How many times.
     * @param totalNs       Their total duration.
     * @param longestNs     The longest, 0 when there was none.
     * @param longestThread The thread pinned longest at once, or {@code null} when there was none.
     * @param threadCount   How many threads were pinned.
     * @param threads       The threads pinned longest in all, most first (ties by name), at most {@code top}.
     */
    public record Pinning(int count, long totalNs, long longestNs, String longestThread, int threadCount,
                          List<PinnedThread> threads) {

        /** No pinning: what a recording without virtual threads, or a JDK before 21, gives. */
        public static final Pinning NONE = new Pinning(0, 0, 0, null, 0, List.of());

        public Pinning {
            threads = List.copyOf(threads);
        }

        /**
         * Returns whether any thread in scope was pinned.
         *
         * @return {@code true} when there is something to report.
         */
        public boolean any() {
            return count > 0;
        }
    }

    /**
     * One thread's pinning.
     *
     * @param thread    Its report name.
     * @param count     How many times it was pinned.
     * @param totalNs   For how long in all.
     * @param longestNs The longest time at once.
     */
    public record PinnedThread(String thread, int count, long totalNs, long longestNs) {
    }

    /**
     * Builds the analysis of a recording.
     *
     * @param trace   The recording's trace.
     * @param found   What the inversion finder found in it.
     * @param replay  The replay, or {@code null} when it was skipped.
     * @param options The options the replay ran with; its thread pattern also sets the report's scope.
     * @param top     How many inversions (and unknown-priority waits) to list; 0 for all.
     * @return The analysis.
     */
    public static Analysis of(Trace trace, Inversions found, ReplayResult replay, ReplayOptions options, int top) {
        Pattern scope = options.threads();
        List<ClassifiedWait> waits = found.waits().stream()
                .filter(c -> inScope(scope, c.lockWait().waiter().name())).collect(Collectors.toList());
        List<Request> requests = trace.requests().stream()
                .filter(r -> inScope(scope, r.thread().name())).collect(Collectors.toList());
        List<ClassifiedWait> inversions = waits.stream().filter(ClassifiedWait::inversion)
                .sorted(LONGEST_FIRST).collect(Collectors.toList());
        Set<String> invertedWaiters = new TreeSet<>();
        for (ClassifiedWait c : inversions) invertedWaiters.add(c.lockWait().waiter().name());
        List<ClassifiedWait> unknown = waits.stream().filter(c -> !c.inversionKnown())
                .sorted(LONGEST_FIRST).collect(Collectors.toList());
        Set<String> limitations = new LinkedHashSet<>(found.limitations());
        if (replay != null) limitations.addAll(replay.limitations());
        Recording recording = new Recording(trace.source(), trace.cpus(), trace.startNs(), trace.durationNs(),
                trace.threads().size(), trace.coverage().agent());
        return new Analysis(recording, summarize(waits), PinningTotals.of(trace, scope, top), cut(inversions, top),
                cut(unknown, top), waits, requests, new ArrayList<>(invertedWaiters), replay, options, top,
                new ArrayList<>(limitations));
    }

    /**
     * Returns whether a thread belongs to the report: its name contains a match of the pattern.
     *
     * @param pattern The pattern, or {@code null} for every thread.
     * @param name    The thread's report name.
     * @return {@code true} when in scope.
     */
    public static boolean inScope(Pattern pattern, String name) {
        return pattern == null || pattern.matcher(name).find();
    }

    private static List<ClassifiedWait> cut(List<ClassifiedWait> sorted, int top) {
        return top == 0 || sorted.size() <= top ? sorted : sorted.subList(0, top);
    }

    static Summary summarize(List<ClassifiedWait> waits) {
        AnalysisTotals totals = new AnalysisTotals(1);   // only the sums are wanted here
        for (ClassifiedWait c : waits) totals.add(c, 0);
        return totals.summary();
    }

    /**
     * Returns whether the recording has any lock wait in scope.
     *
     * @return {@code true} when there is something to report.
     */
    public boolean found() {
        return summary.waits() > 0;
    }

    /**
     * Returns whether the replay's what-if may be shown as a result: there was a replay under {@code none}, and it
     * reproduced the recorded lock waiting closely enough ({@link ReplayResult.Fidelity#verdict()}).
     *
     * @return The verdict; withheld, with the reason, when there is no fidelity to judge by.
     */
    public ReplayResult.Verdict whatIf() {
        if (replay == null) return ReplayResult.Verdict.withheld("nothing was replayed");
        if (replay.fidelity() == null) {
            return ReplayResult.Verdict.withheld("the replay did not run under none, so nothing says how closely"
                    + " it follows the recording");
        }
        return replay.fidelity().verdict();
    }

    /**
     * Returns the replay run of a policy.
     *
     * @param policy The policy.
     * @return The run, or {@code null} when there was no replay or that policy was not run.
     */
    public ReplayResult.PolicyRun run(Policy policy) {
        return replay == null ? null : replay.run(policy).orElse(null);
    }

    /**
     * Returns the lock waiting a policy's replay gave some threads, summed.
     *
     * @param policy  The policy.
     * @param threads The threads' report names; those the replay did not include count 0.
     * @return The sum, or empty when that policy was not replayed.
     */
    public OptionalLong replayedLockWaitNs(Policy policy, Collection<String> threads) {
        ReplayResult.PolicyRun run = run(policy);
        if (run == null) return OptionalLong.empty();
        Map<String, Long> byName = new HashMap<>();   // PolicyRun.thread() scans: one map, not a scan per thread
        for (ReplayResult.ThreadRun t : run.threads()) byName.put(t.thread(), t.lockWaitNs());
        long sum = 0;
        for (String t : threads) sum += byName.getOrDefault(t, 0L);
        return OptionalLong.of(sum);
    }

    /**
     * Returns some threads' lock waiting in the {@code none} and {@code proxy} replays.
     *
     * @param threads The threads' report names, e.g. {@link #invertedWaiters()}; those the replay did not include
     *                count 0.
     * @return The comparison, or empty when either policy was not replayed (or nothing was).
     */
    public Optional<ReplayComparison> replayComparison(Collection<String> threads) {
        OptionalLong none = replayedLockWaitNs(Policy.NONE, threads);
        OptionalLong proxy = replayedLockWaitNs(Policy.PROXY, threads);
        if (none.isEmpty() || proxy.isEmpty()) return Optional.empty();
        return Optional.of(new ReplayComparison(none.getAsLong(), proxy.getAsLong()));
    }

    /**
     * Returns the replayed threads worth a row in a table: those in scope that waited for a lock or served a request
     * under some policy or in the recording, the most lock waiting (under their worst policy, or as recorded) first,
     * then by name.
     *
     * @param limit At most this many; 0 for all.
     * @return The names.
     */
    public List<String> featuredThreads(int limit) {
        if (replay == null) return List.of();
        Map<String, Long> worst = new HashMap<>();
        List<ReplayResult.PolicyRun> runs = new ArrayList<>(replay.runs());
        if (replay.recorded() != null) runs.add(replay.recorded());   // a thread the replay never made wait is news
        for (ReplayResult.PolicyRun r : runs) {
            for (ReplayResult.ThreadRun t : r.threads()) {
                boolean busy = t.lockWaitNs() > 0 || t.requests().stream().anyMatch(q -> q.count() > 0);
                if (busy && inScope(options.threads(), t.thread())) worst.merge(t.thread(), t.lockWaitNs(), Math::max);
            }
        }
        List<String> names = new ArrayList<>(worst.keySet());
        names.sort(Comparator.comparing((String n) -> worst.get(n)).reversed().thenComparing(n -> n));
        return limit == 0 || names.size() <= limit ? names : names.subList(0, limit);
    }

    /**
     * Returns the recording-relative offset of an epoch time.
     *
     * @param epochNs Epoch nanoseconds.
     * @return Nanoseconds since the recording began.
     */
    public long offsetNs(long epochNs) {
        return epochNs - recording.startNs();
    }
}
