package pxlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.analysis.Analysis;
import pxlab.analysis.LargeAnalysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.InversionFinder;
import pxlab.jfr.chunk.ChunkedRecording;
import pxlab.replay.ReplayOptions;
import pxlab.trace.Trace;

/** The chunk-by-chunk analysis against the whole-trace one, on multi-chunk recordings written here. */
class LargeAnalysisTest {

    private static final Progress QUIET = Progress.NONE;

    @TempDir
    static Path dir;
    static Path fourChunks;

    @BeforeAll
    static void record() throws Exception {
        fourChunks = ChunkedRecordingFixture.write(dir.resolve("four.jfr"), 4, 400);
    }

    @Test
    void chunkedTotalsEqualTheWholeTracesOnFourChunks() throws Exception {
        ChunkedRecording rec = ChunkedRecording.open(fourChunks);
        assertEquals(4, rec.chunks());
        Analysis whole = Analyzer.whole(fourChunks, AnalysisOptions.DEFAULT, QUIET);
        Analysis chunked = LargeAnalysis.chunked(rec, ReplayOptions.DEFAULT, 0, QUIET);
        assertSameFindings(fourChunks, whole, chunked);
        // The scheduling readings are in the first chunk only: inversions in later chunks need them carried.
        assertTrue(chunked.summary().inversions() > 0, "inversions found: " + chunked.summary());
        assertTrue(chunked.inversions().stream().anyMatch(c -> c.lockWait().startNs() > rec.startNs(2)),
                "an inversion in chunk 3 or 4");
    }

    @Test
    void chunkedPinningEqualsTheWholeTracesWithEachPinCountedOnce() throws Exception {
        Analysis whole = Analyzer.whole(fourChunks, AnalysisOptions.DEFAULT, QUIET);
        Analysis chunked = LargeAnalysis.chunked(ChunkedRecording.open(fourChunks), ReplayOptions.DEFAULT, 0, QUIET);
        // Each thread pins 400 / 50 times a round, 4 rounds; a neighbour's pin seen in a window is not counted again.
        int pins = ChunkedRecordingFixture.THREADS * 4 * (400 / ChunkedRecordingFixture.PIN_EVERY);
        assertEquals(pins, whole.pinning().count());
        assertEquals(ChunkedRecordingFixture.THREADS, whole.pinning().threadCount());
        assertEquals(whole.pinning(), chunked.pinning());
        Analysis top = LargeAnalysis.chunked(ChunkedRecording.open(fourChunks), ReplayOptions.DEFAULT, 2, QUIET);
        assertEquals(whole.pinning().threads().subList(0, 2), top.pinning().threads());
        assertEquals(whole.pinning().totalNs(), top.pinning().totalNs());
    }

    @Test
    void threadPatternNarrowsChunkedAsWhole() throws Exception {
        ReplayOptions t0 = ReplayOptions.DEFAULT.withThreads(java.util.regex.Pattern.compile("^t0$"));
        Analysis whole = Analyzer.whole(fourChunks, AnalysisOptions.DEFAULT.withReplay(t0).withTop(5), QUIET);
        Analysis chunked = LargeAnalysis.chunked(ChunkedRecording.open(fourChunks), t0, 5, QUIET);
        assertEquals(whole.summary(), chunked.summary());
        assertEquals(keys(whole.inversions()), keys(chunked.inversions()));
        assertEquals(List.of("t0"), chunked.invertedWaiters());
        assertEquals(whole.pinning(), chunked.pinning());
        assertEquals(List.of("t0"), chunked.pinning().threads().stream().map(Analysis.PinnedThread::thread)
                .collect(Collectors.toList()));
    }

    @Test
    void retainedStateFollowsTheChunkNotTheFile() throws Exception {
        Path two = ChunkedRecordingFixture.write(dir.resolve("two.jfr"), 2, 400);
        Path eight = ChunkedRecordingFixture.write(dir.resolve("eight.jfr"), 8, 400);
        LargeAnalysis small = new LargeAnalysis(ChunkedRecording.open(two), ReplayOptions.DEFAULT, 10, QUIET);
        LargeAnalysis large = new LargeAnalysis(ChunkedRecording.open(eight), ReplayOptions.DEFAULT, 10, QUIET);
        Analysis a = small.analyze(10, 10);
        Analysis b = large.analyze(10, 10);
        assertEquals(4 * a.summary().waits(), b.summary().waits(), "four times the waits");
        // Three chunks of records and one window's trace at most, whatever the number of chunks.
        long perChunk = ChunkedRecordingFixture.THREADS * 400L;
        assertTrue(large.peakHeld() <= 5 * perChunk + 16, "held " + large.peakHeld());
        assertTrue(large.peakHeld() <= small.peakHeld() * 5 / 3 + 16,
                "held " + large.peakHeld() + " for 8 chunks, " + small.peakHeld() + " for 2");
        assertEquals(10, b.inversions().size());
    }

    /** Everything pass 1 computes equals the whole trace's; the replay, of another window, may differ. */
    static void assertSameFindings(Path file, Analysis whole, Analysis chunked) throws Exception {
        assertEquals(whole.recording(), chunked.recording());
        assertEquals(whole.summary(), chunked.summary());
        assertEquals(whole.pinning(), chunked.pinning());
        assertEquals(whole.invertedWaiters(), chunked.invertedWaiters());
        assertSameList(whole.inversions(), chunked.inversions());
        assertSameList(whole.longestWaits(), chunked.longestWaits());
        List<String> finder = InversionFinder.find(Trace.read(file)).limitations();
        assertEquals(finder, chunked.limitations().subList(0, finder.size()));
    }

    /** The chunked list is the whole one's first {@link LargeAnalysis#MAX_LISTED}, starts within a microsecond. */
    private static void assertSameList(List<ClassifiedWait> whole, List<ClassifiedWait> chunked) {
        int n = Math.min(whole.size(), LargeAnalysis.MAX_LISTED);
        assertEquals(keys(whole.subList(0, n)), keys(chunked));
        for (int i = 0; i < n; i++) {
            long apart = whole.get(i).lockWait().startNs() - chunked.get(i).lockWait().startNs();
            assertTrue(Math.abs(apart) < 1_000, "starts " + apart + " ns apart");
        }
    }

    /**
     * What a listed wait is, but its start (compared within a microsecond instead, not by a rounded value that a
     * fraction of a microsecond can carry across a boundary): JFR converts a chunk's ticks to times a fraction of a microsecond
     * differently when the chunk is read on its own than after the chunks before it (seen up to 0.4 us on JDK 17).
     */
    private static List<String> keys(List<ClassifiedWait> waits) {
        return waits.stream().map(c -> c.lockWait().waiter().name() + " "
                + c.lockWait().durationNs() + " " + c.waitClass() + " " + c.owner() + " " + c.chain().size()
                + " " + c.inversion()).collect(Collectors.toList());
    }
}
