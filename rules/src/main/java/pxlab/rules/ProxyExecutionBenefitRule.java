package pxlab.rules;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import pxlab.analysis.Analysis;
import pxlab.replay.ReplayResult;
import pxlab.rules.messages.internal.Messages;
import pxlab.sim.Policy;
import pxlab.sim.SimResult;

/**
 * The predicted effect of proxy execution: {@code pxlab analyze}'s replay of the recording through the scheduler
 * model under {@code none} and {@code proxy} (mainline preset), compared for the inverted waiters (the threads that
 * suffered inversions) as {@code pxlab analyze} compares them ({@code Analysis.replayComparison}).
 *
 * <p>The replay covers one window of the recording, at most {@link #REPLAY_WINDOW} long (10 s by default, as in
 * {@code pxlab analyze}; the stretch with the most inversion time), and runs two policies, not three: each policy is
 * a simulation of its own, so {@code inherit} changes nothing here. The cost grows with the waits and CPU samples
 * inside the window, not with the file (docs/BENCHMARKS.md). A cut of 10% in the inverted waiters' lock wait scores
 * 25, a cut of 50% scores 75.
 */
public final class ProxyExecutionBenefitRule extends PxlabRule {

    public static final TypedPreference<IQuantity> REPLAY_WINDOW = new TypedPreference<>("pxlab.replay.window",
            Messages.getString(Messages.ProxyExecutionBenefitRule_CONFIG_WINDOW),
            Messages.getString(Messages.ProxyExecutionBenefitRule_CONFIG_WINDOW_LONG),
            UnitLookup.TIMESPAN.getPersister(), UnitLookup.SECOND.quantity(10));

    private static final Collection<TypedPreference<?>> CONFIG_ATTRIBUTES = List.of(MIN_WAIT, EXCLUDED_THREADS,
            REPLAY_WINDOW);

