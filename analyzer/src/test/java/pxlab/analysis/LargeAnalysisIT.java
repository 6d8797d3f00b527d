package pxlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import pxlab.analysis.Analysis;
import pxlab.analysis.LargeAnalysis;
import pxlab.jfr.chunk.ChunkedRecording;
import pxlab.replay.ReplayOptions;
import pxlab.testsupport.InversionRecordings;

/**
 * The chunk-by-chunk pass against the whole-trace analysis on recordings of real JVMs: with and without the agent,
 * with preempted owners and without. Pass 1 runs even on these one-chunk files, so every whole-file figure it sums
 * (coverage, finder limitations, totals, names, the longest lists) is checked against the trace's own.
 */
class LargeAnalysisIT {

    @Test
    void hogsGiveTheSameFindingsChunkByChunk() throws Exception {
        Analysis chunked = same(InversionRecordings.hogs());
        assertTrue(chunked.summary().inversions() > 0, "the hogs run has inversions: " + chunked.summary());
    }

    @Test
    void quietGivesTheSameFindingsChunkByChunk() throws Exception {
        same(InversionRecordings.quiet());
    }

    @Test
    void jdkOnlyGivesTheSameFindingsChunkByChunk() throws Exception {
        Analysis chunked = same(InversionRecordings.jdk());
        assertTrue(!chunked.recording().agent());
    }

    private static Analysis same(Path file) throws Exception {
        Analysis whole = Analyzer.whole(file, AnalysisOptions.DEFAULT, Progress.NONE);
        Analysis chunked = LargeAnalysis.chunked(ChunkedRecording.open(file), ReplayOptions.DEFAULT, 0, Progress.NONE);
        LargeAnalysisTest.assertSameFindings(file, whole, chunked);
        assertEquals(whole.found(), chunked.found());
        return chunked;
    }
}
