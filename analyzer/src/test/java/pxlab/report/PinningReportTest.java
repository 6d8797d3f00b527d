package pxlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.testsupport.Json.get;
import static pxlab.testsupport.Json.keys;
import static pxlab.trace.TraceFixture.MS;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pxlab.analysis.Analysis;
import pxlab.replay.ReplayOptions;
import pxlab.testsupport.Json;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * Pinned virtual threads ({@code jdk.VirtualThreadPinned}) in {@link Analysis} and in the text, JSON and HTML
 * reports, from a hand-built trace:
 *
 * <pre>
 *   vt-1                 pinned 0..300 ms and 400..410 ms
 *   fg&lt;img…&gt; (hostile)  pinned 50..60 ms and 70..75 ms
 *   vt-2                 pinned 500..501 ms
 *   w                    waits 0..100 ms for a lock held by o, so that there is a lock wait to report
 * </pre>
 */
class PinningReportTest {

    static final String LINE = "Virtual threads pinned to their carriers: 5 times in 3 threads, 326.000ms in all;"
            + " longest 300.000ms (vt-1).";

    static TraceFixture pins(TraceFixture f) {
        return f.pinned("vt-1", 0, 300).pinned("vt-1", 400, 410).pinned(AnalysisFixture.IMG, 50, 60)
                .pinned(AnalysisFixture.IMG, 70, 75).pinned("vt-2", 500, 501);
    }

    static Analysis analysis(ReplayOptions options, int top) {
        Trace t = pins(new TraceFixture().nice("w", 0).nice("o", 19).waitFor("w", "o", 1, 0, 100, 5, 90)).build();
        return Analysis.of(t, AnalysisFixture.found(t), null, options, top);
    }

    @Test
    void analysisSumsEveryPinnedIntervalPerThread() {
        Analysis.Pinning p = analysis(ReplayOptions.DEFAULT, 0).pinning();
        assertEquals(5, p.count());
        assertEquals(326 * MS, p.totalNs());
        assertEquals(300 * MS, p.longestNs());
        assertEquals("vt-1", p.longestThread());
        assertEquals(3, p.threadCount());
        assertEquals(List.of(new Analysis.PinnedThread("vt-1", 2, 310 * MS, 300 * MS),
                new Analysis.PinnedThread(AnalysisFixture.IMG, 2, 15 * MS, 10 * MS),
                new Analysis.PinnedThread("vt-2", 1, MS, MS)), p.threads());
    }

    @Test
    void threadPatternAndTopNarrowThePinningAsTheyDoTheWaits() {
        Analysis.Pinning scoped = analysis(ReplayOptions.DEFAULT.withThreads(Pattern.compile("^vt-")), 0).pinning();
        assertEquals(3, scoped.count());
        assertEquals(311 * MS, scoped.totalNs());
        assertEquals(2, scoped.threadCount());
        Analysis.Pinning top = analysis(ReplayOptions.DEFAULT, 1).pinning();
        assertEquals(5, top.count(), "totals cover every thread");
        assertEquals(3, top.threadCount());
        assertEquals(List.of("vt-1"), top.threads().stream().map(Analysis.PinnedThread::thread).toList());
        Analysis.Pinning none = analysis(ReplayOptions.DEFAULT.withThreads(Pattern.compile("^w$")), 0).pinning();
        assertEquals(Analysis.Pinning.NONE, none);
    }

    @Test
    void textSaysHowOftenHowLongAndWhoLongestAfterTheHeadline() {
        String t = AnalysisTextTest.text(analysis(ReplayOptions.DEFAULT, 10));
        assertTrue(t.contains(LINE + "\n"), t);
        assertTrue(t.indexOf(LINE) > t.indexOf("Lock waiting: 1 wait"), t);
        assertFalse(AnalysisTextTest.text(AnalysisFixture.analysis()).contains("pinned"), "nothing without pinning");
    }