    public static final TypedResult<IQuantity> REPLAYED_WAIT_NONE = new TypedResult<>("replayedWaitNone",
            "Lock Wait (none)", "The high-priority threads' lock wait in the replay without proxy execution.",
            UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> REPLAYED_WAIT_PROXY = new TypedResult<>("replayedWaitProxy",
            "Lock Wait (proxy)", "The high-priority threads' lock wait in the replay with proxy execution.",
            UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> LOCK_WAIT_CUT = new TypedResult<>("lockWaitCut", "Lock Wait Cut",
            "How much less the high-priority threads wait for locks under proxy execution: pxlab analyze's change "
            + "from none to proxy with the sign turned; negative when they would wait longer.", UnitLookup.PERCENTAGE,
            IQuantity.class);
    public static final TypedResult<IQuantity> REQUEST_P99_NONE = new TypedResult<>("requestP99None",
            "Request p99 (none)", "The worst request p99 of the high-priority threads, replayed without proxy "
            + "execution.", UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> REQUEST_P99_PROXY = new TypedResult<>("requestP99Proxy",
            "Request p99 (proxy)", "The same request's p99 replayed with proxy execution.", UnitLookup.TIMESPAN,
            IQuantity.class);
    public static final TypedResult<IQuantity> REPLAY_WINDOW_LENGTH = new TypedResult<>("replayWindow",
            "Replay Window", "How much of the recording was replayed.", UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> REPLAY_ERROR = new TypedResult<>("replayError", "Replay Error",
            "How far the replay without proxy execution is from the recording's measured lock wait, summed thread by"
                    + " thread.", UnitLookup.PERCENTAGE, IQuantity.class);
    public static final TypedResult<IQuantity> OWNERS_PREEMPTED = new TypedResult<>("ownersPreempted",
            "Owners Preempted", "Measured: how long the inversions' owners sat runnable but not running inside those"
                    + " waits, the most running the owner in the waiter's place could give back.", UnitLookup.TIMESPAN,
            IQuantity.class);

    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, WAIT_COUNT,
            WAIT_TIME, REPLAYED_WAIT_NONE, REPLAYED_WAIT_PROXY, LOCK_WAIT_CUT, REQUEST_P99_NONE, REQUEST_P99_PROXY,
            REPLAY_WINDOW_LENGTH, REPLAY_ERROR, OWNERS_PREEMPTED);

    private static final String RESULT_ID = "PxlabProxyExecutionBenefit";

    /** Creates the rule; JMC's {@code RuleRegistry} does, through {@code META-INF/services}. */
    public ProxyExecutionBenefitRule() {
        super(RESULT_ID, Messages.ProxyExecutionBenefitRule_RULE_NAME, CONFIG_ATTRIBUTES, RESULT_ATTRIBUTES);
    }

    @Override
    long replayWindowNs(IPreferenceValueProvider prefs) {
        return Math.max(1, prefs.getPreferenceValue(REPLAY_WINDOW).clampedLongValueIn(UnitLookup.NANOSECOND));
    }

    @Override
    IResult result(Evaluation e) {
        Analysis a = e.analysis();
        Analysis.Summary s = a.summary();
        if (s.waits() > 0 && s.unknownPriority() == s.waits()) {
            return scored(e, 0).setSummary(e.summary(Messages.ProxyExecutionBenefitRule_TEXT_UNKNOWN)).build();
        }
        if (s.inversions() == 0) {
            return scored(e, 0).setSummary(e.summary(Messages.ProxyExecutionBenefitRule_TEXT_OK)).build();
        }
        // The inverted waiters' lock waiting under none and proxy: pxlab analyze's "none -> proxy" figure.
        Optional<Analysis.ReplayComparison> compared = a.replayComparison(a.invertedWaiters());
        if (compared.isEmpty() || a.replay().runs().isEmpty()) {
            return scored(e, 0).setSummary(e.summary(Messages.ProxyExecutionBenefitRule_TEXT_NOT_REPLAYED)).build();
        }
        ReplayResult replay = a.replay();
        if (replay.fidelity() != null && replay.fidelity().measuredLockWaitNs() > 0 && !a.whatIf().trusted()) {
            // Withheld as pxlab analyze withholds it: the model did not run these threads as the machine did. What
            // was measured stands, and scores the rule.
            double measured = s.inversionNs() <= 0 ? 0 : s.inversionPreemptedNs() / (double) s.inversionNs();
            return replayed(scored(e, RulesToolkit.mapExp100(measured, 0.1, 0.5)), replay)
                    .addResult(OWNERS_PREEMPTED, ns(s.inversionPreemptedNs()))
                    .setSummary(e.summary(Messages.ProxyExecutionBenefitRule_TEXT_WITHHELD))
                    .setExplanation(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_INFO_LONG)).build();
        }
        Analysis.ReplayComparison c = compared.get();
        if (!c.comparable()) {
            return replayed(scored(e, 0), replay)
                    .setSummary(e.summary(Messages.ProxyExecutionBenefitRule_TEXT_NOTHING_TO_COMPARE))
                    .setExplanation(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_INFO_LONG)).build();
        }
        double cut = -c.change();
        double score = RulesToolkit.mapExp100(Math.max(0, cut), 0.1, 0.5);
        ResultBuilder b = replayed(scored(e, score), replay).addResult(REPLAYED_WAIT_NONE, ns(c.noneNs()))
                .addResult(REPLAYED_WAIT_PROXY, ns(c.proxyNs())).addResult(LOCK_WAIT_CUT, share(cut));
        String cutSentence = cut > 0 ? Messages.ProxyExecutionBenefitRule_TEXT_INFO
                : Messages.ProxyExecutionBenefitRule_TEXT_NO_CUT;
        Optional<long[]> p99 = worstRequestP99(a, a.invertedWaiters());
        String summary;
        if (p99.isPresent()) {
            b.addResult(REQUEST_P99_NONE, ns(p99.get()[0])).addResult(REQUEST_P99_PROXY, ns(p99.get()[1]));
            summary = e.summary(cutSentence, Messages.ProxyExecutionBenefitRule_TEXT_REQUESTS);
        } else {
            summary = e.summary(cutSentence);
        }
        return b.setSummary(summary).setExplanation(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_INFO_LONG))
                .setSolution(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_SOLUTION)).build();
    }

    /** Adds what was replayed: the window's length and how far the none replay is from the recording. */
    private static ResultBuilder replayed(ResultBuilder b, ReplayResult replay) {
        b.addResult(REPLAY_WINDOW_LENGTH, ns(replay.toNs() - replay.fromNs()));
        if (replay.fidelity() != null && Double.isFinite(replay.fidelity().error())) {
            b.addResult(REPLAY_ERROR, share(replay.fidelity().error()));
        }
        return b;
    }

    /**
     * Returns the request of the given threads with the worst p99 without proxy execution, and its p99 with it.
     *
     * @return {p99 none, p99 proxy}, or empty when those threads made no timed requests in the window.
     */
    private static Optional<long[]> worstRequestP99(Analysis a, List<String> threads) {
        ReplayResult.PolicyRun none = a.run(Policy.NONE);
        ReplayResult.PolicyRun proxy = a.run(Policy.PROXY);
        long[] worst = null;
        for (String t : threads) {
            var noneThread = none.thread(t);
            var proxyThread = proxy.thread(t);
            if (noneThread.isEmpty() || proxyThread.isEmpty()) continue;
            for (SimResult.RequestStats r : noneThread.get().requests()) {
                if (r.count() == 0 || worst != null && r.p99Ns() <= worst[0]) continue;
                long withProxy = proxyThread.get().requests().stream().filter(q -> q.name().equals(r.name()))
                        .mapToLong(SimResult.RequestStats::p99Ns).findFirst().orElse(0);
                worst = new long[]{r.p99Ns(), withProxy};
            }
        }
        return Optional.ofNullable(worst);
    }
}
