package pxlab.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;
import pxlab.analysis.Analysis;
import pxlab.analysis.AnalysisOptions;
import pxlab.analysis.Analyzer;
import pxlab.analysis.Progress;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.InversionFinder;
import pxlab.replay.ReplayOptions;
import pxlab.trace.ThreadTimeline;
import pxlab.sim.Policy;
import pxlab.trace.Trace;
import pxlab.trace.TraceBuilder;

/**
 * One recording as the analyzer sees it: the trace built from JMC's items by {@link ItemsReader}, and its
 * {@link Analysis} from the analyzer's one pipeline, {@link Analyzer#analyze(Trace, AnalysisOptions, Progress)}, with
 * {@code pxlab analyze}'s defaults. The four rules share both, so they show {@code pxlab analyze}'s figures.
 *
 * <p>JMC evaluates every rule over the same {@link IItemCollection} instance, often in parallel; building the trace
 * once per instance, and the analysis once per set of preferences ({@link Scope}), not once per rule, is what keeps
 * the pxlab rules together near the cost of one analysis. The cache holds its keys weakly, so a closed recording
 * takes its model with it; the model holds no reference back.
 */
final class LockModel {

    /**
     * {@code pxlab analyze}'s replay but for the policies: the rules compare only {@code none} and {@code proxy}. Each
     * policy is a simulation of its own over the same workload (its own random source, nothing shared), so leaving
     * {@code inherit} out changes no figure of the other two, as {@code ProxyExecutionBenefitRuleTest} and
     * {@code AnalyzeAgreementIT} check against {@code pxlab analyze}'s three-policy run.
     */
    static final ReplayOptions REPLAY = ReplayOptions.DEFAULT.withPolicies(List.of(Policy.NONE, Policy.PROXY));

    private final Trace trace;
    private final boolean lockTypes;
    /** The analyses made so far, by scope; guarded by itself. */
    private final Map<Scope, FutureTask<Analysis>> analyses = new HashMap<>();

    /**
     * Creates a model; analyses are made when a rule first asks for them.
     *
     * @param trace     The trace.
     * @param lockTypes Whether any lock event type the analyzer reads (pxlab.LockWait, jdk.JavaMonitorEnter or
     *                  jdk.ThreadPark) has events or was enabled, in JMC's sense of availability: rules are NA
     *                  without one.
     */
    LockModel(Trace trace, boolean lockTypes) {
        this.trace = trace;
        this.lockTypes = lockTypes;
    }

    /**
     * Returns the trace.
     *
     * @return The trace.
     */
    Trace trace() {
        return trace;
    }

    /**
     * Returns whether the recording has lock event types (see the constructor).
     *
     * @return {@code true} when it has.
     */
    boolean lockTypes() {
        return lockTypes;
    }

    /**
     * What a rule's preferences restrict: the waits an analysis counts and how much of the recording it replays.
     *
     * @param exclude   Waiters whose name the pattern matches in full are left out, as {@code thread.exclude.regexp}
     *                  means in JMC's own rules; {@code null} for none.
     * @param minWaitNs Waits shorter than this are left out; 0 for none, as {@code pxlab analyze}.
     * @param windowNs  The longest stretch replayed ({@code pxlab analyze}: 10 s).
     */
    record Scope(Pattern exclude, long minWaitNs, long windowNs) {

        /** {@code pxlab analyze}'s: every wait, a 10 s replay. */
        static final Scope ANALYZE = new Scope(null, 0, REPLAY.maxWindowNs());

        /** Whether the scope counts fewer waits than {@code pxlab analyze} does. */
        boolean restricted() {
            return exclude != null || minWaitNs > 0;
        }

        // A Pattern has no equals: the key compares the expression.
        @Override
        public boolean equals(Object o) {
            return o instanceof Scope s && minWaitNs == s.minWaitNs && windowNs == s.windowNs
                    && (exclude == null ? s.exclude == null : s.exclude != null && exclude.pattern().equals(s.exclude.pattern()));
        }

        @Override
        public int hashCode() {
            return Long.hashCode(minWaitNs) * 31 + Long.hashCode(windowNs) + (exclude == null ? 0 : exclude.pattern().hashCode());
        }
    }