    @Test
    void textReportsPinningEvenWithoutLockWaits() {
        Trace trace = new TraceFixture().pinned("vt\u001b[2J", 0, 300).build();
        String t = AnalysisTextTest.text(Analysis.of(trace, AnalysisFixture.found(trace), null,
                ReplayOptions.DEFAULT, 10));
        assertTrue(t.contains("No lock waits found: nothing to analyze."), t);
        assertTrue(t.contains("Virtual threads pinned to their carriers: 1 time in 1 thread, 300.000ms in all;"
                + " longest 300.000ms (vt?[2J)."), t);
    }

    @Test
    void jsonHasThePinningAfterTheSummary() throws Exception {
        Object doc = Json.parse(AnalysisJsonTest.json(analysis(ReplayOptions.DEFAULT, 0)));
        assertEquals(List.of("recording", "summary", "pinning", "inversions", "replay", "replay_setup", "fidelity",
                "limitations"), keys(doc));
        assertEquals(List.of("count", "total_ns", "longest_ns", "longest_thread", "thread_count", "threads"),
                keys(doc, "pinning"));
        assertEquals(5L, get(doc, "pinning", "count"));
        assertEquals(326 * MS, get(doc, "pinning", "total_ns"));
        assertEquals(300 * MS, get(doc, "pinning", "longest_ns"));
        assertEquals("vt-1", get(doc, "pinning", "longest_thread"));
        assertEquals(3L, get(doc, "pinning", "thread_count"));
        assertEquals(List.of("thread", "count", "total_ns", "longest_ns"), keys(doc, "pinning", "threads", 0));
        assertEquals(AnalysisFixture.IMG, get(doc, "pinning", "threads", 1, "thread"), "carried exactly");
        assertEquals(15 * MS, get(doc, "pinning", "threads", 1, "total_ns"));
        assertEquals(2L, get(doc, "pinning", "threads", 1, "count"));
    }

    @Test
    void jsonWithoutPinningHasZeros() throws Exception {
        Object doc = Json.parse(AnalysisJsonTest.json(AnalysisFixture.analysis()));
        assertEquals(0L, get(doc, "pinning", "count"));
        assertEquals(0L, get(doc, "pinning", "total_ns"));
        assertEquals(0L, get(doc, "pinning", "longest_ns"));
        assertNull(get(doc, "pinning", "longest_thread"));
        assertEquals(0L, get(doc, "pinning", "thread_count"));
        assertEquals(List.of(), get(doc, "pinning", "threads"));
    }

    @Test
    void htmlHasASectionWithTheTotalsAndTheThreadsEscaped() {
        String page = AnalysisHtml.page(analysis(ReplayOptions.DEFAULT, 10));
        assertTrue(page.contains("<section id=\"pinning\"><h2>Pinned virtual threads</h2>"), page);
        assertTrue(page.contains("5 times in 3 threads, 326.000ms in all; longest 300.000ms ("
                + "<span class=\"mono\">vt-1</span>)."), page);
        assertTrue(page.contains("<tr><td><span class=\"mono\">vt-1</span></td><td class=\"num\">2</td>"
                + "<td class=\"num\">310.000ms</td><td class=\"num\">300.000ms</td></tr>"), page);
        assertFalse(page.contains(AnalysisFixture.IMG), "the hostile name only escaped");
        assertTrue(page.contains("<span class=\"mono\">fg&lt;img src=x onerror=&quot;document"), page);
        assertTrue(AnalysisHtmlBrowserTest.tags(page).stream().noneMatch(t -> t.startsWith("<img")));
        assertTrue(page.indexOf("id=\"pinning\"") > page.indexOf("id=\"summary\"")
                && page.indexOf("id=\"pinning\"") < page.indexOf("id=\"inversions\""), "after the summary");
    }

    @Test
    void htmlSaysHowManyThreadsTopLeftOutAndNothingWithoutPinning() {
        String page = AnalysisHtml.page(analysis(ReplayOptions.DEFAULT, 1));
        assertTrue(page.contains("2 more pinned threads in --format json."), page);
        assertFalse(AnalysisHtml.page(AnalysisFixture.analysis()).contains("id=\"pinning\""));
    }
}
