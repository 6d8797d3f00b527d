package pxlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.testsupport.Json.get;
import static pxlab.testsupport.Json.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pxlab.cli.SimulateCommandTest.Run;
import pxlab.testsupport.Json;
import pxlab.testsupport.StandInLockWait;
import pxlab.testsupport.StandInThreadSched;
import pxlab.testsupport.TestRecordings;

/**
 * {@code pxlab analyze} as a user sees it, through {@link Main}: a small recording made in this JVM with stand-ins
 * for the agent's events (one inversion: a nice-0 waiter behind a preempted nice-19 owner), a valid recording
 * without lock events, broken files, and bad options. Real recordings by the agent are {@code AnalyzeIT}'s.
 */
class AnalyzeCommandTest {

    @TempDir
    static Path dir;
    static Path inversion;
    static Path quiet;
    static final CountDownLatch END = new CountDownLatch(1);

    @BeforeAll
    static void record() throws Exception {
        Thread owner = TestRecordings.idle("cache-owner", END);
        inversion = dir.resolve("inversion.jfr");
        try (Recording r = new Recording()) {
            r.enable("pxlab.LockWait").withStackTrace();
            r.enable("pxlab.ThreadSched");
            r.enable("jdk.CPUInformation");
            r.start();
            Thread waiter = new Thread(() -> commit(owner), "api-waiter");
            waiter.start();
            waiter.join();
            r.stop();
            r.dump(inversion);
        }
        quiet = TestRecordings.quiet(dir.resolve("quiet.jfr"));
    }

    @AfterAll
    static void release() {
        END.countDown();
    }

    /** On the waiter's thread: both threads' attributes, then a 30 ms wait with the owner preempted for 25 ms. */
    private static void commit(Thread owner) {
        StandInThreadSched.commit(Thread.currentThread(), 9001, 0);
        StandInThreadSched.commit(owner, 9002, 19);
        StandInLockWait w = new StandInLockWait();
        w.begin();
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        w.end();
        w.lockId = 0x5eed;
        w.lockClass = java.util.concurrent.locks.ReentrantLock.class;
        w.kind = "mutex";
        w.owner = owner;
        w.ownerOsThreadId = 9002;
        w.acquired = true;
        w.ownerCpuTime = 2_000_000;
        w.ownerRunqueueWait = 25_000_000;
        w.commit();
    }

    static Run pxlab(String... args) {
        return SimulateCommandTest.pxlab(args);
    }

    @Test
    void textReportShowsTheInversion() {
        Run r = pxlab("analyze", inversion.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("pxlab analyze " + inversion + ": "), r.out());
        assertTrue(r.out().contains("Top 1 inversion of 1, longest first:"), r.out());
        assertTrue(r.out().contains("owner-preempted  resolvable by proxy"), r.out());
        assertTrue(r.out().contains("waiter  api-waiter  (SCHED_OTHER nice 0)"), r.out());
        assertTrue(r.out().contains("owner   cache-owner  (SCHED_OTHER nice 19)"), r.out());
        assertEquals("", r.err(), "no progress bar off a terminal");
    }

    @Test
    void jsonReportIsTheDocumentedShapeAndStable() {
        Run a = pxlab("analyze", inversion.toString(), "--format", "json");
        Run b = pxlab("analyze", inversion.toString(), "--format", "json");
        assertEquals(Main.OK, a.code(), a.err());
        assertEquals(a.out(), b.out(), "the same recording gives byte-identical JSON");
        Object doc = Json.parse(a.out());
        assertEquals(1L, get(doc, "summary", "inversions"));
        assertEquals("api-waiter", get(doc, "inversions", 0, "waiter"));
        assertEquals("owner-preempted", get(doc, "inversions", 0, "cause"));
        assertEquals(true, get(doc, "inversions", 0, "resolvable"));
        assertEquals(List.of("none", "inherit", "proxy"), keys(doc, "replay"));
    }

    @Test
    void policyAndPresetChooseTheReplays() {
        Run r = pxlab("analyze", inversion.toString(), "--format", "json", "--policy", "proxy,none",
                "--proxy-preset", "v6", "--cpus", "1");
        assertEquals(Main.OK, r.code(), r.err());
        Object doc = Json.parse(r.out());
        assertEquals(List.of("none", "proxy"), keys(doc, "replay"), "report order, whatever the order asked");
        assertEquals("v6", get(doc, "replay_setup", "proxy_preset"));
        assertEquals(1L, get(doc, "replay_setup", "cpus"));
    }

    @Test
    void threadsPatternNarrowsTheReport() {
        Run r = pxlab("analyze", inversion.toString(), "--format", "json", "--threads", "^nobody$");
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(0L, get(Json.parse(r.out()), "summary", "waits"));
        assertEquals("pxlab: " + inversion + ": no lock waits found by threads matching '^nobody$'", r.err().strip());
    }

