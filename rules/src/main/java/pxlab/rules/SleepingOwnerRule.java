package pxlab.rules;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.WaitClass;
import pxlab.rules.messages.internal.Messages;

/**
 * Waits behind an owner that slept or blocked off CPU (I/O, {@code Thread.sleep}, {@code Object.wait}) while it
 * held the lock, directly or at the end of a chain: the case proxy execution cannot fix, since it only runs
 * runnable owners. The solution names the owner's code where the agent recorded its hold. The score is the share
 * of all lock wait time: 5% maps to 25, 25% to 75.
 */
public final class SleepingOwnerRule extends PxlabRule {

    /** The owner's code when no pxlab.LockHold names it (a recording without the agent). */
    static final String NOT_RECORDED = Messages.getString(Messages.SleepingOwnerRule_TEXT_NO_HOLD);

    private static final Collection<TypedPreference<?>> CONFIG_ATTRIBUTES = List.of(MIN_WAIT, EXCLUDED_THREADS);

    public static final TypedResult<IQuantity> SLEEPING_COUNT = new TypedResult<>("sleepingCount",
            "Sleeping-Owner Waits", "Waits behind an owner off CPU.", UnitLookup.NUMBER, IQuantity.class);
    public static final TypedResult<IQuantity> SLEEPING_TIME = new TypedResult<>("sleepingTime",
            "Sleeping-Owner Time", "Total time of those waits.", UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> SLEEPING_SHARE = new TypedResult<>("sleepingShare",
            "Sleeping-Owner Share", "Their share of all lock wait time.", UnitLookup.PERCENTAGE, IQuantity.class);
    public static final TypedResult<String> WORST_WAITER = new TypedResult<>("worstWaiter", "Waiter",
            "The waiter of the longest such wait.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<String> WORST_OWNER = new TypedResult<>("worstOwner", "Owner",
            "The sleeping owner.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<String> WORST_LOCK = new TypedResult<>("worstLock", "Lock",
            "The lock.", UnitLookup.PLAIN_TEXT, String.class);
    public static final TypedResult<IQuantity> WORST_TIME = new TypedResult<>("worstTime", "Longest Wait",
            "The longest such wait.", UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<String> OWNER_FRAME = new TypedResult<>("ownerFrame", "Owner Code",
            "Where the owner held the lock, from pxlab.LockHold.", UnitLookup.PLAIN_TEXT,
            String.class);

    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, WAIT_COUNT,
            WAIT_TIME, SLEEPING_COUNT, SLEEPING_TIME, SLEEPING_SHARE, WORST_WAITER, WORST_OWNER, WORST_LOCK,
            WORST_TIME, OWNER_FRAME);

    private static final String RESULT_ID = "PxlabSleepingOwner";

    /** Creates the rule; JMC's {@code RuleRegistry} does, through {@code META-INF/services}. */
    public SleepingOwnerRule() {
        super(RESULT_ID, Messages.SleepingOwnerRule_RULE_NAME, CONFIG_ATTRIBUTES, RESULT_ATTRIBUTES);
    }

    @Override
    IResult result(Evaluation e) {
        Analysis a = e.analysis();
        List<ClassifiedWait> sleeping = a.waits().stream().filter(SleepingOwnerRule::ownerSlept).toList();
        if (sleeping.isEmpty()) {
            return scored(e, 0).setSummary(e.summary(
                    a.waits().isEmpty() ? Messages.TEXT_NO_WAITS : Messages.SleepingOwnerRule_TEXT_OK)).build();
        }
        long sleepingNs = 0;
        for (ClassifiedWait c : sleeping) sleepingNs += c.lockWait().durationNs();
        double share = sleepingNs / (double) Math.max(1, a.summary().waitNs());
        double score = RulesToolkit.mapExp100(share, 0.05, 0.25);
        ClassifiedWait worst = sleeping.stream().min(Analysis.LONGEST_FIRST).get();
        return scored(e, score)
                .addResult(SLEEPING_COUNT, UnitLookup.NUMBER_UNITY.quantity(sleeping.size()))
                .addResult(SLEEPING_TIME, ns(sleepingNs)).addResult(SLEEPING_SHARE, share(share))
                .addResult(WORST_WAITER, worst.lockWait().waiter().name())
                .addResult(WORST_OWNER, worst.owner() == null ? "?" : worst.owner().name())
                .addResult(WORST_LOCK, worst.lockWait().lock().name())
                .addResult(WORST_TIME, ns(worst.lockWait().durationNs()))
                .addResult(OWNER_FRAME, worst.heldAt() == null ? NOT_RECORDED : worst.heldAt())
                .setSummary(e.summary(Messages.SleepingOwnerRule_TEXT_INFO))
                .setExplanation(Messages.getString(Messages.SleepingOwnerRule_TEXT_INFO_LONG))
                .setSolution(Messages.getString(Messages.SleepingOwnerRule_TEXT_SOLUTION)).build();
    }

    /** Whether a wait was behind an owner that slept or blocked off CPU, directly or at the end of a chain. */
    static boolean ownerSlept(ClassifiedWait c) {
        return c.waitClass() == WaitClass.OWNER_SLEEPING
                || c.waitClass() == WaitClass.OWNER_BLOCKED && c.chainEnd() == WaitClass.OWNER_SLEEPING;
    }
}
