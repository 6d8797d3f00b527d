package pxlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pxlab.trace.TraceFixture.ms;

import java.util.List;
import org.junit.jupiter.api.Test;
import pxlab.analysis.Analysis;
import pxlab.analysis.PinningTotals;
import pxlab.jfr.JfrThread;
import pxlab.jfr.VirtualThreadPinnedEvent;
import pxlab.trace.ChunkEvents;
import pxlab.trace.Trace;
import pxlab.trace.TraceBuilder;
import pxlab.trace.TraceFixture;

/**
 * {@link PinningTotals} over chunks whose windows overlap, as {@link LargeAnalysis} builds them: a pin a window
 * holds as a neighbour's context is not the chunk's own and must not count twice.
 *
 * <pre>
 *   chunk 0: vt (id 1) pinned   0..300 ms
 *   chunk 1: vt (id 2) pinned 100..400 ms   overlaps chunk 0's: both windows see both, as vt#1 and vt#2
 *   chunk 2: vt (id 1) pinned 900..950 ms   alone in its window, under the bare name vt
 * </pre>
 */
class PinningTotalsTest {

    static final JfrThread VT1 = new JfrThread(1, -1, "vt", null, true);
    static final JfrThread VT2 = new JfrThread(2, -1, "vt", null, true);

    @Test
    void eachChunkCountsOnlyItsOwnPinsUnderTheWholeFilesNames() {
        List<ChunkEvents> chunks = List.of(chunk(VT1, 0, 300), chunk(VT2, 100, 400), chunk(VT1, 900, 950));
        PinningTotals totals = new PinningTotals();
        for (int k = 0; k < chunks.size(); k++) {
            TraceBuilder b = new TraceBuilder();
            ChunkEvents core = chunks.get(k);
            if (k > 0) chunks.get(k - 1).feedOverlapping(b, core.fromNs(), core.toNs(), 0);
            core.feed(b);
            if (k + 1 < chunks.size()) chunks.get(k + 1).feedOverlapping(b, core.fromNs(), core.toNs(), 0);
            totals.addChunk(core, b.build(), null);
        }
        TraceBuilder whole = new TraceBuilder();
        for (ChunkEvents c : chunks) c.feed(whole);
        Trace trace = whole.build();
        Analysis.Pinning expected = PinningTotals.of(trace, null, 0);
        assertEquals(3, expected.count());
        assertEquals(List.of(new Analysis.PinnedThread("vt#1", 2, 350 * 1_000_000L, 300 * 1_000_000L),
                new Analysis.PinnedThread("vt#2", 1, 300 * 1_000_000L, 300 * 1_000_000L)), expected.threads());
        assertEquals("vt#1", expected.longestThread(), "of two equally long, the earlier");
        assertEquals(expected, totals.pinning(0));
    }

    private static ChunkEvents chunk(JfrThread t, long startMs, long endMs) {
        ChunkEvents c = new ChunkEvents();
        c.virtualThreadPinned(new VirtualThreadPinnedEvent(ms(startMs), ms(endMs), t));
        return c;
    }

    @Test
    void equallyLongPinsGoToTheEarlierOne() {
        Trace t = new TraceFixture().pinned("b", 20, 30).pinned("a", 40, 50).pinned("c", 0, 10).build();
        Analysis.Pinning p = PinningTotals.of(t, null, 0);
        assertEquals("c", p.longestThread());
        assertEquals(List.of("a", "b", "c"), p.threads().stream().map(Analysis.PinnedThread::thread).toList(),
                "equal totals by name");
    }
}
