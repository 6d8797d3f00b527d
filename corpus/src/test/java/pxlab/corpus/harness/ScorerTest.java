package pxlab.corpus.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pxlab.replay.ReplayResult;

/** The parts of the scoring that need no recording: the replay's per-thread error and frame matching. */
class ScorerTest {

    @Test
    void perThreadErrorNeverNetsOneThreadsExcessAgainstAnothersShortfall() {
        // One thread replayed 40 ms too much, the other 40 ms too little: the totals agree, the threads do not.
        ReplayResult.Fidelity f = new ReplayResult.Fidelity(200, 200, 80, List.of(
                new ReplayResult.ThreadFidelity("a", 100, 140), new ReplayResult.ThreadFidelity("b", 100, 60)));
        assertEquals(0.4, Scorer.perThreadError(f), 1e-9);
    }

    @Test
    void perThreadErrorWithoutReplayIsMinusOne() {
        assertEquals(-1, Scorer.perThreadError(null));
    }

    @Test
    void culpritMethodMatchesTheFramesMethodNameOnly() {
        List<String> frames = List.of("pxlab.corpus.truth.TrackedLock.unlock:71",
                "pxlab.corpus.workload.PreemptedMutex.compactSegments:44");
        assertTrue(Scorer.hasMethod(frames, "compactSegments"));
        assertFalse(Scorer.hasMethod(frames, "Segments"), "a suffix of a method name is another method");
        assertFalse(Scorer.hasMethod(frames, "PreemptedMutex"), "a class is not a method");
    }
}
