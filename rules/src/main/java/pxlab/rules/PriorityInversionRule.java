package pxlab.rules;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.rules.messages.internal.Messages;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.TraceThread;

/**
 * Lock waits where the waiter outranks the owner (DESIGN §4), as {@code pxlab analyze} counts them: the count, the
 * time, and the share of it proxy execution would resolve are the analysis's summary. The score is the resolvable
 * time as a share of the high-priority threads' time in the recording: 1% maps to 25 (info), 5% to 75 (warning).
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
            "Resolvable Share", "Resolvable time as a share of the inversion time, as pxlab analyze gives it.",
            UnitLookup.PERCENTAGE, IQuantity.class);
    public static final TypedResult<IQuantity> WAITER_TIME_SHARE = new TypedResult<>("waiterTimeShare",
            "Share of Waiters' Time", "Resolvable time as a share of the inverted waiters' lifetime in the "
            + "recording: what the score rests on.", UnitLookup.PERCENTAGE, IQuantity.class);
    public static final TypedResult<String> WORST_WAITER = new TypedResult<>("worstWaiter", "Waiter",
            "The waiter of the longest inversion.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<String> WORST_OWNER = new TypedResult<>("worstOwner", "Owner",
            "The owner of the longest inversion.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<String> WORST_LOCK = new TypedResult<>("worstLock", "Lock",
            "The lock of the longest inversion.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<IQuantity> WORST_TIME = new TypedResult<>("worstTime", "Longest Inversion",
            "The longest inversion.", UnitLookup.TIMESPAN, IQuantity.class);

    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, WAIT_COUNT,
            WAIT_TIME, INVERSION_COUNT, INVERSION_TIME, RESOLVABLE_TIME, RESOLVABLE_SHARE, WAITER_TIME_SHARE, WORST_WAITER, WORST_OWNER,
            WORST_LOCK, WORST_TIME);

    private static final String RESULT_ID = "PxlabPriorityInversion";

    /** Creates the rule; JMC's {@code RuleRegistry} does, through {@code META-INF/services}. */
    public PriorityInversionRule() {
        super(RESULT_ID, Messages.PriorityInversionRule_RULE_NAME, CONFIG_ATTRIBUTES, RESULT_ATTRIBUTES);
    }

    @Override
    IResult result(Evaluation e) {
        Analysis a = e.analysis();
        Analysis.Summary s = a.summary();
        if (s.waits() == 0) {
            return scored(e, 0).setSummary(e.summary(Messages.TEXT_NO_WAITS)).build();
        }
        if (s.unknownPriority() == s.waits()) {
            return scored(e, 0).setSummary(e.summary(Messages.PriorityInversionRule_TEXT_UNKNOWN))
                    .setExplanation(Messages.getString(Messages.PriorityInversionRule_TEXT_UNKNOWN_LONG)).build();
        }
        if (s.inversions() == 0) {
            return scored(e, 0).setSummary(e.summary(Messages.PriorityInversionRule_TEXT_OK)).build();
        }
        // The score weighs the resolvable time against the inverted waiters' time in the recording, so a short
        // inversion in a long recording stays info; the share shown is pxlab analyze's, of the inversion time.
        double waiterShare = s.inversionResolvableNs() / (double) Math.max(1, lifetimeNs(e.model().trace(),
                a.invertedWaiters()));
        double score = RulesToolkit.mapExp100(Math.min(1, waiterShare), 0.01, 0.05);
        ClassifiedWait worst = a.inversions().get(0);   // longest first
        ResultBuilder b = scored(e, score)
                .addResult(INVERSION_COUNT, UnitLookup.NUMBER_UNITY.quantity(s.inversions()))
                .addResult(INVERSION_TIME, ns(s.inversionNs())).addResult(RESOLVABLE_TIME, ns(s.inversionResolvableNs()))
                .addResult(RESOLVABLE_SHARE, share(s.inversionResolvableShare()))
                .addResult(WAITER_TIME_SHARE, share(Math.min(1, waiterShare)))
                .addResult(WORST_WAITER, worst.lockWait().waiter().name())
                .addResult(WORST_OWNER, worst.owner() == null ? "?" : worst.owner().name())
                .addResult(WORST_LOCK, worst.lockWait().lock().name())
                .addResult(WORST_TIME, ns(worst.lockWait().durationNs()))
                .setSummary(e.summary(Messages.PriorityInversionRule_TEXT_INFO))
                .setExplanation(Messages.getString(Messages.PriorityInversionRule_TEXT_INFO_LONG))
                .setSolution(Messages.getString(Messages.PriorityInversionRule_TEXT_SOLUTION));
        // An inversion proxy execution cannot resolve still deserves a look: at least info.
        if (score < Severity.INFO.getLimit()) b.setSeverity(Severity.INFO);
        return b.build();
    }

    /** The high-priority threads' time in the recording: each one's lifetime, clipped to the trace. */
    private static long lifetimeNs(Trace trace, List<String> threads) {
        long traceEnd = trace.startNs() + trace.durationNs();
        long sum = 0;
        for (String name : threads) {
            Optional<TraceThread> t = trace.thread(name);
            if (t.isEmpty()) continue;
            ThreadTimeline tl = trace.timeline(t.get());
            long from = Math.max(trace.startNs(), tl.startNs());
            long to = tl.endNs() > 0 ? Math.min(traceEnd, tl.endNs()) : traceEnd;
            sum += Math.max(0, to - from);
        }
        return sum;
    }
}
