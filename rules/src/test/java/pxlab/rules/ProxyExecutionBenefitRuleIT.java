package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

/** {@link ProxyExecutionBenefitRule} through JMC's engine, on recordings made by real JVMs. */
class ProxyExecutionBenefitRuleIT {

    private static final String ID = "PxlabProxyExecutionBenefit";

    @Test
    void theInvertedWaitersAreReplayedUnderNoneAndProxy() throws Exception {
        // What the replay predicts is the model's business, and varies with how the recorded run was scheduled: on
        // some runs the none replay has the inverted waiters wait, on others not at all. AnalyzeAgreementIT checks
        // the figures against pxlab analyze's; here, the sentence for either case and the score.
        IResult r = Recordings.result(Recordings.hogs(), ID);
        assertTrue(r.getResult(ProxyExecutionBenefitRule.REPLAY_ERROR) != null, "the none replay's fidelity");
        assertTrue(r.getResult(ProxyExecutionBenefitRule.REPLAY_WINDOW_LENGTH).clampedLongValueIn(UnitLookup.NANOSECOND)
                <= 10_000_000_000L, "the default budget is 10 s");
        if (r.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE) == null) {
            // Withheld (the none replay is too far from the recording), or nothing to compare: no what-if figure.
            assertTrue(Recordings.summary(r).startsWith("The replay's what-if is withheld: ")
                    || Recordings.summary(r).startsWith("The replay through the scheduler model has nothing to compare"),
                    Recordings.summary(r));
            assertEquals(null, r.getResult(ProxyExecutionBenefitRule.LOCK_WAIT_CUT));
            return;
        }
        long none = r.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE).clampedLongValueIn(UnitLookup.NANOSECOND);
        long proxy = r.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_PROXY).clampedLongValueIn(UnitLookup.NANOSECOND);
        double cut = r.getResult(ProxyExecutionBenefitRule.LOCK_WAIT_CUT).doubleValueIn(UnitLookup.PERCENT_UNITY);
        assertEquals(1 - proxy / (double) none, cut, 1e-9);
        double score = RulesToolkit.mapExp100(Math.max(0, cut), 0.1, 0.5);
        assertEquals(score, r.getResult(TypedResult.SCORE).doubleValue(), 1e-9);
        assertEquals(Severity.get(score), r.getSeverity());
        assertTrue(Recordings.summary(r).matches("Under proxy execution the high-priority threads' lock wait would be "
                + Recordings.TIME + " instead of " + Recordings.TIME + (cut > 0 ? ", a cut of " + Recordings.PERCENT
                : ": no shorter") + " \\(the replay without proxy execution is " + Recordings.PERCENT + " off the recorded"
                + " lock waiting, summed thread by thread\\)\\."), Recordings.summary(r));
    }

    @Test
    void noInversionsNothingToResolve() throws Exception {
        IResult r = Recordings.result(Recordings.quiet(), ID);
        assertEquals(Severity.OK, r.getSeverity());
        assertEquals("No priority inversions were found, so proxy execution has nothing to resolve.",
                Recordings.summary(r));
    }

    @Test
    void withoutTheAgentNoWaiterIsKnownToBeHighPriority() throws Exception {
        IResult r = Recordings.result(Recordings.jdk(), ID);
        assertEquals(Severity.OK, r.getSeverity());
        assertTrue(Recordings.summary(r).matches("The recording has [2-9] lock waits but no thread scheduling "
                + "attributes .*nothing was replayed\\."), Recordings.summary(r));
    }

    @Test
    void theReplayWindowBoundsTheReplay() throws Exception {
        IResult r = Recordings.resultWith(Recordings.hogs(), new ProxyExecutionBenefitRule(),
                ProxyExecutionBenefitRule.REPLAY_WINDOW, UnitLookup.MILLISECOND.quantity(50));
        IQuantity window = r.getResult(ProxyExecutionBenefitRule.REPLAY_WINDOW_LENGTH);
        assertTrue(window.clampedLongValueIn(UnitLookup.NANOSECOND) <= 50_000_000L, String.valueOf(window));
    }

    @Test
    void minimumWaitAboveEveryWaitLeavesNothingToReplay() throws Exception {
        IResult r = Recordings.resultWithMinWaitOfAnHour(Recordings.hogs(), new ProxyExecutionBenefitRule());
        assertEquals(Severity.OK, r.getSeverity());
    }

    @Test
    void excludingTheInvertedWaitersLeavesNothingToReplay() throws Exception {
        IResult r = Recordings.resultWith(Recordings.hogs(), new ProxyExecutionBenefitRule(),
                PxlabRule.EXCLUDED_THREADS, "preempted-waiter|chain-.*");
        assertEquals(Severity.OK, r.getSeverity());
    }
}