    @Test
    void htmlReportGoesToTheOutputFile() throws IOException {
        Path page = dir.resolve("report.html");
        Run r = pxlab("analyze", inversion.toString(), "--format", "html", "-o", page.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals("", r.out());
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(html.contains("api-waiter"));
    }

    @Test
    void recordingWithoutLockEventsExits0AndSaysSo() {
        Run text = pxlab("analyze", quiet.toString());
        assertEquals(Main.OK, text.code(), text.err());
        assertTrue(text.out().contains("No lock waits found: nothing to analyze."), text.out());
        Run json = pxlab("analyze", quiet.toString(), "--format", "json");
        assertEquals(Main.OK, json.code());
        assertEquals("pxlab: " + quiet + ": no lock waits found", json.err().strip());
        assertEquals(0L, get(Json.parse(json.out()), "summary", "waits"));
    }

    @Test
    void badFilesExit2WithOneLine() throws IOException {
        byte[] all = Files.readAllBytes(inversion);
        Path missing = dir.resolve("missing.jfr");
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        Path notJfr = Files.writeString(dir.resolve("notes.jfr"), "not a flight recording\n");
        Path truncated = Files.write(dir.resolve("truncated.jfr"), Arrays.copyOf(all, all.length / 2));
        assertOneLine(pxlab("analyze", missing.toString()), "pxlab: " + missing + ": no such file");
        assertOneLine(pxlab("analyze", empty.toString()), "pxlab: " + empty + ": empty file");
        assertOneLine(pxlab("analyze", notJfr.toString()), "pxlab: " + notJfr + ": ");
        assertOneLine(pxlab("analyze", truncated.toString()), "pxlab: " + truncated + ": truncated recording");
        assertOneLine(pxlab("analyze", dir.toString()), "pxlab: " + dir + ": not a regular file");
    }

    @Test
    void badFilesExit2WithOneLineChunkByChunkToo() throws IOException {
        byte[] all = Files.readAllBytes(inversion);
        Path notJfr = Files.writeString(dir.resolve("notes-chunked.jfr"), "not a flight recording\n");
        Path truncated = Files.write(dir.resolve("truncated-chunked.jfr"), Arrays.copyOf(all, all.length / 2));
        Path missing = dir.resolve("missing-chunked.jfr");
        assertOneLine(pxlab("analyze", "--chunked", missing.toString()), "pxlab: " + missing + ": no such file");
        assertOneLine(pxlab("analyze", "--chunked", notJfr.toString()), "pxlab: " + notJfr + ": ");
        assertOneLine(pxlab("analyze", "--chunked", truncated.toString()), "pxlab: " + truncated
                + ": truncated recording");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --cpus|0            | pxlab: --cpus 0: must be 1..1024
            --cpus|5000         | pxlab: --cpus 5000: must be 1..1024
            --policy|fastest    | pxlab: --policy fastest: expected none, inherit, proxy or all
            --proxy-preset|v7   | pxlab: --proxy-preset: unknown proxy preset 'v7' (mainline | v6)
            --threads|(worker   | pxlab: --threads '(worker': Unclosed group near index 7
            --top|-1            | pxlab: --top -1: must be 0 (all) or more
            """)
    void badOptionsExit2WithOneLine(String option, String value, String expected) {
        assertOneLine(pxlab("analyze", inversion.toString(), option, value), expected.strip());
    }

    @Test
    void optionsAreCheckedBeforeTheFileIsRead() {
        assertOneLine(pxlab("analyze", "no/such.jfr", "--cpus", "0"), "pxlab: --cpus 0: must be 1..1024");
    }

    @Test
    void unknownFormatIsAUsageError() {
        Run r = pxlab("analyze", inversion.toString(), "--format", "pdf");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("pxlab: Invalid value for option '--format'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unwritableOutputExits2() {
        Run r = pxlab("analyze", inversion.toString(), "-o", dir.resolve("no/such/dir/out.txt").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("pxlab: --output "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void helpListsTheOptions() {
        Run r = pxlab("analyze", "--help");
        assertEquals(Main.OK, r.code());
        for (String o : List.of("--format", "--output", "--cpus", "--policy", "--proxy-preset", "--threads", "--top")) {
            assertTrue(r.out().contains(o), o + " in " + r.out());
        }
        assertTrue(pxlab().out().contains("pxlab analyze app.jfr"), "the top-level examples");
    }

    private static void assertOneLine(Run r, String expectedStart) {
        assertEquals(Main.BAD_INPUT, r.code(), r.out() + r.err());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith(expectedStart), line);
        assertFalse(line.contains("Exception"), line);
        assertEquals("", r.out());
    }
}
