package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import pxlab.analysis.Analysis;
import pxlab.analysis.AnalysisOptions;
import pxlab.analysis.Analyzer;
import pxlab.analysis.Progress;
import pxlab.replay.ReplayOptions;
import pxlab.testsupport.InversionRecordings;

/**
 * The same figures for the same quantities: the rules, evaluated by JMC's engine with their default preferences,
 * show what {@code pxlab analyze} computes from the same file with its defaults (three policies; the rules replay
 * two), number for number: the waits, the inversions and their resolvable share, and the replay's none-to-proxy
 * figure for the inverted waiters, its window and its fidelity.
 */
class AnalyzeAgreementIT {

    @Test
    void agentRecordingUnderHogs() throws Exception {
        assertSameFigures(InversionRecordings.hogs(), Recordings.hogs());
    }

    @Test
    void agentRecordingWithSleepingAndRunningOwners() throws Exception {
        assertSameFigures(InversionRecordings.quiet(), Recordings.quiet());
    }

    @Test
    void recordingWithoutTheAgent() throws Exception {
        assertSameFigures(InversionRecordings.jdk(), Recordings.jdk());
    }

    @Test
    void excludedThreadsGiveTheFiguresOfAnalyzeThreads() throws Exception {
        // rules/README.md: excluding REGEXP is pxlab analyze --threads '^(?!(?:REGEXP)\z)'.
        String exclude = "preempted-waiter|chain-a";
        Analysis a = Analyzer.analyze(InversionRecordings.hogs(), AnalysisOptions.DEFAULT.withReplay(ReplayOptions.DEFAULT
                .withThreads(Pattern.compile("^(?!(?:" + exclude + ")\\z)"))), Progress.NONE);
        Map<String, IResult> results = new HashMap<>();
        for (PxlabRule rule : List.of(new PriorityInversionRule(), new ProxyExecutionBenefitRule(),
                new BlockingChainsRule(), new SleepingOwnerRule())) {
            results.put(rule.getId(), Recordings.resultWith(Recordings.hogs(), rule, PxlabRule.EXCLUDED_THREADS, exclude));
        }
        assertSameFigures(a, results);
        assertTrue(Recordings.summary(results.get("PxlabPriorityInversion")).endsWith(" Lock waits by threads matching "
                + exclude + " are left out."), Recordings.summary(results.get("PxlabPriorityInversion")));
    }

    private static void assertSameFigures(Path file, IItemCollection items) throws Exception {
        assertSameFigures(Analyzer.analyze(file, AnalysisOptions.DEFAULT, Progress.NONE), Recordings.evaluate(items, null));
    }

    private static void assertSameFigures(Analysis a, Map<String, IResult> results) {
        Analysis.Summary s = a.summary();
        for (String id : JmcReportIT.IDS) {
            IResult r = results.get(id);
            assertEquals(s.waits(), r.getResult(PxlabRule.WAIT_COUNT).longValue(), id);
            assertEquals(s.waitNs(), ns(r, PxlabRule.WAIT_TIME), id);
        }

        IResult inversions = results.get("PxlabPriorityInversion");
        if (s.inversions() > 0) {
            assertEquals(s.inversions(), inversions.getResult(PriorityInversionRule.INVERSION_COUNT).longValue());
            assertEquals(s.inversionNs(), ns(inversions, PriorityInversionRule.INVERSION_TIME));
            assertEquals(s.inversionResolvableNs(), ns(inversions, PriorityInversionRule.RESOLVABLE_TIME));
            assertEquals(s.inversionResolvableShare(), fraction(inversions, PriorityInversionRule.RESOLVABLE_SHARE),
                    1e-12);
        } else {
            assertNull(inversions.getResult(PriorityInversionRule.INVERSION_COUNT));
        }

        IResult benefit = results.get("PxlabProxyExecutionBenefit");
        Optional<Analysis.ReplayComparison> c = a.replayComparison(a.invertedWaiters());
        if (s.inversions() == 0 || c.isEmpty()) {
            assertNull(benefit.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE), Recordings.summary(benefit));
            return;
        }
        assertEquals(a.replay().toNs() - a.replay().fromNs(), ns(benefit, ProxyExecutionBenefitRule.REPLAY_WINDOW_LENGTH));
        if (Double.isFinite(a.replay().fidelity().error())) {
            assertEquals(a.replay().fidelity().error(), fraction(benefit, ProxyExecutionBenefitRule.REPLAY_ERROR),
                    1e-12);
        }
        if (a.replay().fidelity().measuredLockWaitNs() > 0 && !a.whatIf().trusted()) {
            // Withheld in both, as analyze withholds it: the measured bound instead.
            assertNull(benefit.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE), Recordings.summary(benefit));
            assertEquals(s.inversionPreemptedNs(), ns(benefit, ProxyExecutionBenefitRule.OWNERS_PREEMPTED));
            assertTrue(Recordings.summary(benefit).contains("withheld"), Recordings.summary(benefit));
            return;
        }
        if (!c.get().comparable()) {
            assertNull(benefit.getResult(ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE), Recordings.summary(benefit));
            assertTrue(Recordings.summary(benefit).contains("nothing to compare"), Recordings.summary(benefit));
            return;
        }
        assertEquals(c.get().noneNs(), ns(benefit, ProxyExecutionBenefitRule.REPLAYED_WAIT_NONE));
        assertEquals(c.get().proxyNs(), ns(benefit, ProxyExecutionBenefitRule.REPLAYED_WAIT_PROXY));
        assertEquals(-c.get().change(), fraction(benefit, ProxyExecutionBenefitRule.LOCK_WAIT_CUT), 1e-12);
    }

    private static long ns(IResult r, TypedResult<IQuantity> result) {
        return r.getResult(result).clampedLongValueIn(UnitLookup.NANOSECOND);
    }

    private static double fraction(IResult r, TypedResult<IQuantity> result) {
        return r.getResult(result).doubleValueIn(UnitLookup.PERCENT_UNITY);
    }
}
