package pxlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.testsupport.Json.get;
import static pxlab.testsupport.Json.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.cli.SimulateCommandTest.Run;
import pxlab.testsupport.Chromium;
import pxlab.testsupport.InversionRecordings;
import pxlab.testsupport.Json;
import pxlab.trace.Coverage;

/**
 * {@code pxlab analyze} end to end on recordings made by real JVMs: {@code InversionApp}'s preempted-owner case
 * under the packaged agent, in every format, and its JDK-only run, which is analyzed with its limitations said.
 */
class AnalyzeIT {

    @TempDir
    static Path dir;
    static Path hogs;
    static Path jdk;
    static Run json;

    @BeforeAll
    static void record() throws Exception {
        hogs = InversionRecordings.hogs();
        jdk = InversionRecordings.jdk();
        json = SimulateCommandTest.pxlab("analyze", hogs.toString(), "--format", "json");
    }

    @Test
    void jsonShowsThePreemptedOwnerAsAnInversionProxyWouldResolve() {
        assertEquals(Main.OK, json.code(), json.err());
        Object doc = Json.parse(json.out());
        Object w = inversionOf(doc, "preempted-waiter");
        assertEquals("preempted-owner", get(w, "owner"));
        assertEquals("owner-preempted", get(w, "cause"));
        assertEquals(true, get(w, "resolvable"));
        assertEquals("mutex", get(w, "kind"));
        assertEquals("owner-charges", get(w, "evidence"));
        assertTrue((Long) get(w, "wait_ns") >= 150_000_000L, w.toString());
        assertTrue((Long) get(doc, "summary", "inversion_resolvable_ns") >= (Long) get(w, "wait_ns"));
        assertEquals(true, get(doc, "recording", "agent"));
    }

    @Test
    void jsonReplaysTheWaiterUnderEveryPolicy() {
        Object doc = Json.parse(json.out());
        assertEquals(List.of("none", "inherit", "proxy"), keys(doc, "replay"));
        for (String policy : List.of("none", "inherit", "proxy")) {
            Object t = get(doc, "replay", policy, "threads", "preempted-waiter");
            assertTrue(get(t, "lock_wait_ns") instanceof Long, policy + ": " + t);
            assertEquals(List.of("count", "p50_ns", "p99_ns", "max_ns"), keys(t, "waits"));
        }
        assertTrue(get(doc, "fidelity") instanceof Map, "fidelity of the none replay");
    }

    @Test
    void textListsTheInversionWithItsCauseAndStack() {
        Run r = SimulateCommandTest.pxlab("analyze", hogs.toString());
        assertEquals(Main.OK, r.code(), r.err());
        String t = r.out();
        assertTrue(t.contains("Priority inversion: "), t);
        assertTrue(t.contains("waiter  preempted-waiter  (SCHED_OTHER nice 0)"), t);
        assertTrue(t.contains("owner   preempted-owner  (SCHED_OTHER nice 19)"), t);
        assertTrue(t.contains("owner-preempted  resolvable by proxy"), t);
        assertTrue(t.contains("stack   pxlab.testsupport.InversionApp.lockAndUnlock:"), t);
        // The replay table has rows only for threads that waited in the replay; its heading and fidelity always show.
        assertTrue(t.contains("\nReplay of +"), t);
        assertTrue(t.contains("\n  fidelity: replayed under none"), t);
    }

    @Test
    void htmlIsOnePageThatRendersInABrowser() throws Exception {
        Path page = dir.resolve("hogs.html");
        Run r = SimulateCommandTest.pxlab("analyze", hogs.toString(), "--format", "html", "-o", page.toString());
        assertEquals(Main.OK, r.code(), r.err());
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertFalse(html.contains("http://") || html.contains("https://"));
        assertTrue(html.contains("preempted-waiter"));
        Chromium chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "no chromium on the PATH (apt-get install chromium)");
        String dom = chromium.dumpDom(page, Files.createDirectory(dir.resolve("profile")));
        assertTrue(dom.contains("data-pxlab-rendered=\"ok\""), "the page's script ran with its styles");
        assertEquals(2, dom.split("<svg class=\"sched\"", -1).length - 1, "timelines of none and proxy");
        assertTrue(dom.contains("<table class=\"inv\">"));
    }

    @Test
    void recordingWithoutTheAgentIsAnalyzedAndSaysWhatIsMissing() {
        Run r = SimulateCommandTest.pxlab("analyze", jdk.toString());
        assertEquals(Main.OK, r.code(), r.err());
        String t = r.out();
        assertTrue(t.contains("recorded without the pxlab agent"), t);
        assertTrue(t.contains("Priority inversion: unknown"), t);
        assertTrue(t.contains("whose priority relation is unknown:"), t);
        assertTrue(t.contains("- " + Coverage.NO_AGENT), t);
        assertTrue(t.contains("- " + Coverage.NO_SCHED), t);
    }

    private static Object inversionOf(Object doc, String waiter) {
        for (Object w : (List<?>) get(doc, "inversions")) {
            if (waiter.equals(get(w, "waiter"))) return w;
        }
        throw new AssertionError("no inversion with waiter " + waiter + " in " + get(doc, "inversions"));
    }
}
