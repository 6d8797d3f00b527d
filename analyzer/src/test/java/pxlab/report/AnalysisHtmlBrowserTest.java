package pxlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.testsupport.Chromium;

/**
 * The HTML report in a real browser: headless Chromium loads the page written for {@link AnalysisFixture} (whose
 * thread names are attacks on the page) and the checks run on the DOM it dumps after the page's own script ran.
 * Skipped only when no Chromium is installed; {@code .ci/run} installs Debian's.
 *
 * <p>Set {@code -Dpxlab.screenshot=FILE.png} to also save a screenshot, for looking at the page.
 */
class AnalysisHtmlBrowserTest {

    @TempDir
    static Path dir;
    static String html;
    static String dom;
    /** Every tag of the DOM, attribute values removed: {@code <rect class="" x="">}. */
    static List<String> tags;

    @BeforeAll
    static void load() throws Exception {
        Chromium chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "no chromium on the PATH (apt-get install chromium)");
        html = AnalysisHtml.page(AnalysisFixture.analysis());
        Path page = Files.writeString(dir.resolve("report.html"), html, StandardCharsets.UTF_8);
        dom = chromium.dumpDom(page, Files.createDirectory(dir.resolve("profile")));
        tags = tags(dom);
        String shot = System.getProperty("pxlab.screenshot");
        if (shot != null) {
            chromium.screenshot(page, Path.of(shot).toAbsolutePath(), 1400, 3000,
                    Files.createDirectory(dir.resolve("profile2")));
        }
    }

    @Test
    void pageScriptRanAndItsStyleSheetWasAllowed() {
        assertTrue(dom.contains("data-pxlab-rendered=\"ok\""), "the page's script did not run, or its CSS was blocked");
    }

    @Test
    void hostileThreadNamesAreTextNotMarkup() {
        assertTrue(tags.stream().noneMatch(t -> t.contains(" data-pwned=")), "a recorded string ran as script");
        assertEquals(1, tags.stream().filter(t -> t.startsWith("<script")).count(), "only the page's own script");
        assertEquals(0, tags.stream().filter(t -> t.startsWith("<img")).count());
        assertEquals(0, tags.stream().filter(t -> t.contains(" onerror=") || t.contains(" onload=")).count());
        assertTrue(dom.contains("fg&lt;img src=x onerror="), "the name is shown as text");
        assertTrue(dom.contains("&lt;/script&gt;&lt;script&gt;document.documentElement"), "the name is shown as text");
    }

    @Test
    void pageHasTimelinesCdfsAndTheInversionTable() {
        assertEquals(2, count(dom, "<svg class=\"sched\""), "timelines of none and proxy");
        assertTrue(dom.contains("data-policy=\"none\"") && dom.contains("data-policy=\"proxy\""));
        assertEquals(2 * 2, count(dom, "<text class=\"cpu\""), "one lane per CPU in each");
        assertTrue(count(dom, "<rect class=\"s px\"") >= 2, "proxy-executed intervals are marked");
        assertTrue(count(dom, "<rect class=\"dn\"") >= 2, "with the donor's stripe");
        assertEquals(4, count(dom, "<svg class=\"cdf\""), "one chart per subject thread");
        Matcher rows = Pattern.compile("<table class=\"inv\">.*?<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(dom);
        assertTrue(rows.find(), "inversion table");
        assertEquals(AnalysisFixture.analysis().inversions().size(), count(rows.group(1), "<tr>"));
    }

    @Test
    void pageReferencesNothingOnTheNetwork() {
        assertFalse(html.contains("http://"), "http reference");
        assertFalse(html.contains("https://"), "https reference");
        assertTrue(tags.stream().noneMatch(t -> t.contains(" src=") || t.contains(" href=")), "nothing loads anything");
        assertTrue(dom.contains("default-src 'none'"), "CSP forbids every fetch");
    }

    /**
     * Splits serialised HTML into its tags, with attribute values emptied. The serialiser escapes {@code <} and
     * {@code >} in text and {@code "} in attribute values, so outside a script or style element a {@code <} before a
     * letter, {@code /} or {@code !} always starts a tag, and inside a tag a {@code "} always opens or closes a value.
     */
    static List<String> tags(String html) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while ((i = html.indexOf('<', i)) >= 0) {
            if (i + 1 >= html.length() || !(Character.isLetter(html.charAt(i + 1)) || html.charAt(i + 1) == '/'
                    || html.charAt(i + 1) == '!')) {
                i++;
                continue;
            }
            StringBuilder tag = new StringBuilder();
            boolean quoted = false;
            for (; i < html.length(); i++) {
                char c = html.charAt(i);
                if (c == '"') quoted = !quoted;
                if (!quoted || c == '"') tag.append(c);
                if (c == '>' && !quoted) break;
            }
            String t = tag.toString();
            out.add(t);
            for (String raw : List.of("script", "style")) {   // their text is not escaped: skip to the end tag
                if (t.startsWith("<" + raw)) i = Math.max(i, html.indexOf("</" + raw + ">", i));
            }
        }
        return out;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) n++;
        return n;
    }

}
