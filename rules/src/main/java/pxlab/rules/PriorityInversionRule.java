package pxlab.rules;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import pxlab.inversion.ClassifiedWait;
import pxlab.rules.messages.internal.Messages;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.TraceThread;

/**
 * Lock waits where the waiter outranks the owner (DESIGN §4), as classified by the analyzer's
 * {@code InversionFinder}. The score is the share of the high-priority threads' time lost to inversions that proxy
 * execution would resolve: 1% maps to 25 (info), 5% to 75 (warning).
 */
public final class PriorityInversionRule extends PxlabRule {

    private static final Collection<TypedPreference<?>> CONFIG_ATTRIBUTES = List.of(MIN_WAIT, EXCLUDED_THREADS);

    public static final TypedResult<IQuantity> INVERSION_COUNT = new TypedResult<>("inversionCount",
            "Inversions", "Lock waits whose waiter outranked the owner.", UnitLookup.NUMBER, IQuantity.class);
    public static final TypedResult<IQuantity> INVERSION_TIME = new TypedResult<>("inversionTime",
            "Inversion Time", "Total time of the priority inversions.", UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> RESOLVABLE_TIME = new TypedResult<>("resolvableTime",
            "Resolvable Time", "Inversion time proxy execution would resolve (owner preempted, or a chain ending in "
            + "a preempted owner).", UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> RESOLVABLE_SHARE = new TypedResult<>("resolvableShare",
            "Resolvable Share", "Resolvable time as a share of the inverted waiters' lifetime in the recording.",
            UnitLookup.PERCENTAGE, IQuantity.class);
    public static final TypedResult<String> WORST_WAITER = new TypedResult<>("worstWaiter", "Waiter",
            "The waiter of the longest inversion.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<String> WORST_OWNER = new TypedResult<>("worstOwner", "Owner",
            "The owner of the longest inversion.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<String> WORST_LOCK = new TypedResult<>("worstLock", "Lock",
            "The lock of the longest inversion.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<IQuantity> WORST_TIME = new TypedResult<>("worstTime", "Longest Inversion",
            "The longest inversion.", UnitLookup.TIMESPAN, IQuantity.class);

    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, WAIT_COUNT,
            WAIT_TIME, INVERSION_COUNT, INVERSION_TIME, RESOLVABLE_TIME, RESOLVABLE_SHARE, WORST_WAITER, WORST_OWNER,
            WORST_LOCK, WORST_TIME);

    private static final String RESULT_ID = "PxlabPriorityInversion";

    /** Creates the rule; JMC's {@code RuleRegistry} does, through {@code META-INF/services}. */
    public PriorityInversionRule() {
        super(RESULT_ID, Messages.PriorityInversionRule_RULE_NAME, CONFIG_ATTRIBUTES, RESULT_ATTRIBUTES);
    }

    @Override
    IResult result(LockModel model, Scope scope, IPreferenceValueProvider prefs) {
        List<ClassifiedWait> waits = scope.waits();
        if (waits.isEmpty()) {
            return scored(prefs, 0, scope).setSummary(Messages.getString(Messages.TEXT_NO_WAITS)).build();
        }
        if (waits.stream().noneMatch(ClassifiedWait::inversionKnown)) {
            return scored(prefs, 0, scope).setSummary(Messages.getString(Messages.PriorityInversionRule_TEXT_UNKNOWN))
                    .setExplanation(Messages.getString(Messages.PriorityInversionRule_TEXT_UNKNOWN_LONG)).build();
        }
        List<ClassifiedWait> inversions = waits.stream().filter(ClassifiedWait::inversion).toList();
        if (inversions.isEmpty()) {
            return scored(prefs, 0, scope).setSummary(Messages.getString(Messages.PriorityInversionRule_TEXT_OK))
                    .build();
        }
        long inversionNs = 0;
        long resolvableNs = 0;
        Set<TraceThread> waiters = new HashSet<>();
        for (ClassifiedWait c : inversions) {
            inversionNs += c.lockWait().durationNs();
            if (c.resolvableByProxy()) resolvableNs += c.lockWait().durationNs();
            waiters.add(c.lockWait().waiter());
        }
        double share = resolvableNs / (double) Math.max(1, lifetimeNs(model.trace(), waiters));
        double score = RulesToolkit.mapExp100(Math.min(1, share), 0.01, 0.05);
        ClassifiedWait worst = LockModel.longest(inversions);
        ResultBuilder b = scored(prefs, score, scope)
                .addResult(INVERSION_COUNT, UnitLookup.NUMBER_UNITY.quantity(inversions.size()))
                .addResult(INVERSION_TIME, ns(inversionNs)).addResult(RESOLVABLE_TIME, ns(resolvableNs))
                .addResult(RESOLVABLE_SHARE, share(Math.min(1, share)))
                .addResult(WORST_WAITER, worst.lockWait().waiter().name())
                .addResult(WORST_OWNER, worst.owner() == null ? "?" : worst.owner().name())
                .addResult(WORST_LOCK, worst.lockWait().lock().name())
                .addResult(WORST_TIME, ns(worst.lockWait().durationNs()))
                .setSummary(Messages.getString(Messages.PriorityInversionRule_TEXT_INFO))
                .setExplanation(Messages.getString(Messages.PriorityInversionRule_TEXT_INFO_LONG))
                .setSolution(Messages.getString(Messages.PriorityInversionRule_TEXT_SOLUTION));
        // An inversion proxy execution cannot resolve still deserves a look: at least info.
        if (score < Severity.INFO.getLimit()) b.setSeverity(Severity.INFO);
        return b.build();
    }

    /** The high-priority threads' time in the recording: each one's lifetime, clipped to the trace. */
    private static long lifetimeNs(Trace trace, Set<TraceThread> threads) {
        long traceEnd = trace.startNs() + trace.durationNs();
        long sum = 0;
        for (TraceThread t : threads) {
            ThreadTimeline tl = trace.timeline(t);
            if (tl == null) continue;
            long from = Math.max(trace.startNs(), tl.startNs());
            long to = tl.endNs() > 0 ? Math.min(traceEnd, tl.endNs()) : traceEnd;
            sum += Math.max(0, to - from);
        }
        return sum;
    }
}
