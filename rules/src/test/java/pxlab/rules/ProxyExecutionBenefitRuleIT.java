package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

/** {@link ProxyExecutionBenefitRule} through JMC's engine, on recordings made by real JVMs. */
class ProxyExecutionBenefitRuleIT {

    private static final String ID = "PxlabProxyExecutionBenefit";

    @Test
    void proxyExecutionCutsThePreemptedOwnersWaitersLockWait() throws Exception {
        IResult r = Recordings.result(Recordings.hogs(), ID);
        IQuantity none = r.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE);
        IQuantity proxy = r.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_PROXY);
        assertTrue(proxy.compareTo(none) < 0, proxy + " vs " + none);
        assertTrue(r.getResult(ProxyExecutionBenefitRule.LOCK_WAIT_CUT).doubleValueIn(UnitLookup.PERCENT) > 10);
        assertTrue(r.getSeverity().compareTo(Severity.INFO) >= 0, Recordings.summary(r));
        assertTrue(r.getResult(ProxyExecutionBenefitRule.REPLAY_WINDOW_LENGTH).clampedLongValueIn(UnitLookup.NANOSECOND)
                <= 10_000_000_000L, "the default budget is 10 s");
        assertTrue(Recordings.summary(r).matches("Under proxy execution the high-priority threads' lock wait would be "
                + "" + Recordings.TIME + " instead of " + Recordings.TIME + ", a cut of " + Recordings.PERCENT + "\\."), Recordings.summary(r));
    }

    @Test
    void noInversionsNothingToResolve() throws Exception {
        IResult r = Recordings.result(Recordings.quiet(), ID);
        assertEquals(Severity.OK, r.getSeverity());
        assertEquals("No priority inversions were found, so proxy execution has nothing to resolve.",
                Recordings.summary(r));
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
        IResult r = Recordings.resultWith(Recordings.hogs(), new ProxyExecutionBenefitRule(), PxlabRule.MIN_WAIT,
                UnitLookup.SECOND.quantity(3600));
        assertEquals(Severity.OK, r.getSeverity());
    }

    @Test
    void excludingTheInvertedWaitersLeavesNothingToReplay() throws Exception {
        IResult r = Recordings.resultWith(Recordings.hogs(), new ProxyExecutionBenefitRule(),
                PxlabRule.EXCLUDED_THREADS, "preempted-waiter|chain-.*");
        assertEquals(Severity.OK, r.getSeverity());
    }
}
