package pxlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pxlab.analysis.Analysis;
import pxlab.replay.ReplayOptions;
import pxlab.replay.ReplayResult;
import pxlab.sim.Policy;
import pxlab.sim.SimResult;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * {@link AnalysisHtml} and its parts without a browser: escaping, the policy that forbids fetches and foreign
 * script, and the drawing helpers. {@link AnalysisHtmlBrowserTest} loads the page in Chromium.
 */
class AnalysisHtmlTest {

    @Test
    void escapeCoversTextAndBothQuotes() {
        assertEquals("&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt; &amp;", Html.escape(
                "<img src=x onerror=\"a('1')\"> &"));
        assertEquals("a\uFFFDb\uFFFDc\td", Html.escape("a\u0000b\u0085c\td"), "control characters");
        assertEquals("x\uFFFDy \uD83D\uDE00", Html.escape("x\uD800y \uD83D\uDE00"), "lone surrogate, emoji kept");
    }

    @Test
    void recordedStringsReachThePageOnlyEscaped() {
        String page = AnalysisHtml.page(AnalysisFixture.analysis());
        assertFalse(page.contains(AnalysisFixture.IMG));
        assertFalse(page.contains(AnalysisFixture.SCRIPT));
        assertFalse(page.contains(AnalysisFixture.ATTR));
        assertTrue(page.contains("fg&lt;img src=x onerror=&quot;document"), "shown as text");
        assertEquals(1, AnalysisHtmlBrowserTest.tags(page).stream().filter(t -> t.startsWith("<script")).count());
        assertTrue(AnalysisHtmlBrowserTest.tags(page).stream().noneMatch(t -> t.startsWith("<img")));
    }

    @Test
    void tagScannerFindsAnInjectedElement() {
        // The browser test's check must be able to fail: a name pasted unescaped becomes an element it sees.
        String broken = "<td>fg<img src=x onerror=\"alert('1')\"></td><script>if (a < b) x();</script>";
        List<String> tags = AnalysisHtmlBrowserTest.tags(broken);
        assertEquals(List.of("<td>", "<img src=x onerror=\"\">", "</td>", "<script>", "</script>"), tags);
    }

    @Test
    void contentSecurityPolicyAllowsOnlyThePagesOwnStyleAndScript() {
        String page = AnalysisHtml.page(AnalysisFixture.analysis());
        assertTrue(page.contains("default-src &#39;none&#39;"), "nothing may be fetched");
        assertTrue(page.contains("script-src &#39;sha256-" + AnalysisHtml.sha256(AnalysisHtml.JS) + "&#39;"));
        assertTrue(page.contains("style-src &#39;sha256-" + AnalysisHtml.sha256(AnalysisHtml.CSS) + "&#39;"));
        assertTrue(page.contains("<style>" + AnalysisHtml.CSS + "</style>"), "the hash covers exactly the text");
        assertTrue(page.contains("<script>" + AnalysisHtml.JS + "</script>"));
        assertFalse(page.contains("http://") || page.contains("https://"));
        assertFalse(page.contains(" style=\""), "style attributes would need 'unsafe-inline'");
    }

    @Test
    void pageHasEverySection() {
        String page = AnalysisHtml.page(AnalysisFixture.analysis());
        for (String id : List.of("summary", "inversions", "schedules", "latency", "replay", "limitations")) {
            assertTrue(page.contains("<section id=\"" + id + "\""), id);
        }
    }

    @Test
    void inversionsShowTheOwnersCodeAndWhereItHeldTheLock() {
        String page = AnalysisHtml.page(AnalysisFixture.analysis());
        assertTrue(page.contains("<th>Owner's code</th>"), page);
        assertTrue(page.contains("held in Batch.compact:42"), page);
        assertTrue(page.contains("<li>" + AnalysisFixture.CULPRIT_FRAME + "</li>"), page);
    }

    @Test
    void recordingWithoutWaitsGivesAShortPage() {
        Trace t = new TraceFixture().nice("a", 0).build();
        String page = AnalysisHtml.page(Analysis.of(t, AnalysisFixture.found(t), null, ReplayOptions.DEFAULT, 10));
        assertTrue(page.contains("No lock waits found: nothing to analyze."));
        assertFalse(page.contains("id=\"schedules\""));
    }

    @Test
    void intervalsNarrowerThanAPixelAreGathered() {
        Analysis a = AnalysisFixture.analysis();
        ReplayResult.PolicyRun none = a.run(Policy.NONE);
        Html h = new Html();
        ThreadColors colors = new ThreadColors(ScheduleSvg.busyNs(List.of(none)), java.util.Set.of());
        ScheduleSvg.write(h, none, 2, AnalysisFixture.WINDOW_NS, colors);
        String svg = h.toString();
        int bars = svg.split("<rect class=\"s", -1).length - 1;
        assertTrue(bars < none.schedule().size() / 4, bars + " bars for " + none.schedule().size() + " intervals");
        assertTrue(svg.contains("short intervals, mostly tiny"), "the gathered bar says what it stands for");
    }

    @Test
    void axisHelpers() {
        assertEquals(1, ScheduleSvg.niceStep(0));
        assertEquals(5_000_000, ScheduleSvg.niceStep(3_100_000));
        assertEquals(20, ScheduleSvg.niceStep(11));
        assertEquals("0", ScheduleSvg.shortTime(0));
        assertEquals("2.5ms", ScheduleSvg.shortTime(2_500_000));
        assertEquals("10ms", ScheduleSvg.shortTime(10_000_000));
        assertEquals("150us", ScheduleSvg.shortTime(150_000));
        assertEquals("850ns", ScheduleSvg.shortTime(850));
        assertEquals("Service.call:5", HtmlTables.shortFrame("app.Service.call:5"));
        assertEquals("Main.run", HtmlTables.shortFrame("Main.run"));
    }

    @Test
    void distributionOfZeroLatenciesStillDraws() {
        Html h = new Html();
        CdfSvg.write(h, "zeros", List.of(new CdfSvg.Series("none", "c-none", null,
                new SimResult.RequestStats("w", 3, 0, 0, 0)), new CdfSvg.Series("recorded", "c-recorded",
                new long[]{0, 5, 7}, null), new CdfSvg.Series("proxy", "c-proxy", null, null)));
        String svg = h.toString();
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
        assertTrue(svg.contains("proxy <small>no waits</small>"), svg);
    }
}
