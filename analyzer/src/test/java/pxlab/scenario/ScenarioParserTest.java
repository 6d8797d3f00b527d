package pxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.sim.CpuMask;
import pxlab.sim.GroupSpec;
import pxlab.sim.LockMode;
import pxlab.sim.Op;
import pxlab.sim.ProxyConfig;
import pxlab.sim.SchedPolicy;
import pxlab.sim.SimConfig;
import pxlab.sim.TaskSpec;
import pxlab.sim.Workload;

class ScenarioParserTest {

    /** The project's example scenarios, relative to the analyzer module (surefire's working directory). */
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    private static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioParser.parse(yaml, "x.yaml");
    }

    /** Parses text that must fail and returns the one-line message. */
    private static String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> parse(yaml)).getMessage();
    }

    private static void assertError(String expectedPrefix, String yaml) {
        String message = error(yaml);
        assertTrue(message.startsWith(expectedPrefix), () -> "expected prefix <" + expectedPrefix + "> in <" + message + ">");
        assertEquals(-1, message.indexOf('\n'), "one line");
    }

    private static TaskSpec task(Scenario s, String name) {
        return s.workload().tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void inversionOneCpu() throws ScenarioException {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("inversion-1cpu.yaml"));
        Workload w = s.workload();
        assertEquals(EXAMPLES.resolve("inversion-1cpu.yaml").toString(), s.source());
        assertEquals(1, w.cpus());
        assertEquals(List.of("A"), w.locks());
        assertEquals(Long.MAX_VALUE, w.untilNs());
        assertEquals(SimConfig.DEFAULT, s.config());
        assertEquals(List.of("bg", "hog", "fg"), w.tasks().stream().map(TaskSpec::name).toList());
        assertEquals(new TaskSpec("bg", SchedPolicy.FAIR, 19, 0, null, null, 0,
                List.of(new Op.Lock("A"), new Op.Run(10 * MS), new Op.Unlock("A"))), task(s, "bg"));
        assertEquals(new TaskSpec("hog", SchedPolicy.FAIR, 0, 0, null, null, MS,
                List.of(new Op.Run(200 * MS))), task(s, "hog"));
        assertEquals(new TaskSpec("fg", SchedPolicy.FAIR, -20, 0, null, null, 2 * MS,
                List.of(new Op.Lock("A"), new Op.Run(MS), new Op.Unlock("A"))), task(s, "fg"));
    }

    @Test
    void rtInherit() throws ScenarioException {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("rt-inherit.yaml"));
        assertEquals(SimConfig.DEFAULT.withCosts(0, 0, 0), s.config());
        assertEquals(SchedPolicy.FAIR, task(s, "bg").policy());
        TaskSpec hog = task(s, "hog");
        assertEquals(SchedPolicy.FIFO, hog.policy());
        assertEquals(10, hog.rtPriority());
        assertEquals(MS, hog.startNs());
        assertEquals(List.of(new Op.Run(100 * MS)), hog.program());
        TaskSpec fg = task(s, "fg");
        assertEquals(SchedPolicy.FIFO, fg.policy());
        assertEquals(50, fg.rtPriority());
        assertEquals(List.of(new Op.Lock("A"), new Op.Run(MS), new Op.Unlock("A")), fg.program());
    }

    @Test
    void backgroundGroup() throws ScenarioException {
        Scenario s = ScenarioParser.parse(EXAMPLES.resolve("background-group.yaml"));
        Workload w = s.workload();
        assertEquals(2, w.cpus());
        assertEquals(3_000 * MS, w.untilNs());
        assertEquals(List.of(new GroupSpec("busy", 512), new GroupSpec("background", 4)), w.groups());
        assertEquals(List.of("dir"), w.locks());
        assertEquals(6, w.tasks().size());
        for (int i = 0; i < 4; i++) {
            TaskSpec hog = task(s, "hog" + i);
            assertEquals("busy", hog.group());
            assertEquals(List.of(new Op.Run(3_000 * MS)), hog.program());
        }
        assertEquals("background", task(s, "bg").group());
        assertEquals(List.of(new Op.Repeat(2000, List.of(new Op.Lock("dir"), new Op.Run(210 * US),
                new Op.Unlock("dir"), new Op.Run(330 * US)))), task(s, "bg").program());
        assertNull(task(s, "fg").group());
        assertEquals(List.of(new Op.Repeat(300, List.of(new Op.Mark(true, "rename"), new Op.Lock("dir"),
                new Op.Run(50 * US), new Op.Unlock("dir"), new Op.Mark(false, "rename"), new Op.Sleep(5 * MS)))),
                task(s, "fg").program());
    }

    @Test
    void jsonInput() throws ScenarioException {
        Scenario s = parse("""
                {
                  "cpus": 2,
                  "until": "1s",
                  "config": {"lock_mode": "handoff", "proxy": {"preset": "v6"}},
                  "locks": ["A"],
                  "tasks": [
                    {"name": "t", "policy": "rr", "rt_priority": 5, "cpus": [1],
                     "program": [{"lock": "A"}, {"run": "1.5ms"}, {"unlock": "A"},
                                 {"repeat": 2, "steps": [{"sleep": "250us"}]}]}
                  ]
                }
                """);
        assertEquals(2, s.workload().cpus());
        assertEquals(1_000 * MS, s.workload().untilNs());
        assertEquals(LockMode.HANDOFF, s.config().lockMode());
        assertEquals(ProxyConfig.V6, s.config().proxy());
        TaskSpec t = s.workload().tasks().get(0);
        assertEquals(SchedPolicy.RR, t.policy());
        assertEquals(5, t.rtPriority());
        assertEquals(CpuMask.of(List.of(1)), t.affinity());
        assertEquals(List.of(new Op.Lock("A"), new Op.Run(1_500_000), new Op.Unlock("A"),
                new Op.Repeat(2, List.of(new Op.Sleep(250 * US)))), t.program());
    }

    @Test
    void jsonWithTabsAndOnOneLine() throws ScenarioException {
        String json = "{\n\t\"cpus\":\t1,\n\t\"tasks\": [{\"name\": \"t\", \"program\": [{\"run\": \"2s\"}]}]\n}\n";
        assertEquals(List.of(new Op.Run(2_000 * MS)), parse(json).workload().tasks().get(0).program());
        assertEquals("x.yaml:1: tasks[0].program[0].run: duration needs a unit: 250us, 3ms, 2s",
                error("{\"cpus\": 1, \"tasks\": [{\"name\": \"t\", \"program\": [{\"run\": 2}]}]}"));
        assertEquals("x.yaml:1: cpus: duplicate key (first at line 1)",
                error("{\"cpus\": 1, \"cpus\": 2, \"tasks\": [{\"name\": \"t\", \"program\": []}]}"));
    }

    @Test
    void everyConfigKey() throws ScenarioException {
        Scenario s = parse("""
                cpus: 4
                config:
                  base_slice: 3ms
                  tick: 1ms
                  costs: {switch: 1us, migrate: 20us}
                  lock_mode: block
                  rr_quantum: 50ms
                  balance_interval: 8ms
                  proxy:
                    preset: v6
                    donor_migration: false
                    return_migration: false
                    sleeping_owner: deactivate
                    blocked_donor_handoff: false
                    chain_migration: true
                    lock_mode: spin
                tasks: [{name: t, program: []}]
                """);
        SimConfig c = s.config();
        assertEquals(new SimConfig(3 * MS, MS, US, 5 * US, 20 * US, 50 * MS, 8 * MS, LockMode.BLOCK,
                new ProxyConfig(false, false, ProxyConfig.SleepingOwner.DEACTIVATE, false, true, LockMode.SPIN)), c);
    }

    @Test
    void proxyOverridesApplyOnTopOfThePresetWhateverTheKeyOrder() throws ScenarioException {
        Scenario s = parse("""
                cpus: 1
                config: {proxy: {chain_migration: true, preset: v6}}
                tasks: [{name: t, program: []}]
                """);
        assertEquals(ProxyConfig.V6.withChainMigration(true), s.config().proxy());
    }

    @Test
    void taskDefaultsAndAttributes() throws ScenarioException {
        Scenario s = parse("""
                cpus: 4
                groups: {g: {}}
                tasks:
                  - name: a
                    program: []
                  - name: b
                    policy: batch
                    nice: 5
                    rt_priority: 0
                    cpus: [3, 1]
                    group: g
                    start: 1.5ms
                    program: [{mark: begin x}, {mark: end x}]
                """);
        assertEquals(TaskSpec.fair("a", List.of()), task(s, "a"));
        assertEquals(new TaskSpec("b", SchedPolicy.BATCH, 5, 0, CpuMask.of(List.of(1, 3)), "g", 1_500_000,
                List.of(new Op.Mark(true, "x"), new Op.Mark(false, "x"))), task(s, "b"));
        assertEquals(List.of(new GroupSpec("g", ScenarioParser.DEFAULT_CPU_WEIGHT)), s.workload().groups());
    }

    @Test
    void repeatMayUseLocksHeldAroundIt() throws ScenarioException {
        Scenario s = parse("""
                cpus: 1
                locks: [A, B]
                tasks:
                  - name: t
                    program:
                      - lock: A
                      - repeat: 0
                        steps: [{unlock: A}, {lock: B}, {unlock: B}, {lock: A}]
                      - unlock: A
                """);
        assertEquals(3, s.workload().tasks().get(0).program().size());
    }

    @Test
    void aliasesAreExpanded() throws ScenarioException {
        Scenario s = parse("""
                cpus: 1
                tasks:
                  - {name: a, program: &p [{run: 1ms}, {sleep: 1ms}]}
                  - {name: b, program: *p}
                """);
        assertEquals(task(s, "a").program(), task(s, "b").program());
    }

    @Test
    void unknownTopLevelKeyListsValidKeys() {
        assertEquals("x.yaml:2: colour: unknown key 'colour' (valid: cpus, until, config, groups, locks, tasks)",
                error("""
                        cpus: 1
                        colour: red
                        tasks: [{name: t, program: []}]
                        """));
    }

    @Test
    void unknownNestedKey() {
        assertError("x.yaml:3: config.proxy.donor_migraton: unknown key 'donor_migraton' (valid: preset,", """
                cpus: 1
                config:
                  proxy: {donor_migraton: true}
                tasks: [{name: t, program: []}]
                """);
        assertError("x.yaml:3: tasks[0].prio: unknown key 'prio' (valid: name, policy, nice, rt_priority,", """
                cpus: 1
                tasks:
                  - {prio: 1, name: t, program: []}
                """);
    }

    @Test
    void duplicateKey() {
        assertEquals("x.yaml:3: cpus: duplicate key (first at line 1)", error("""
                cpus: 1
                tasks: [{name: t, program: []}]
                cpus: 2
                """));
    }

    @Test
    void missingRequiredKeys() {
        assertEquals("x.yaml:1: cpus: required key is missing", error("tasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:1: tasks: required key is missing", error("cpus: 1\n"));
        assertEquals("x.yaml:2: tasks: a scenario needs at least one task", error("cpus: 1\ntasks: []\n"));
        assertEquals("x.yaml:3: tasks[0].name: required key is missing", error("""
                cpus: 1
                tasks:
                  - program: []
                """));
        assertEquals("x.yaml:3: tasks[0].program: required key is missing", error("""
                cpus: 1
                tasks:
                  - name: t
                """));
    }

    @Test
    void unknownLock() {
        assertEquals("x.yaml:7: tasks[1].program[0].lock: unknown lock 'B' (declared: A)", error("""
                cpus: 1
                locks: [A]
                tasks:
                  - name: a
                    program: []
                  - name: b
                    program: [{lock: B}]
                """));
        assertEquals("x.yaml:2: tasks[0].program[0].unlock: unknown lock 'A' (no locks declared)",
                error("cpus: 1\ntasks: [{name: t, program: [{unlock: A}]}]\n"));
    }

    @Test
    void unlockOfLockNotHeld() {
        assertEquals("x.yaml:8: tasks[0].program[2].unlock: unlock of lock 'A', which the task does not hold here",
                error("""
                        cpus: 1
                        locks: [A]
                        tasks:
                          - name: t
                            program:
                              - {lock: A}
                              - {unlock: A}
                              - {unlock: A}
                        """));
    }

    @Test
    void lockOfLockAlreadyHeld() {
        assertEquals("x.yaml:7: tasks[0].program[1].lock: lock 'A' is already held (taken at line 6); "
                + "locks are not recursive", error("""
                cpus: 1
                locks: [A]
                tasks:
                  - name: t
                    program:
                      - lock: A
                      - lock: A
                      - unlock: A
                """));
    }

    @Test
    void repeatThatChangesHeldLocks() {
        assertEquals("x.yaml:6: tasks[0].program[0].repeat: the repeated steps take lock 'A' without releasing it; "
                + "each pass must leave held locks unchanged", error("""
                cpus: 1
                locks: [A]
                tasks:
                  - name: t
                    program:
                      - repeat: 3
                        steps: [{lock: A}]
                      - unlock: A
                """));
        assertError("x.yaml:7: tasks[0].program[1].repeat: the repeated steps release lock 'A'", """
                cpus: 1
                locks: [A]
                tasks:
                  - name: t
                    program:
                      - lock: A
                      - repeat: 1
                        steps: [{unlock: A}]
                """);
    }

    @Test
    void repeatThatLeavesARequestOpen() {
        assertError("x.yaml:5: tasks[0].program[0].repeat: the repeated steps begin request 'r' without ending it", """
                cpus: 1
                tasks:
                  - name: t
                    program:
                      - {repeat: 2, steps: [{mark: begin r}]}
                      - {mark: end r}
                """);
    }

    @Test
    void markEndWithoutBegin() {
        assertEquals("x.yaml:2: tasks[0].program[1].mark: 'end r' without a matching 'begin r'",
                error("cpus: 1\ntasks: [{name: t, program: [{run: 1ms}, {mark: end r}]}]\n"));
    }

    @Test
    void markBeginTwice() {
        assertEquals("x.yaml:6: tasks[0].program[1].mark: request 'r' is already begun (at line 5) and not yet ended",
                error("""
                        cpus: 1
                        tasks:
                          - name: t
                            program:
                              - mark: begin r
                              - mark: begin r
                              - mark: end r
                        """));
    }

    @Test
    void badMark() {
        assertEquals("x.yaml:2: tasks[0].program[0].mark: expected 'begin NAME' or 'end NAME', got 'start r'",
                error("cpus: 1\ntasks: [{name: t, program: [{mark: start r}]}]\n"));
    }

    @Test
    void taskEndsHoldingALock() {
        assertError("x.yaml:6: tasks[0].program[0].lock: task ends holding lock 'A'", """
                cpus: 1
                locks: [A]
                tasks:
                  - name: t
                    program:
                      - lock: A
                      - run: 1ms
                """);
    }

    @Test
    void taskEndsInsideARequest() {
        assertError("x.yaml:2: tasks[0].program[0].mark: task ends inside request 'r'",
                "cpus: 1\ntasks: [{name: t, program: [{mark: begin r}]}]\n");
    }

    @Test
    void malformedSteps() {
        assertEquals("x.yaml:2: tasks[0].program[0]: empty step (use one of run, sleep, lock, unlock, mark, repeat)",
                error("cpus: 1\ntasks: [{name: t, program: [{}]}]\n"));
        assertEquals("x.yaml:2: tasks[0].program[0]: a step has exactly one key, got run, sleep",
                error("cpus: 1\ntasks: [{name: t, program: [{run: 1ms, sleep: 1ms}]}]\n"));
        assertEquals("x.yaml:2: tasks[0].program[0].wait: unknown step 'wait' "
                        + "(valid: run, sleep, lock, unlock, mark, repeat with steps)",
                error("cpus: 1\ntasks: [{name: t, program: [{wait: 1ms}]}]\n"));
        assertEquals("x.yaml:2: tasks[0].program[0]: expected a mapping, got 'run 1ms'",
                error("cpus: 1\ntasks: [{name: t, program: [run 1ms]}]\n"));
        assertEquals("x.yaml:2: tasks[0].program[0].steps: required key is missing",
                error("cpus: 1\ntasks: [{name: t, program: [{repeat: 2}]}]\n"));
        assertEquals("x.yaml:2: tasks[0].program[0].run: unknown key 'run' in a repeat step (valid: repeat, steps)",
                error("cpus: 1\ntasks: [{name: t, program: [{repeat: 2, steps: [], run: 1ms}]}]\n"));
        assertEquals("x.yaml:2: tasks[0].program[0].repeat: must be at least 0, got -1",
                error("cpus: 1\ntasks: [{name: t, program: [{repeat: -1, steps: []}]}]\n"));
    }

    @Test
    void durations() {
        assertEquals("x.yaml:2: tasks[0].program[0].run: duration needs a unit: 250us, 3ms, 2s",
                error("cpus: 1\ntasks: [{name: t, program: [{run: 250}]}]\n"));
        assertEquals("x.yaml:1: until: duration needs a unit: 250us, 3ms, 2s",
                error("until: 1.5\ncpus: 1\ntasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].start: '1.5ns' is not a whole number of nanoseconds",
                error("cpus: 1\ntasks: [{name: t, start: 1.5ns, program: []}]\n"));
        assertEquals("x.yaml:2: config.tick: must be greater than 0",
                error("cpus: 1\nconfig: {tick: 0ms}\ntasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:2: config.costs.switch: negative duration: '-1us'",
                error("cpus: 1\nconfig: {costs: {switch: -1us}}\ntasks: [{name: t, program: []}]\n"));
    }

    @Test
    void integers() {
        assertEquals("x.yaml:1: cpus: expected an integer, got '2.5'", error("cpus: 2.5\ntasks: []\n"));
        assertEquals("x.yaml:1: cpus: expected an integer, got '2'", error("cpus: \"2\"\ntasks: []\n"));
        assertEquals("x.yaml:1: cpus: expected an integer, got '0x10'", error("cpus: 0x10\ntasks: []\n"));
        assertEquals("x.yaml:1: cpus: 0 is out of range 1..1024", error("cpus: 0\ntasks: []\n"));
        assertEquals("x.yaml:1: cpus: 2000 is out of range 1..1024", error("cpus: 2000\ntasks: []\n"));
        assertEquals("x.yaml:2: groups.g.cpu_weight: 0 is out of range 1..10000",
                error("cpus: 1\ngroups: {g: {cpu_weight: 0}}\ntasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].nice: 20 is out of range -20..19",
                error("cpus: 1\ntasks: [{name: t, nice: 20, program: []}]\n"));
    }

    @Test
    void wrongShapes() {
        assertEquals("x.yaml:2: locks: expected a list, got 'A'",
                error("cpus: 1\nlocks: A\ntasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:2: config: expected a mapping, got nothing",
                error("cpus: 1\nconfig:\ntasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:1: expected a mapping, got a list", error("- cpus: 1\n"));
        assertEquals("x.yaml: empty file: a scenario needs cpus and tasks", error("# nothing here\n"));
        assertEquals("x.yaml:2: config.proxy.chain_migration: expected true or false, got 'yes'",
                error("cpus: 1\nconfig: {proxy: {chain_migration: yes}}\ntasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:2: config.lock_mode: expected one of spin, block, handoff; got 'spinning'",
                error("cpus: 1\nconfig: {lock_mode: spinning}\ntasks: [{name: t, program: []}]\n"));
        assertEquals("x.yaml:2: config.proxy.preset: expected one of mainline, v6; got 'v7'",
                error("cpus: 1\nconfig: {proxy: {preset: v7}}\ntasks: [{name: t, program: []}]\n"));
    }

    @Test
    void policyAttributes() {
        assertEquals("x.yaml:2: tasks[0].rt_priority: required for policy fifo (1..99)",
                error("cpus: 1\ntasks: [{name: t, policy: fifo, program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].rt_priority: 100 is out of range 1..99",
                error("cpus: 1\ntasks: [{name: t, policy: rr, rt_priority: 100, program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].rt_priority: rt_priority applies to fifo and rr tasks only, not to fair",
                error("cpus: 1\ntasks: [{name: t, rt_priority: 3, program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].nice: nice applies to fair and batch tasks only, not to fifo (use rt_priority)",
                error("cpus: 1\ntasks: [{name: t, policy: fifo, rt_priority: 3, nice: -5, program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].policy: expected one of fair, batch, idle, fifo, rr; got 'deadline'",
                error("cpus: 1\ntasks: [{name: t, policy: deadline, program: []}]\n"));
    }

    @Test
    void affinity() {
        assertEquals("x.yaml:2: tasks[0].cpus[1]: CPU 2 does not exist (cpus: 2, so 0..1)",
                error("cpus: 2\ntasks: [{name: t, cpus: [0, 2], program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].cpus[1]: CPU 0 is listed twice",
                error("cpus: 2\ntasks: [{name: t, cpus: [0, 0], program: []}]\n"));
        assertEquals("x.yaml:2: tasks[0].cpus: affinity needs at least one CPU",
                error("cpus: 2\ntasks: [{name: t, cpus: [], program: []}]\n"));
    }

    @Test
    void namesMustBeDeclaredAndUnique() {
        assertEquals("x.yaml:3: tasks[0].group: unknown group 'bg' (declared: busy)",
                error("cpus: 1\ngroups: {busy: {cpu_weight: 5}}\ntasks: [{name: t, group: bg, program: []}]\n"));
        assertEquals("x.yaml:4: tasks[1].name: duplicate task name 't' (first at line 3)", error("""
                cpus: 1
                tasks:
                  - {name: t, program: []}
                  - {name: t, program: []}
                """));
        assertEquals("x.yaml:2: locks[1]: lock 'A' is declared twice",
                error("cpus: 1\nlocks: [A, A]\ntasks: [{name: t, program: []}]\n"));
    }

    @Test
    void recursiveAlias() {
        assertError("x.yaml:2: tasks[0].program[0].steps: a list of steps cannot contain itself",
                "cpus: 1\ntasks: [{name: t, program: &p [{repeat: 1, steps: *p}]}]\n");
    }

    @Test
    void malformedYamlGivesLineAndOneLineProblem() {
        String message = error("""
                cpus: 1
                tasks:
                  - name: t
                   program: []
                """);
        assertTrue(message.startsWith("x.yaml:4: invalid YAML: "), message);
        assertEquals(-1, message.indexOf('\n'));
        assertTrue(error("cpus: 1\ntasks: [{name: t, program: []\n").startsWith("x.yaml:3: invalid YAML: "));
        assertEquals("x.yaml:2: invalid YAML: expected a single document in the stream, but found another document",
                error("cpus: 1\n---\ncpus: 2\n"));
    }

    @Test
    void missingFileAndDirectory(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": no such file",
                assertThrows(ScenarioException.class, () -> ScenarioParser.parse(missing)).getMessage());
        assertEquals(dir + ": is a directory, not a scenario file",
                assertThrows(ScenarioException.class, () -> ScenarioParser.parse(dir)).getMessage());
        Path bad = Files.write(dir.resolve("bad.yaml"), new byte[]{'c', 'p', (byte) 0xff});
        assertEquals(bad + ": not UTF-8 text",
                assertThrows(ScenarioException.class, () -> ScenarioParser.parse(bad)).getMessage());
    }

    @Test
    void exceptionExposesItsParts() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("cpus: 1\ntasks: [{name: t, program: [{run: 5}]}]\n"));
        assertEquals("x.yaml", e.file());
        assertEquals(2, e.line());
        assertEquals("tasks[0].program[0].run", e.key());
        assertEquals("duration needs a unit: 250us, 3ms, 2s", e.reason());
        assertEquals("f: k: r", new ScenarioException("f", 0, "k", "r").getMessage());
        assertEquals("line 3: r", new ScenarioException(null, 3, null, "r").getMessage());
    }
}
