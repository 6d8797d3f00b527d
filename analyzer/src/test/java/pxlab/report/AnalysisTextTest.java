package pxlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.trace.TraceFixture.MS;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pxlab.analysis.Analysis;
import pxlab.replay.ReplayOptions;
import pxlab.replay.ReplayResult;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * {@link AnalysisText}: the sentences a user reads first, the inversion list, the replay table and what is missing.
 */
class AnalysisTextTest {

    static String text(Analysis a) {
        StringWriter out = new StringWriter();
        AnalysisText.write(a, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void headlineSaysHowMuchIsInversionAndWhatProxyRemoves() {
        String t = text(AnalysisFixture.analysis());
        assertTrue(t.contains("Lock waiting: 5 waits, 390.000ms in total."), t);
        assertTrue(t.contains("Priority inversion: 4 waits, 360.000ms (92.3% of the waiting)"), t);
        assertTrue(t.contains("Proxy execution would remove 310.000ms of it (86.1%)"), t);
        // Inverted waiters: api 100 -> 15, fg 100 -> 12, mid 110 -> 14, the script-named one 50 -> 50.
        assertTrue(t.contains("the inverted waiters' lock waiting 360.000ms -> 91.000ms (-74.7%)"), t);
    }

    @Test
    void topInversionsShowWaiterOwnerLockCauseTimeAndStack() {
        String t = text(AnalysisFixture.analysis());
        assertTrue(t.contains("Top 4 inversions of 4, longest first:"), t);
        assertTrue(t.contains("  1. 110.000ms  owner-preempted  resolvable by proxy  at +35.000ms"), t);
        assertTrue(t.contains("     waiter  mid  (SCHED_OTHER nice 0)"), t);
        assertTrue(t.contains("     owner   batch  (SCHED_OTHER nice 19)"), t);
        assertTrue(t.contains("     lock    ReentrantLock$NonfairSync@5 (mutex), held in app.Batch.compact:42"), t);
        assertTrue(t.contains("     stack   app.Service.call:5"), t);
        assertTrue(t.contains("     owner's code app.Batch.compact:42\n                  app.Batch.run:17"), t);
        assertTrue(t.contains("     lock    ReentrantLock$NonfairSync@1 (mutex)\n"), "no hold recorded for lock 1: " + t);
        assertTrue(t.contains("owner-blocked  resolvable by proxy"), t);
        assertTrue(t.contains("     chain   mid -> batch (owner-preempted)"), t);
        assertTrue(t.contains("owner-sleeping  not resolvable by proxy"), t);
    }

    @Test
    void replayTableHasTheRecordingThenAColumnPerPolicy() {
        String t = text(AnalysisFixture.analysis());
        assertTrue(Pattern.compile("(?m)^\\s+recorded\\s+none\\s+inherit\\s+proxy$").matcher(t).find(), t);
        assertTrue(Pattern.compile("(?m)^  thread api$").matcher(t).find(), t);
        assertTrue(Pattern.compile("(?m)^    lock wait\\s+100\\.000ms\\s+100\\.000ms\\s+100\\.000ms\\s+15\\.000ms$")
                .matcher(t).find(), t);
        assertTrue(Pattern.compile("(?m)^    app\\.Api#handle p99\\s+112\\.000ms\\s+112\\.000ms\\s+112\\.000ms"
                + "\\s+27\\.000ms$").matcher(t).find(), t);
        assertTrue(t.contains("  fidelity: replayed under none, the threads waited 380.000ms where the recording"
                + " measured 390.000ms: 2.6% off, summed thread by thread; what-if trusted."), t);
        assertTrue(t.indexOf("  fidelity:") < t.indexOf("thread api"), "the verdict comes before the figures");
    }

    @Test
    void whatIfIsWithheldWhenTheReplayDoesNotReproduceTheRecording() {
        Analysis a = AnalysisFixture.analysis();
        ReplayResult r = a.replay();
        ReplayResult.Fidelity off = new ReplayResult.Fidelity(390 * MS, 40 * MS, 350 * MS, r.fidelity().threads());
        ReplayResult bad = new ReplayResult(r.cpus(), r.fromNs(), r.toNs(), r.recorded(), r.runs(), off,
                r.limitations());
        String t = text(Analysis.of(AnalysisFixture.trace(), AnalysisFixture.found(AnalysisFixture.trace()), bad,
                a.options(), 10));
        assertTrue(t.contains("Replay what-if withheld: replayed under none, the threads' lock waiting is 89.7% off"
                + " what was recorded, summed thread by thread (the what-if is shown within 25%). The measured"
                + " figures above stand."), t);
        assertFalse(t.contains("none -> proxy"), "no what-if figure in the headline: " + t);
        assertTrue(t.contains("Measured: inside these waits their owners sat preempted for "), t);
    }

    @Test
    void limitationsAreListedLast() {
        String t = text(AnalysisFixture.analysis());
        int at = t.indexOf("Limitations:\n- ");
        assertTrue(at > t.indexOf("Fidelity:"), t);
        assertTrue(t.contains("- No jdk.CPUInformation event"), t);
    }

    @Test
    void controlCharactersInRecordedNamesCannotDriveTheTerminal() {
        assertEquals("evil?[2J name?", AnalysisText.clean("evil\u001b[2J name\u009b"));
        Trace trace = new TraceFixture().nice("w\u001b]0;owned\u0007", 0).nice("o", 19)
                .waitFor("w\u001b]0;owned\u0007", "o", 1, 0, 100, 5, 90).build();
        String t = text(Analysis.of(trace, AnalysisFixture.found(trace), null, ReplayOptions.DEFAULT, 10));
        assertFalse(t.chars().anyMatch(c -> c < 0x20 && c != '\n'), t);
        assertTrue(t.contains("waiter  w?]0;owned?"), t);
    }

    @Test
    void recordingWithoutWaitsSaysNothingWasFound() {
        Trace trace = new TraceFixture().nice("a", 0).build();
        String t = text(Analysis.of(trace, AnalysisFixture.found(trace), null, ReplayOptions.DEFAULT, 10));
        assertTrue(t.contains("No lock waits found: nothing to analyze."), t);
        assertFalse(t.contains("Top"), t);
    }

    @Test
    void unknownPriorityListsTheLongestWaitsInstead() {
        Trace trace = new TraceFixture().waitFor("w", "o", 1, 0, 100, 5, 90).build();
        String t = text(Analysis.of(trace, AnalysisFixture.found(trace), null, ReplayOptions.DEFAULT, 10));
        assertTrue(t.contains("Priority inversion: unknown"), t);
        assertTrue(t.contains("Longest 1 wait whose priority relation is unknown:"), t);
        assertTrue(t.contains("owner-preempted  resolvable by proxy"), t);
    }
}