    /**
     * Returns the analysis of the recording in a scope, made on first use; callers racing for one scope share it.
     *
     * <p>{@link Scope#ANALYZE} gives {@code pxlab analyze}'s analysis. An exclusion pattern restricts it as
     * {@code pxlab analyze --threads} does, with a pattern that finds every thread name the exclusion does not
     * match ({@link #threadsNotMatching}): the waits, inversions and requests counted, and which threads the
     * replay reports. A minimum wait then leaves the shorter waits out of what that analysis counts; the replay is
     * the same.
     *
     * @param scope What the rule's preferences restrict.
     * @return The analysis.
     */
    Analysis analysis(Scope scope) {
        if (scope.minWaitNs() > 0) {
            return shared(analyses, scope, () -> atLeast(analysis(new Scope(scope.exclude(), 0, scope.windowNs())),
                    scope.minWaitNs()));
        }
        ReplayOptions replay = REPLAY.withMaxWindowNs(scope.windowNs());
        if (scope.exclude() != null) replay = replay.withThreads(threadsNotMatching(scope.exclude()));
        AnalysisOptions options = AnalysisOptions.DEFAULT.withReplay(replay);
        return shared(analyses, scope, () -> Analyzer.analyze(trace, options, Progress.NONE));
    }

    /** An analysis's waits at least a minimum long, with the same replay. */
    private Analysis atLeast(Analysis a, long minWaitNs) {
        List<ClassifiedWait> kept = new ArrayList<>();
        for (ClassifiedWait c : a.waits()) {
            if (c.lockWait().durationNs() >= minWaitNs) kept.add(c);
        }
        return Analysis.of(trace, InversionFinder.group(trace, kept), a.replay(), a.options(), a.top());
    }

    /**
     * Returns a pattern that {@code find}s every thread name that an exclusion pattern does not match in full:
     * {@code ^(?!(?:X)\z)}. An exclusion that cannot be wrapped so (an unclosed {@code \Q}, a comment in
     * {@code (?x)} mode that would swallow the wrapper) becomes the list of the trace's other thread names.
     */
    private Pattern threadsNotMatching(Pattern exclude) {
        try {
            return Pattern.compile("^(?!(?:" + exclude.pattern() + ")\\z)", exclude.flags());
        } catch (PatternSyntaxException e) {
            List<String> kept = new ArrayList<>();
            for (ThreadTimeline t : trace.threads()) {
                if (!exclude.matcher(t.thread().name()).matches()) kept.add(Pattern.quote(t.thread().name()));
            }
            return Pattern.compile(kept.isEmpty() ? "(?!)" : "^(?:" + String.join("|", kept) + ")\\z");
        }
    }

    private static final Map<IItemCollection, FutureTask<LockModel>> CACHE = new WeakHashMap<>();

    /**
     * Returns the model of a recording, building it on first use; callers racing on one recording share a build.
     *
     * @param items The recording, as JMC hands it to a rule.
     * @return The model.
     */
    static LockModel of(IItemCollection items) {
        return shared(CACHE, items, () -> build(items));
    }

    /**
     * Returns the value of a key, computing it on first use; callers racing for one key share one computation,
     * and one that failed is forgotten, so the next caller tries again.
     */
    private static <K, V> V shared(Map<K, FutureTask<V>> cache, K key, Callable<V> compute) {
        FutureTask<V> task;
        boolean mine = false;
        synchronized (cache) {
            task = cache.get(key);
            if (task == null) {
                task = new FutureTask<>(compute);
                cache.put(key, task);
                mine = true;
            }
        }
        if (mine) task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            synchronized (cache) {
                cache.remove(key);
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static LockModel build(IItemCollection items) {
        // pxlab.LockWait declared at all means the agent ran. A JDK lock event counts when it has events or was
        // enabled (JMC's availability), or when its type is known but the recording wrote no settings (NONE):
        // only settings that say "disabled" make the recording one without lock events.
        boolean lockTypes = RulesToolkit.getEventAvailability(items, PxlabTypeIds.LOCK_WAIT) != EventAvailability.UNKNOWN;
        for (String type : List.of(PxlabTypeIds.MONITOR_ENTER, PxlabTypeIds.THREAD_PARK)) {
            EventAvailability a = RulesToolkit.getEventAvailability(items, type);
            lockTypes |= a == EventAvailability.AVAILABLE || a == EventAvailability.ENABLED || a == EventAvailability.NONE;
        }
        TraceBuilder builder = new TraceBuilder();
        ItemsReader.read(items, "(JMC)", builder);
        Trace trace = builder.build();
        return new LockModel(trace, lockTypes);
    }
}
