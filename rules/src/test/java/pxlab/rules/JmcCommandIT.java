package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.testsupport.InversionRecordings;

/** {@code ./pxlab jmc} end to end: the launcher, the analyzer's CLI jar and rules/target/cli/, in a fresh JVM. */
class JmcCommandIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).resolve("../pxlab").normalize();

    private record Run(int exit, String out, String err) {
    }

    private static Run pxlab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void textReportListsThePxlabRulesBesideJmcs() throws Exception {
        Run r = pxlab("jmc", InversionRecordings.hogs().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Rule: Priority Inversions (pxlab)\nSeverity: Warning"), r.out());
        assertTrue(r.out().contains("Rule: Stackdepth Setting"), "JMC's own rules run too");
    }

    @Test
    void htmlIsJmcsSelfContainedPage() throws Exception {
        Run r = pxlab("jmc", InversionRecordings.hogs().toString(), "--format", "html");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("<html"), r.out());
        assertTrue(r.out().trim().endsWith("</html>"));
        assertTrue(r.out().contains("Proxy Execution Benefit (pxlab)"));
        assertFalse(r.out().matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched from the network");
    }

    @Test
    void jsonWithMinWarningLeavesOutOkResults() throws Exception {
        Run r = pxlab("jmc", InversionRecordings.hogs().toString(), "--format", "json", "--min", "warning");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("PxlabPriorityInversion"), r.out());
        assertFalse(r.out().contains("PxlabSleepingOwner"), "OK on this recording");
    }

    @Test
    void aMissingFileIsOneLineAndExit2() throws Exception {
        Run r = pxlab("jmc", "/nonexistent/app.jfr");
        assertEquals(2, r.exit());
        assertEquals("pxlab: /nonexistent/app.jfr: no such file", r.err().strip());
    }

    @Test
    void aFileThatIsNoRecordingIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("notes.jfr"), "not a recording");
        Run r = pxlab("jmc", bad.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("pxlab: " + bad + ": not a JFR recording"), r.err());
    }

    @Test
    void aTruncatedRecordingIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(InversionRecordings.hogs());
        Path cut = Files.write(dir.resolve("cut.jfr"), java.util.Arrays.copyOf(whole, 200));
        Run r = pxlab("jmc", cut.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
