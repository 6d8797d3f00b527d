package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.testsupport.InversionRecordings;
import pxlab.testsupport.Json;

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
    void analyzeAndJmcReportTheSameFiguresInTheirJson() throws Exception {
        // Default options on both sides: analyze replays none, inherit and proxy; the rules none and proxy.
        Path file = InversionRecordings.hogs();
        Run a = pxlab("analyze", file.toString(), "--format", "json");
        Run j = pxlab("jmc", file.toString(), "--format", "json");
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, j.exit(), j.err());
        Object analyze = Json.parse(a.out());
        Object jmc = Json.parse(j.out());
        Object inversion = rule(jmc, "PxlabPriorityInversion");
        long inversionNs = number(analyze, "summary", "inversion_ns");
        long resolvableNs = number(analyze, "summary", "inversion_resolvable_ns");
        assertEquals(number(analyze, "summary", "inversions"), number(inversion, "results", "inversionCount", "value"));
        assertEquals(inversionNs, number(inversion, "results", "inversionTime", "value"));
        assertEquals(resolvableNs, number(inversion, "results", "resolvableTime", "value"));
        assertEquals(resolvableNs / (double) inversionNs,
                ((Number) Json.get(inversion, "results", "resolvableShare", "value")).doubleValue(), 1e-12);

        // The replay: the inverted waiters' lock waiting under none and proxy, the window, the fidelity error.
        Object benefit = rule(jmc, "PxlabProxyExecutionBenefit");
        Set<String> waiters = new TreeSet<>();
        for (Object w : (List<?>) Json.get(analyze, "inversions")) waiters.add((String) Json.get(w, "waiter"));
        long none = 0;
        long proxy = 0;
        for (String w : waiters) {
            none += number(analyze, "replay", "none", "threads", w, "lock_wait_ns");
            proxy += number(analyze, "replay", "proxy", "threads", w, "lock_wait_ns");
        }
        assertEquals(number(analyze, "replay_setup", "to_ns") - number(analyze, "replay_setup", "from_ns"),
                number(benefit, "results", "replayWindow", "value"));
        double error = ((Number) Json.get(analyze, "fidelity", "error")).doubleValue();
        if (error >= 0) {   // -1: infinitely off (only the replay waited), which the rule does not give a figure
            assertEquals(error, ((Number) Json.get(benefit, "results", "replayError", "value")).doubleValue(), 0.00005);
        }
        if (Json.get(analyze, "fidelity", "verdict").equals("withheld")
                && number(analyze, "fidelity", "measured_lock_wait_ns") > 0) {
            assertTrue(((String) Json.get(benefit, "summary")).contains("what-if is withheld"), j.out());
            assertEquals(number(analyze, "summary", "inversion_preempted_ns"),
                    number(benefit, "results", "ownersPreempted", "value"));
        } else if (none == 0) {
            assertTrue(((String) Json.get(benefit, "summary")).contains("nothing to compare"), j.out());
        } else {
            assertEquals(none, number(benefit, "results", "replayedWaitNone", "value"));
            assertEquals(proxy, number(benefit, "results", "replayedWaitProxy", "value"));
        }
    }

    private static Object rule(Object jmcJson, String id) {
        for (Object r : (List<?>) Json.get(jmcJson, 0, "rules")) {
            if (id.equals(Json.get(r, "id"))) return r;
        }
        throw new AssertionError("no " + id + " in the report");
    }

    private static long number(Object doc, Object... path) {
        return ((Number) Json.get(doc, path)).longValue();
    }

    @Test
    void jsonWithMinWarningLeavesOutOkResults() throws Exception {
        Run r = pxlab("jmc", InversionRecordings.hogs().toString(), "--format", "json", "--min", "warning");
        assertEquals(0, r.exit(), r.err());
        Object doc = Json.parse(r.out());
        List<String> ids = new ArrayList<>();
        for (Object rule : (List<?>) Json.get(doc, 0, "rules")) {
            ids.add((String) Json.get(rule, "id"));
            assertEquals("warning", Json.get(rule, "severity"), r.out());
        }
        assertTrue(ids.contains("PxlabPriorityInversion"), r.out());
        assertFalse(ids.contains("PxlabSleepingOwner"), "OK on this recording");
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
