package pxlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pxlab.testsupport.Json;

/**
 * {@code pxlab simulate} as a user sees it: output, exit codes and one-line errors.
 */
class SimulateCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run pxlab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static final String[] EXAMPLES = {"inversion-1cpu", "rt-inherit", "background-group", "sched-messaging"};

    @Test
    void jsonIsByteIdenticalAcrossRunsAndMatchesGolden() throws IOException {
        boolean update = Boolean.getBoolean("pxlab.updateGolden");
        for (String ex : EXAMPLES) {
            for (String policy : List.of("none", "inherit", "proxy")) {
                String[] args = {"simulate", "../examples/" + ex + ".yaml", "--policy", policy, "--format", "json"};
                Run a = pxlab(args);
                Run b = pxlab(args);
                assertEquals(0, a.code(), a.err());
                assertEquals(a.out(), b.out(), ex + " " + policy + " differs between runs");
                Path golden = Path.of("src/test/resources/golden", ex + "." + policy + ".json");
                if (update) Files.writeString(golden, a.out(), StandardCharsets.UTF_8);
                assertEquals(Files.readString(golden, StandardCharsets.UTF_8), a.out(),
                        ex + " " + policy + " differs from " + golden + " (rerun with -Dpxlab.updateGolden=true after a"
                                + " deliberate model change)");
            }
        }
    }

    @Test
    void textTablePutsPoliciesSideBySide() {
        Run r = pxlab("simulate", "../examples/rt-inherit.yaml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+none\\s+inherit\\s+proxy")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+finished\\s+111\\.000ms\\s+12\\.000ms\\s+12\\.000ms")
                ), r.out());
    }

    @Test
    void lockModeIsReportedOnceAndTheProxyOverrideOnlyWhenSet() {
        // The scenario's lock mode is config.lock_mode; mainline overrides nothing, so nothing repeats it.
        Run json = pxlab("simulate", "../examples/rt-inherit.yaml", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertEquals(1, json.out().split("\"lock_mode\"", -1).length - 1, json.out());
        assertEquals("spin", Json.get(Json.parse(json.out()), "config", "lock_mode"));
        Run text = pxlab("simulate", "../examples/rt-inherit.yaml");
        assertEquals("scenario ../examples/rt-inherit.yaml: 1 CPU, lock mode spin; proxy preset mainline",
                text.out().lines().findFirst().orElseThrow());
        // v6 imposes handoff under proxy: the override is printed with the proxy settings.
        Run v6 = pxlab("simulate", "../examples/rt-inherit.yaml", "--proxy-preset", "v6", "--format", "json");
        Object doc = Json.parse(v6.out());
        assertEquals("spin", Json.get(doc, "config", "lock_mode"));
        assertEquals("handoff", Json.get(doc, "config", "proxy", "lock_mode"));
        Run v6Text = pxlab("simulate", "../examples/rt-inherit.yaml", "--proxy-preset", "v6");
        assertEquals("scenario ../examples/rt-inherit.yaml: 1 CPU, lock mode spin; proxy preset v6, lock mode handoff",
                v6Text.out().lines().findFirst().orElseThrow());
    }

    @Test
    void policyListRunsInReportOrder() {
        Run r = pxlab("simulate", "../examples/rt-inherit.yaml", "--policy", "proxy,none");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+none\\s+proxy")), r.out());
    }

    @Test
    void scheduleCsvHasOneRowPerInterval() throws IOException {
        Path csv = dir.resolve("s.csv");
        Run r = pxlab("simulate", "../examples/rt-inherit.yaml", "--policy", "proxy", "--schedule", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(ScheduleCsv.HEADER, rows.get(0));
        // bg 0..1ms, hog 1..2ms, fg 2ms (blocks at once), bg for fg 2..11ms, fg 11..12ms, hog 12..111ms.
        assertTrue(rows.contains("proxy,0,2000000,11000000,bg,fg"), rows.toString());
        assertTrue(rows.contains("proxy,0,11000000,12000000,fg,fg"), rows.toString());
    }

    @Test
    void deadlockExitsWith3AndNamesTheCycle() throws IOException {
        Path f = write("dl.yaml", """
                cpus: 2
                locks: [A, B]
                tasks:
                  - {name: a, program: [{lock: A}, {run: 1ms}, {lock: B}, {unlock: B}, {unlock: A}]}
                  - {name: b, program: [{lock: B}, {run: 1ms}, {lock: A}, {unlock: A}, {unlock: B}]}
                """);
        Run r = pxlab("simulate", f.toString(), "--policy", "none");
        assertEquals(Main.DEADLOCK, r.code());
        assertTrue(r.err().contains("deadlock under none: b waits for A held by a, a waits for B held by b")
                || r.err().contains("deadlock under none: a waits for B held by b, b waits for A held by a"), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cpus: 1\\ntasks: [{name: a, program: [{run: 5}]}]       | bad.yaml:2: tasks[0].program[0].run: duration needs a unit
            cpus: 1\\nlocks: [A]\\ntasks: [{name: a, program: [{unlock: A}]}] | bad.yaml:3: tasks[0].program[0].unlock:
            cpus: 1\\ntasks: [{name: a, nicety: 3, program: []}]    | bad.yaml:2: tasks[0].nicety: unknown key
            cpus: 1\\ntasks: [{name: a, program: [{run: 1ms}]\\n     | bad.yaml:
            """)
    void badScenarioGetsOneLineNamingFileLineAndKeyAndExit2(String yaml, String expected) throws IOException {
        Path f = write("bad.yaml", yaml.replace("\\n", "\n"));
        Run r = pxlab("simulate", f.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("pxlab: " + dir), line);
        assertTrue(line.contains("/" + expected.strip()), line);
        assertFalse(line.contains("Exception"), line);
    }

    @Test
    void missingFileAndBadOptionsExit2WithoutStackTrace() {
        Run missing = pxlab("simulate", "no/such/file.yaml");
        assertEquals(Main.BAD_INPUT, missing.code());
        assertEquals("pxlab: no/such/file.yaml: no such file", missing.err().strip());
        Run cpus = pxlab("simulate", "../examples/rt-inherit.yaml", "--cpus", "0");
        assertEquals(Main.BAD_INPUT, cpus.code());
        Run policy = pxlab("simulate", "../examples/rt-inherit.yaml", "--policy", "fastest");
        assertEquals(Main.BAD_INPUT, policy.code());
        assertFalse(policy.err().contains("at pxlab"), policy.err());
        Run preset = pxlab("simulate", "../examples/rt-inherit.yaml", "--proxy-preset", "v7");
        assertEquals(Main.BAD_INPUT, preset.code());
        assertTrue(preset.err().contains("unknown proxy preset 'v7'"), preset.err());
    }

    @Test
    void cpusOverrideBelowAffinityIsBadInput() throws IOException {
        Path f = write("pinned.yaml", "cpus: 4\ntasks: [{name: a, cpus: [3], program: [{run: 1ms}]}]\n");
        Run r = pxlab("simulate", f.toString(), "--cpus", "2");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("affinity"), r.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String cmd : List.of("simulate", "bench")) {
            Run r = pxlab(cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Usage: pxlab " + cmd), r.out());
        }
        Run top = pxlab();
        assertTrue(top.out().contains("Examples:"), top.out());
    }
}
