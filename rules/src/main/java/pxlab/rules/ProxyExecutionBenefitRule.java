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
import pxlab.inversion.ClassifiedWait;
import pxlab.replay.Replay;
import pxlab.replay.ReplayOptions;
import pxlab.replay.ReplayResult;
import pxlab.rules.messages.internal.Messages;
import pxlab.sim.SimResult;

/**
 * The predicted effect of proxy execution: the analyzer's {@code Replay} of the recording through the scheduler
 * model under {@code none} and {@code proxy} (mainline preset), compared for the threads that suffered inversions.
 *
 * <p>The replay is bounded so the rule stays interactive: it covers one window of the recording, at most
 * {@link #REPLAY_WINDOW} long (10 s by default as in {@code pxlab analyze}, the stretch with the most inversion time), and runs two policies,
 * not three. The cost grows with the waits and CPU samples inside the window, not with the file (docs/BENCHMARKS.md).
 * A cut of 10% in the high-priority threads' lock wait scores 25, a cut of 50% scores 75.
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
            "How much less the high-priority threads wait for locks under proxy execution.", UnitLookup.PERCENTAGE,
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
            "How far the replay without proxy execution is from the recording's measured lock wait.",
            UnitLookup.PERCENTAGE, IQuantity.class);

    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, WAIT_COUNT,
            WAIT_TIME, REPLAYED_WAIT_NONE, REPLAYED_WAIT_PROXY, LOCK_WAIT_CUT, REQUEST_P99_NONE, REQUEST_P99_PROXY,
            REPLAY_WINDOW_LENGTH, REPLAY_ERROR);

    private static final String RESULT_ID = "PxlabProxyExecutionBenefit";

    /** Creates the rule; JMC's {@code RuleRegistry} does, through {@code META-INF/services}. */
    public ProxyExecutionBenefitRule() {
        super(RESULT_ID, Messages.ProxyExecutionBenefitRule_RULE_NAME, CONFIG_ATTRIBUTES, RESULT_ATTRIBUTES);
    }

    @Override
    IResult result(LockModel model, Scope scope, IPreferenceValueProvider prefs) {
        if (!scope.waits().isEmpty() && scope.waits().stream().noneMatch(ClassifiedWait::inversionKnown)) {
            return scored(prefs, 0, scope)
                    .setSummary(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_UNKNOWN)).build();
        }
        if (scope.waits().stream().noneMatch(ClassifiedWait::inversion)) {
            return scored(prefs, 0, scope).setSummary(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_OK))
                    .build();
        }
        long windowNs = Math.max(1, prefs.getPreferenceValue(REPLAY_WINDOW).clampedLongValueIn(UnitLookup.NANOSECOND));
        ReplayOptions options = ReplayOptions.DEFAULT.withPolicies(List.of("none", "proxy")).withMaxWindowNs(windowNs);
        ReplayResult replay = Replay.run(model.trace(), model.found(), options);
        Analysis a = Analysis.of(model.trace(), model.found(), replay, options, 0);
        List<String> waiters = scope.waits().stream().filter(ClassifiedWait::inversion)
                .map(c -> c.lockWait().waiter().name()).distinct().sorted().toList();
        var none = a.replayedLockWaitNs("none", waiters);
        var proxy = a.replayedLockWaitNs("proxy", waiters);
        if (none.isEmpty() || proxy.isEmpty()) {
            return scored(prefs, 0, scope)
                    .setSummary(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_NOT_REPLAYED)).build();
        }
        double cut = none.getAsLong() <= 0 ? 0 : Math.max(0, 1 - proxy.getAsLong() / (double) none.getAsLong());
        double score = RulesToolkit.mapExp100(cut, 0.1, 0.5);
        ResultBuilder b = scored(prefs, score, scope).addResult(REPLAYED_WAIT_NONE, ns(none.getAsLong()))
                .addResult(REPLAYED_WAIT_PROXY, ns(proxy.getAsLong())).addResult(LOCK_WAIT_CUT, share(cut))
                .addResult(REPLAY_WINDOW_LENGTH, ns(replay.toNs() - replay.fromNs()));
        if (replay.fidelity() != null) b.addResult(REPLAY_ERROR, share(replay.fidelity().relativeError()));
        String summary = Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_INFO);
        Optional<long[]> p99 = worstRequestP99(a, waiters);
        if (p99.isPresent()) {
            b.addResult(REQUEST_P99_NONE, ns(p99.get()[0])).addResult(REQUEST_P99_PROXY, ns(p99.get()[1]));
            summary += Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_REQUESTS);
        }
        return b.setSummary(summary).setExplanation(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_INFO_LONG))
                .setSolution(Messages.getString(Messages.ProxyExecutionBenefitRule_TEXT_SOLUTION)).build();
    }

    /**
     * Returns the request of the given threads with the worst p99 without proxy execution, and its p99 with it.
     *
     * @return {p99 none, p99 proxy}, or empty when those threads made no timed requests in the window.
     */
    private static Optional<long[]> worstRequestP99(Analysis a, List<String> threads) {
        ReplayResult.PolicyRun none = a.run("none");
        ReplayResult.PolicyRun proxy = a.run("proxy");
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
