package pxlab.rules;

import static org.openjdk.jmc.common.unit.UnitLookup.PLAIN_TEXT;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.AbstractRule;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.JfrRuleTopics;
import pxlab.rules.messages.internal.Messages;

/**
 * What the four pxlab rules share, on JMC's {@link AbstractRule} (which holds a rule's id, name, topic, preferences
 * and results, and wraps the evaluation): the lock-instances topic, the two preferences every rule offers, and the
 * NA and no-wait results. Subclasses hold their constants and {@link #result}; they keep no state.
 *
 * <p>No required events: a rule needs pxlab.LockWait <em>or</em> a JDK lock event, which
 * {@code RequiredEventsBuilder} cannot say, so each rule answers NA itself.
 */
abstract class PxlabRule extends AbstractRule {

    /** Waits shorter than this are left out; JMC's default lock-event threshold is 10 to 20 ms, the agent's 1 ms. */
    static final TypedPreference<IQuantity> MIN_WAIT = new TypedPreference<>("pxlab.wait.min",
            Messages.getString(Messages.CONFIG_MIN_WAIT), Messages.getString(Messages.CONFIG_MIN_WAIT_LONG),
            UnitLookup.TIMESPAN.getPersister(), UnitLookup.MILLISECOND.quantity(1));
    /** The same id as JavaBlockingRule's, so one setting means the same thing to both. */
    static final TypedPreference<String> EXCLUDED_THREADS = new TypedPreference<>("thread.exclude.regexp",
            Messages.getString(Messages.CONFIG_EXCLUDED_THREADS),
            Messages.getString(Messages.CONFIG_EXCLUDED_THREADS_LONG), PLAIN_TEXT.getPersister(), "");

    static final TypedResult<IQuantity> WAIT_COUNT = new TypedResult<>("waitCount", "Lock Waits",
            "Lock waits considered.", UnitLookup.NUMBER, IQuantity.class);
    static final TypedResult<IQuantity> WAIT_TIME = new TypedResult<>("waitTime", "Lock Wait Time",
            "Total time of the lock waits considered.", UnitLookup.TIMESPAN, IQuantity.class);

    /**
     * Creates a rule on the lock-instances page.
     *
     * @param id      The rule's id, e.g. {@code PxlabPriorityInversion}.
     * @param nameKey The {@link Messages} key of its name.
     * @param config  The preferences it offers.
     * @param results The typed results it may give, {@link TypedResult#SCORE} first.
     */
    PxlabRule(String id, String nameKey, Collection<TypedPreference<?>> config, Collection<TypedResult<?>> results) {
        super(id, Messages.getString(nameKey), JfrRuleTopics.LOCK_INSTANCES, config, results, Map.of());
    }

    @Override
    protected final IResult getResult(IItemCollection items, IPreferenceValueProvider prefs,
                                      IResultValueProvider dependencies) {
        return evaluate(items, prefs == null ? IPreferenceValueProvider.DEFAULT_VALUES : prefs);
    }

    private IResult evaluate(IItemCollection items, IPreferenceValueProvider prefs) {
        Pattern exclude;
        try {
            String regexp = prefs.getPreferenceValue(EXCLUDED_THREADS);
            exclude = regexp == null || regexp.isEmpty() ? null : Pattern.compile(regexp);
        } catch (PatternSyntaxException e) {
            return ResultBuilder.createFor(this, prefs).setSeverity(Severity.NA)
                    .setSummary(Messages.getString(Messages.TEXT_BAD_REGEXP)).build();
        }
        LockModel model = LockModel.of(items);
        if (!model.lockTypes() && model.trace().waits().isEmpty()) {
            return ResultBuilder.createFor(this, prefs).setSeverity(Severity.NA)
                    .setSummary(Messages.getString(Messages.TEXT_NA)).build();
        }
        long minWaitNs = prefs.getPreferenceValue(MIN_WAIT).clampedLongValueIn(UnitLookup.NANOSECOND);
        return result(model, new Scope(model.waits(minWaitNs, exclude), exclude), prefs);
    }

    /**
     * Computes the rule's result.
     *
     * @param model The recording.
     * @param scope The waits this evaluation's preferences keep.
     * @param prefs The preferences.
     * @return The result; never NA (handled before).
     */
    abstract IResult result(LockModel model, Scope scope, IPreferenceValueProvider prefs);

    /**
     * The waits one evaluation looks at.
     *
     * @param waits   The waits kept by the minimum and the exclusion pattern.
     * @param exclude The exclusion pattern, or {@code null}.
     */
    record Scope(java.util.List<pxlab.inversion.ClassifiedWait> waits, Pattern exclude) {

        long waitNs() {
            long ns = 0;
            for (var c : waits) ns += c.lockWait().durationNs();
            return ns;
        }
    }

    /** A result builder for this rule with the score, severity from the score, and the wait totals filled in. */
    final ResultBuilder scored(IPreferenceValueProvider prefs, double score, Scope scope) {
        return ResultBuilder.createFor(this, prefs).setSeverity(Severity.get(score))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score))
                .addResult(WAIT_COUNT, UnitLookup.NUMBER_UNITY.quantity(scope.waits().size()))
                .addResult(WAIT_TIME, ns(scope.waitNs()));
    }

    static IQuantity ns(long ns) {
        return UnitLookup.NANOSECOND.quantity(ns);
    }

    static IQuantity share(double fraction) {
        return UnitLookup.PERCENT_UNITY.quantity(fraction);
    }
}
