package pxlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.trace.TraceFixture.MS;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pxlab.analysis.Analysis;
import pxlab.inversion.WaitClass;
import pxlab.replay.ReplayOptions;
import pxlab.sim.Policy;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * {@link Analysis}: the figures every report format prints, drawn once from the trace, the finder and the replay.
 */
class AnalysisTest {

    @Test
    void summaryCountsWaitsInversionsAndWhatProxyWouldResolve() {
        Analysis.Summary s = AnalysisFixture.analysis().summary();
        assertEquals(5, s.waits());
        assertEquals((100 + 50 + 30 + 100 + 110) * MS, s.waitNs());
        // fg behind bg, the script-named thread behind sleeper, api behind mid, mid behind batch.
        assertEquals(4, s.inversions());
        assertEquals((100 + 50 + 100 + 110) * MS, s.inversionNs());
        assertEquals((100 + 100 + 110) * MS, s.inversionResolvableNs(), "the sleeping owner is not resolvable");
        assertEquals((100 + 100 + 110) * MS, s.resolvableNs());
        assertEquals(0, s.unknownPriority());
        assertEquals(0, s.unclassified());
    }

    @Test
    void causesAreSortedByNameAndAddUpToTheWaiting() {
        Analysis.Summary s = AnalysisFixture.analysis().summary();
        assertEquals(List.of("owner-blocked", "owner-preempted", "owner-running", "owner-sleeping"),
                s.causes().stream().map(c -> c.cause().key()).collect(Collectors.toList()));
        assertEquals(s.waitNs(), s.causes().stream().mapToLong(Analysis.CauseTotal::waitNs).sum());
        assertEquals(new Analysis.CauseTotal(WaitClass.OWNER_PREEMPTED, 2, 210 * MS), s.causes().get(1));
    }

    @Test
    void inversionsComeLongestFirstAndAreCutToTop() {
        Trace t = AnalysisFixture.trace();
        Analysis a = Analysis.of(t, AnalysisFixture.found(t), AnalysisFixture.replay(t), ReplayOptions.DEFAULT, 2);
        assertEquals(List.of("mid", AnalysisFixture.IMG), waiters(a));
        assertEquals(4, a.summary().inversions(), "the summary covers every inversion, not the listed ones");
        assertEquals(List.of(AnalysisFixture.SCRIPT, "api", AnalysisFixture.IMG, "mid"), a.invertedWaiters());
        Analysis all = Analysis.of(t, AnalysisFixture.found(t), null, ReplayOptions.DEFAULT, 0);
        assertEquals(List.of("mid", AnalysisFixture.IMG, "api", AnalysisFixture.SCRIPT), waiters(all));
    }

    @Test
    void equalWaitsAreOrderedByStartThenWaiter() {
        // fg (10..110) and api (40..140) both wait 100 ms: the earlier comes first.
        List<String> w = waiters(AnalysisFixture.analysis());
        assertTrue(w.indexOf(AnalysisFixture.IMG) < w.indexOf("api"), w.toString());
    }

    @Test
    void threadPatternSetsTheScope() {
        Trace t = AnalysisFixture.trace();
        ReplayOptions o = ReplayOptions.DEFAULT.withThreads(Pattern.compile("^(api|mid)$"));
        Analysis a = Analysis.of(t, AnalysisFixture.found(t), AnalysisFixture.replay(t), o, 10);
        assertEquals(2, a.summary().waits());
        assertEquals(List.of("api", "mid"), a.invertedWaiters());
        assertEquals(List.of("mid", "api"), a.featuredThreads(0), "most replayed waiting first");
        assertEquals(1, a.requests().size(), "api's request");
    }

    @Test
    void limitationsKeepTheirOrderWithoutRepeats() {
        Analysis a = AnalysisFixture.analysis();
        long unknownCpus = a.limitations().stream().filter(s -> s.startsWith("No jdk.CPUInformation")).count();
        assertEquals(1, unknownCpus, "said by the trace and by the replay, printed once: " + a.limitations());
        assertTrue(a.limitations().get(a.limitations().size() - 1).startsWith("1 replayed threads"),
                "the replay's own sentences come after the recording's");
    }

    @Test
    void replayFiguresComeFromThePolicyRuns() {
        Analysis a = AnalysisFixture.analysis();
        assertEquals(200 * MS, a.replayedLockWaitNs(Policy.NONE, List.of("api", AnalysisFixture.IMG)).getAsLong());
        assertEquals(27 * MS, a.replayedLockWaitNs(Policy.PROXY, List.of("api", AnalysisFixture.IMG)).getAsLong());
        assertEquals(0, a.replayedLockWaitNs(Policy.PROXY, List.of("nobody")).getAsLong());
        assertTrue(a.replayedLockWaitNs(Policy.NONE, List.of("api")).isPresent());
        Analysis noneOnly = Analysis.of(AnalysisFixture.trace(), AnalysisFixture.found(AnalysisFixture.trace()), null,
                ReplayOptions.DEFAULT, 10);
        assertTrue(noneOnly.replayedLockWaitNs(Policy.PROXY, List.of("api")).isEmpty());
        assertNull(noneOnly.run(Policy.NONE));
    }

    @Test
    void featuredThreadsAreThoseThatWaitedMostFirst() {
        Analysis a = AnalysisFixture.analysis();
        // api and fg both waited 100 ms under their worst policy: by name.
        assertEquals(List.of("mid", "api", AnalysisFixture.IMG, AnalysisFixture.SCRIPT, "worker-1"),
                a.featuredThreads(0));
        assertEquals(List.of("mid", "api"), a.featuredThreads(2));
        assertFalse(a.featuredThreads(0).contains(AnalysisFixture.ATTR), "never waited in the replay");
    }

    @Test
    void recordingWithoutWaitsFindsNothing() {
        Trace t = new TraceFixture().nice("a", 0).build();
        Analysis a = Analysis.of(t, AnalysisFixture.found(t), null, ReplayOptions.DEFAULT, 10);
        assertFalse(a.found());
        assertEquals(0, a.summary().waitNs());
        assertTrue(a.inversions().isEmpty());
    }

    @Test
    void waitsWithoutSchedulingAttributesAreListedAsUnknownPriority() {
        Trace t = new TraceFixture().waitFor("w", "o", 1, 0, 100, 5, 90).waitFor("x", "o", 1, 0, 50, 5, 40).build();
        Analysis a = Analysis.of(t, AnalysisFixture.found(t), null, ReplayOptions.DEFAULT, 10);
        assertEquals(2, a.summary().unknownPriority());
        assertEquals(0, a.summary().inversions());
        assertEquals(List.of("w", "x"), a.longestWaits().stream().map(c -> c.lockWait().waiter().name())
                .collect(Collectors.toList()));
    }

    private static List<String> waiters(Analysis a) {
        return a.inversions().stream().map(c -> c.lockWait().waiter().name()).collect(Collectors.toList());
    }
}
