package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import pxlab.analysis.Analysis;
import pxlab.analysis.AnalysisOptions;
import pxlab.analysis.Analyzer;
import pxlab.analysis.Progress;
import pxlab.trace.Trace;

/** {@link ProxyExecutionBenefitRule}'s sentences on traces built by hand ({@link Fixtures}). */
class ProxyExecutionBenefitRuleTest {

    @Test
    void preemptedOwnerShowsPxlabAnalyzesReplayFigures() {
        Trace trace = Fixtures.preemptedOwner();
        IResult r = Fixtures.evaluate(new ProxyExecutionBenefitRule(), trace);
        // pxlab analyze replays none, inherit and proxy; the rule only none and proxy: the same figures.
        Analysis analyze = Analyzer.analyze(trace, AnalysisOptions.DEFAULT, Progress.NONE);
        Analysis.ReplayComparison c = analyze.replayComparison(analyze.invertedWaiters()).orElseThrow();
        assertEquals(c.noneNs(), nanos(r, ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE));
        assertEquals(c.proxyNs(), nanos(r, ProxyExecutionBenefitRule.REPLAYED_WAIT_PROXY));
        assertEquals(-c.change(), r.getResult(ProxyExecutionBenefitRule.LOCK_WAIT_CUT)
                .doubleValueIn(UnitLookup.PERCENT_UNITY), 1e-12);
        assertEquals(analyze.replay().fidelity().error(), r.getResult(ProxyExecutionBenefitRule.REPLAY_ERROR)
                .doubleValueIn(UnitLookup.PERCENT_UNITY), 1e-12);
        assertEquals(Severity.WARNING, r.getSeverity());
        assertTrue(Recordings.summary(r).matches("Under proxy execution the high-priority threads' lock wait would be "
                + Recordings.TIME + " instead of " + Recordings.TIME + ", a cut of " + Recordings.PERCENT + " \\(the replay"
                + " without proxy execution is " + Recordings.PERCENT + " off the recorded lock waiting, summed thread by"
                + " thread\\)\\."),
                Recordings.summary(r));
    }

    @Test
    void anInversionTheReplayDoesNotReproduceWithholdsTheWhatIfAndShowsWhatWasMeasured() {
        Analysis a = Analyzer.analyze(Fixtures.inversionTheReplayDoesNotReproduce(), AnalysisOptions.DEFAULT,
                Progress.NONE);
        IResult r = Fixtures.evaluate(new ProxyExecutionBenefitRule(), Fixtures.inversionTheReplayDoesNotReproduce());
        assertNull(r.getResult(ProxyExecutionBenefitRule.LOCK_WAIT_CUT), "no what-if figure");
        assertNull(r.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_PROXY), "no what-if figure");
        assertEquals(a.summary().inversionPreemptedNs(), nanos(r, ProxyExecutionBenefitRule.OWNERS_PREEMPTED));
        assertTrue(Recordings.summary(r).matches("The replay's what-if is withheld: without proxy execution it is "
                + Recordings.PERCENT + " off the recorded lock waiting, summed thread by thread, and pxlab shows the"
                + " what-if only within 25%\\. Measured instead: inside the inversions their owners sat preempted for "
                + Recordings.TIME + ", .*"), Recordings.summary(r));
        assertTrue(!Recordings.summary(r).contains("instead of"), Recordings.summary(r));
    }

    private static long nanos(IResult r, TypedResult<org.openjdk.jmc.common.unit.IQuantity> result) {
        return r.getResult(result).clampedLongValueIn(UnitLookup.NANOSECOND);
    }
}
