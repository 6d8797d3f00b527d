package pxlab.rules;

import static org.openjdk.jmc.common.unit.UnitLookup.PLAIN_TEXT;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
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
import pxlab.analysis.Analysis;
import pxlab.rules.messages.internal.Messages;

/**
 * What the four pxlab rules share, on JMC's {@link AbstractRule} (which holds a rule's id, name, topic, preferences
 * and results, and wraps the evaluation): the lock-instances topic, the two preferences every rule offers, the NA
 * results, and the recording's {@link Analysis} in the scope the preferences set. Subclasses hold their constants
 * and {@link #result}; they keep no state.
 *
 * <p>Every figure comes from that analysis, the one {@code pxlab analyze} makes: with the default preferences a rule
 * shows {@code pxlab analyze}'s numbers. A preference that counts fewer waits (a minimum wait, excluded threads)
 * makes the summary say so ({@link Evaluation#summary}).
 *
 * <p>No required events: a rule needs pxlab.LockWait <em>or</em> a JDK lock event, which
 * {@code RequiredEventsBuilder} cannot say, so each rule answers NA itself.
 */
abstract class PxlabRule extends AbstractRule {

    /**
     * Waits shorter than this are left out of every figure. 0 by default, so a rule counts every wait the recording
     * holds, as {@code pxlab analyze} does (the agent records waits from 1 ms, JMC's settings the JDK's from 10 or
     * 20 ms).
     */
    static final TypedPreference<IQuantity> MIN_WAIT = new TypedPreference<>("pxlab.wait.min",
            Messages.getString(Messages.CONFIG_MIN_WAIT), Messages.getString(Messages.CONFIG_MIN_WAIT_LONG),
            UnitLookup.TIMESPAN.getPersister(), UnitLookup.MILLISECOND.quantity(0));
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
        return evaluate(LockModel.of(items), prefs == null ? IPreferenceValueProvider.DEFAULT_VALUES : prefs);
    }

    /**
     * Evaluates the rule on a recording's model: what JMC's evaluation does once the model is built, and what
     * tests call with a model of a trace built by hand.
     *
     * @param model The recording.
     * @param prefs The preferences.
     * @return The result.
     */
    final IResult evaluate(LockModel model, IPreferenceValueProvider prefs) {
        Pattern exclude;
        try {
            String regexp = prefs.getPreferenceValue(EXCLUDED_THREADS);
            exclude = regexp == null || regexp.isEmpty() ? null : Pattern.compile(regexp);
        } catch (PatternSyntaxException e) {
            return ResultBuilder.createFor(this, prefs).setSeverity(Severity.NA)
                    .setSummary(Messages.getString(Messages.TEXT_BAD_REGEXP)).build();
        }
        if (!model.lockTypes() && model.trace().waits().isEmpty()) {
            return ResultBuilder.createFor(this, prefs).setSeverity(Severity.NA)
                    .setSummary(Messages.getString(Messages.TEXT_NA)).build();
        }
        long minWaitNs = Math.max(0, prefs.getPreferenceValue(MIN_WAIT).clampedLongValueIn(UnitLookup.NANOSECOND));
        LockModel.Scope scope = new LockModel.Scope(exclude, minWaitNs, replayWindowNs(prefs));
        return result(new Evaluation(model, model.analysis(scope), scope, prefs));
    }

    /**
     * Returns how much of the recording the analysis replays: {@code pxlab analyze}'s 10 s, unless the rule offers a
     * preference for it.
     *
     * @param prefs The preferences.
     * @return Nanoseconds.
     */
    long replayWindowNs(IPreferenceValueProvider prefs) {
        return LockModel.REPLAY.maxWindowNs();
    }

    /**
     * Computes the rule's result.
     *
     * @param e The recording, its analysis in the preferences' scope, and the preferences.
     * @return The result; never NA (handled before).
     */
    abstract IResult result(Evaluation e);

    /**
     * One evaluation of a rule.
     *
     * @param model    The recording.
     * @param analysis Its analysis in {@code scope}.
     * @param scope    What the preferences restrict.
     * @param prefs    The preferences.
     */
    record Evaluation(LockModel model, Analysis analysis, LockModel.Scope scope, IPreferenceValueProvider prefs) {

        /**
         * Returns a summary made of messages, with a sentence for each preference that counts fewer waits than
         * {@code pxlab analyze} does, so a figure that differs from the command line's says why.
         *
         * @param keys {@link Messages} keys, joined in order.
         * @return The text, with placeholders for JMC to fill in.
         */
        String summary(String... keys) {
            StringJoiner j = new StringJoiner("");
            for (String k : keys) j.add(Messages.getString(k));
            if (scope.minWaitNs() > 0) j.add(Messages.getString(Messages.TEXT_MIN_WAIT));
            if (scope.exclude() != null) j.add(Messages.getString(Messages.TEXT_EXCLUDED));
            return j.toString();
        }
    }

    /** A result builder for this rule with the score, severity from the score, and the wait totals filled in. */
    final ResultBuilder scored(Evaluation e, double score) {
        Analysis.Summary s = e.analysis().summary();
        return ResultBuilder.createFor(this, e.prefs()).setSeverity(Severity.get(score))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score))
                .addResult(WAIT_COUNT, UnitLookup.NUMBER_UNITY.quantity(s.waits()))
                .addResult(WAIT_TIME, ns(s.waitNs()));
    }

    static IQuantity ns(long ns) {
        return UnitLookup.NANOSECOND.quantity(ns);
    }

    static IQuantity share(double fraction) {
        return UnitLookup.PERCENT_UNITY.quantity(fraction);
    }
}
