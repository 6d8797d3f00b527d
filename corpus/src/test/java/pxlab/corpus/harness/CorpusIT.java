package pxlab.corpus.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pxlab.corpus.harness.Score.PlantScore;

/**
 * The corpus's fast subset: a few workloads, 2 s each, on the JDK running the tests, under the packaged agent,
 * scored as {@code corpus/run} scores them. The assertions are what holds today with margins for a loaded 2-CPU
 * machine; the goals pxlab does not meet yet (docs/TRUTH.md) are printed, not asserted. Each test prints its row of
 * the table, so the build log keeps the figures.
 */
class CorpusIT {

    private static final long DURATION_NS = 2_000_000_000L;
    private static WorkloadRunner runner;
    private static Jdk jdk;

    @BeforeAll
    static void setUp() throws Exception {
        String agent = System.getProperty("pxlab.agent.jar");
        if (agent == null) throw new IllegalStateException("run through failsafe: pxlab.agent.jar is not set");
        if (!Files.isRegularFile(Path.of(agent))) throw new IllegalStateException("no agent jar at " + agent);
        runner = new WorkloadRunner(Path.of(agent), Path.of("target", "corpus-it"));
        jdk = Jdk.at(Path.of(System.getProperty("java.home")));
    }

    @Test
    void preemptedMutexOwnerIsNamedAndItsInversionFoundWithTheCulprit() {
        Score s = run("mutex-preempted");
        // 94-100% in docs/TRUTH.md; a 2 s run has 8-12 such waits, so one or two missed must not fail it.
        assertTrue(s.ownerRate() >= 0.7, "owner rate " + s.ownerRate());
        assertTrue(s.attributeRate() >= 0.7, "attributes " + s.attributeRate());
        PlantScore p = plant(s, "writers-behind-compactor");
        assertTrue(p.held(), "planted inversion not found with its culprit: " + p);
        // Not all yet: the first waits after the compactor's renice can be judged with its old nice value (8 of 16 in
        // one run of docs/TRUTH.md).
        assertTrue(p.right() * 4 >= p.recorded(), "a quarter of the planted waits found: " + p);
        assertTrue(s.classAgree() * 2 >= s.classDefined(), "most classified owner-preempted: " + s);
        assertNoFalseClaims(s);
    }

    @Test
    void chainOfThreeIsFoundWithTheCompactorAtItsEnd() {
        Score s = run("chain-of-three");
        assertTrue(plant(s, "api-blocked-in-chain").held(), "chain plant: " + plant(s, "api-blocked-in-chain"));
        assertTrue(plant(s, "settler-behind-compactor").held(), "direct plant: "
                + plant(s, "settler-behind-compactor"));
        assertTrue(s.ownerRate() >= 0.5, "owner rate " + s.ownerRate());   // 67-100% in docs/TRUTH.md
        // The goal is none. Today a monitor wait known only from jdk.JavaMonitorEnter names the previous owner, which
        // can be the nice-5 settler while an api thread held the monitor: a false inversion now and then.
        assertTrue(s.falseInversions() <= Math.max(2, s.truthWaits() / 10),
                "false inversions: " + s.falseInversions());
        assertEquals(0, s.deadlockClaims(), "deadlock claimed");
    }

    @Test
    void sleepingOwnerOfEqualPriorityIsNeverAnInversion() {
        Score s = run("sleeping-poller");
        assertControlHeld(s, "readers-behind-sleeping-poller");
        assertTrue(s.ownerRate() >= 0.8, "owner rate " + s.ownerRate());
        assertTrue(s.classAgree() * 10 >= s.classDefined() * 7, "mostly owner-sleeping: " + s);
        assertNoFalseClaims(s);
    }

    @Test
    void runningOwnerThatOutranksItsWaitersIsNoInversion() {
        Score s = run("pinned-running-owner");
        assertControlHeld(s, "uploaders-behind-running-encoder");
        assertTrue(s.classAgree() * 10 >= s.classDefined() * 8, "mostly owner-running: " + s);
        assertTrue(s.ownerRate() >= 0.9, "owner rate " + s.ownerRate());
        assertNoFalseClaims(s);
    }

    @Test
    void virtualWaitersInversionIsFoundOnJdk21AndLater() {
        assumeTrue(jdk.feature() >= 21, "virtual threads need JDK 21+");
        Score s = run("virtual-waiters");
        PlantScore p = plant(s, "virtual-sessions-behind-flusher");
        assertTrue(p.held(), "planted inversion not found with its culprit: " + p);
        assertNoFalseClaims(s);
    }

    /** Runs a workload, prints its row and returns its score; fails when it did not run. */
    private static Score run(String workload) {
        RunResult r = runner.run(jdk, workload, "ci", DURATION_NS);
        System.out.println("corpus " + String.join(" | ", ResultTable.cells(r)));
        assertEquals(RunResult.Status.SCORED, r.status(), workload + ": " + r.reason());
        return r.score();
    }

    /** A control: its waits occurred and none was reported as an inversion. */
    private static void assertControlHeld(Score s, String plant) {
        PlantScore p = plant(s, plant);
        assertTrue(p.planted() > 0 && p.held(), "control reported as an inversion: " + p);
    }

    /** Nothing claimed that the truth does not have: no false inversion, no deadlock. */
    private static void assertNoFalseClaims(Score s) {
        assertEquals(0, s.falseInversions(), "false inversions");
        assertEquals(0, s.deadlockClaims(), "deadlock claimed");
    }

    private static PlantScore plant(Score s, String name) {
        List<PlantScore> found = s.plants().stream().filter(p -> p.name().equals(name)).toList();
        assertEquals(1, found.size(), "plant " + name + " in " + s.plants());
        return found.get(0);
    }
}
