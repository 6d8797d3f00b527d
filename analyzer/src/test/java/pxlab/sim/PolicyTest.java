package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.sim.Scenarios.MS;
import static pxlab.sim.Scenarios.finished;
import static pxlab.sim.Scenarios.run;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three policies on small scenarios whose outcome is derived by hand. Costs are zero so the arithmetic is exact.
 */
class PolicyTest {

    /*
     * Two CPUs. o (fair, pinned to cpu1) takes A at 0 and needs 2ms inside it. h (FIFO 10, pinned to cpu1) arrives
     * at 1ms and runs 100ms: o is preempted with 1ms left. d (FIFO 50, pinned to cpu0) asks for A at 2ms.
     */
    static final String REMOTE_OWNER = """
            cpus: 2
            config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}}
            locks: [A]
            tasks:
              - {name: o, cpus: [1], program: [{lock: A}, {run: 2ms}, {unlock: A}]}
              - {name: h, cpus: [1], policy: fifo, rt_priority: 10, start: 1ms, program: [{run: 100ms}]}
              - {name: d, cpus: [0], policy: fifo, rt_priority: 50, start: 2ms,
                 program: [{lock: A}, {run: 1ms}, {unlock: A}]}
            """;

    @Test
    void noneLeavesWaiterBehindPreemptedOwner() {
        // o resumes when h ends at 101ms, unlocks at 102ms; d then runs 1ms on cpu0: 103ms.
        SimResult r = run(REMOTE_OWNER, Policy.NONE);
        assertEquals(102 * MS, finished(r, "o"));
        assertEquals(103 * MS, finished(r, "d"));
        assertEquals(100 * MS, r.task("d").orElseThrow().lockWaitNs());
    }

    @Test
    void inheritBoostsRtWaitersOwner() {
        // At 2ms o inherits prio 50 > 10, preempts h, unlocks at 3ms; d runs 3..4ms. h loses 1ms: ends at 102ms.
        SimResult r = run(REMOTE_OWNER, Policy.INHERIT);
        assertEquals(3 * MS, finished(r, "o"));
        assertEquals(4 * MS, finished(r, "d"));
        assertEquals(102 * MS, finished(r, "h"));
    }

    @Test
    void proxyMigratesDonorToOwnersCpuAndBack() {
        // d stays queued as a donor, migrates to cpu1 (outside its affinity: allowed for a donor), outranks h and runs
        // o there with its context; o unlocks at 3ms handing A to d, which returns to cpu0 and runs 3..4ms.
        SimResult r = run(REMOTE_OWNER, Policy.PROXY);
        assertEquals(3 * MS, finished(r, "o"));
        assertEquals(4 * MS, finished(r, "d"));
        assertEquals(2, r.task("d").orElseThrow().migrations());
        assertEquals(1 * MS, r.task("d").orElseThrow().lockWaitNs());
    }

    /* Fair waiters: priority inheritance does not lend weight; proxy execution lends the whole context. */
    static final String FAIR_INVERSION = """
            cpus: 1
            config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}}
            locks: [A]
            tasks:
              - {name: bg, nice: 19, program: [{lock: A}, {run: 10ms}, {unlock: A}]}
              - {name: hog, start: 1ms, program: [{run: 200ms}]}
              - {name: fg, nice: -20, start: 2ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
            """;

    @Test
    void inheritDoesNotHelpFairWaiters() {
        SimResult none = run(FAIR_INVERSION, Policy.NONE);
        SimResult inherit = run(FAIR_INVERSION, Policy.INHERIT);
        // bg (weight 15) competes with hog (1024) for ~9ms of CPU: it gets ~1.4% until the hog exits at ~201ms.
        assertTrue(finished(none, "fg") > 200 * MS, "fg under none: " + finished(none, "fg"));
        assertEquals(finished(none, "fg"), finished(inherit, "fg"));
    }

    @Test
    void proxyLendsFairWaitersWeightToOwner() {
        // fg (88761) as donor beats hog (1024) almost always: bg's 9ms left finish by ~11ms, fg by ~13ms.
        SimResult r = run(FAIR_INVERSION, Policy.PROXY);
        assertTrue(finished(r, "fg") < 20 * MS, "fg under proxy: " + finished(r, "fg"));
        // Execution time goes to the owner: bg's cpu is its own demand though fg's context paid for most of it.
        assertEquals(10 * MS, r.task("bg").orElseThrow().cpuNs());
    }

    @Test
    void blockedHookKeepsTheWaiterQueuedOnlyUnderProxy() {
        // Policy.blocked(): under none and inherit fg leaves the queue when it blocks on A, so every interval runs a
        // task on its own context; under proxy fg stays queued, and picking it runs bg on fg's context.
        for (Policy p : List.of(Policy.NONE, Policy.INHERIT)) {
            List<Scenarios.Interval> s = Scenarios.schedule(FAIR_INVERSION, p, ProxyConfig.MAINLINE);
            assertTrue(s.stream().allMatch(i -> i.task().equals(i.donor())), p.key() + ": " + s);
        }
        List<Scenarios.Interval> s = Scenarios.schedule(FAIR_INVERSION, Policy.PROXY, ProxyConfig.MAINLINE);
        assertTrue(s.stream().anyMatch(i -> i.task().equals("bg") && i.donor().equals("fg")), s.toString());
    }

    /*
     * One CPU, handoff. o (fair) holds A for 2ms; f (fair) queues for A at 500us, then r (FIFO 50) at 1ms, so r's
     * boost keeps o ahead of h (FIFO 10, 100ms from 1ms). The release hands A to f, first in line, with r still
     * waiting behind it.
     */
    static final String NEW_OWNER_WITH_WAITERS = """
            cpus: 1
            config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}, lock_mode: handoff}
            locks: [A]
            tasks:
              - {name: o, program: [{lock: A}, {run: 2ms}, {unlock: A}]}
              - {name: f, start: 500us, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
              - {name: r, policy: fifo, rt_priority: 50, start: 1ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
              - {name: h, policy: fifo, rt_priority: 10, start: 1ms, program: [{run: 100ms}]}
            """;

    @Test
    void acquiredHookBoostsANewOwnerByTheWaitersLeftUnderInherit() {
        // Policy.acquired(): f takes A with r waiting, so it runs at r's priority ahead of h and r gets A soon after.
        // Under none h runs first, for 100ms.
        assertTrue(finished(run(NEW_OWNER_WITH_WAITERS, Policy.INHERIT), "r") < 10 * MS);
        assertTrue(finished(run(NEW_OWNER_WITH_WAITERS, Policy.NONE), "r") > 100 * MS);
    }

    /* One CPU. o holds A for 2ms, then runs 5ms more; r (FIFO 50) waits for A from 1ms; h (FIFO 10) runs 100ms. */
    static final String OWNER_WORKS_ON = """
            cpus: 1
            config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}}
            locks: [A]
            tasks:
              - {name: o, program: [{lock: A}, {run: 2ms}, {unlock: A}, {run: 5ms}]}
              - {name: r, policy: fifo, rt_priority: 50, start: 1ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
              - {name: h, policy: fifo, rt_priority: 10, start: 1ms, program: [{run: 100ms}]}
            """;

    @Test
    void releasedHookEndsTheBoostUnderInherit() {
        // Policy.released(): boosted from 1ms, o unlocks at 2ms and is fair again; r runs 2..3ms, h 3..103ms, and
        // o's last 5ms come after h: 108ms.
        SimResult r = run(OWNER_WORKS_ON, Policy.INHERIT);
        assertEquals(3 * MS, finished(r, "r"));
        assertEquals(108 * MS, finished(r, "o"));
    }

    /*
     * Lock modes with the default costs (switch 2us, wakeup 5us). o (cpu0) holds A from 2us (after its switch) and
     * unlocks at 1.002ms; w (cpu1) starts at 500us, runs from 502us and asks for A while o is running.
     */
    static final String LOCK_MODES = """
            cpus: 2
            config: {lock_mode: %s}
            locks: [A]
            tasks:
              - {name: o, cpus: [0], program: [{lock: A}, {run: 1ms}, {unlock: A}]}
              - {name: w, cpus: [1], start: 500us, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
            """;

    @Test
    void spinningWaiterTakesTheLockTheMomentItIsReleased() {
        // w spins 502us..1.002ms on cpu1 and takes A at the release: no wakeup, no switch. Done at 2.002ms.
        SimResult r = run(LOCK_MODES.formatted("spin"), Policy.NONE);
        SimResult.TaskResult w = r.task("w").orElseThrow();
        assertEquals(500_000, w.spinNs());
        assertEquals(500_000, w.lockWaitNs());
        assertEquals(2_002_000, w.finishedNs());
    }

    @Test
    void blockingWaiterPaysWakeupAndSwitchBeforeItCompetes() {
        // w sleeps at 502us; the release at 1.002ms wakes it (queued at 1.007ms), it is switched in (1.009ms) and
        // takes the free lock then: lock wait 507us, done at 2.009ms.
        SimResult.TaskResult w = run(LOCK_MODES.formatted("block"), Policy.NONE).task("w").orElseThrow();
        assertEquals(0, w.spinNs());
        assertEquals(507_000, w.lockWaitNs());
        assertEquals(2_009_000, w.finishedNs());
    }

    @Test
    void handoffGivesTheLockAtReleaseButTheWaiterStillWakesUp() {
        // The release hands A to w at 1.002ms (lock wait 500us), but w still runs only from 1.009ms: done at 2.009ms.
        SimResult.TaskResult w = run(LOCK_MODES.formatted("handoff"), Policy.NONE).task("w").orElseThrow();
        assertEquals(0, w.spinNs());
        assertEquals(500_000, w.lockWaitNs());
        assertEquals(2_009_000, w.finishedNs());
    }

    @Test
    void lockCycleIsADeadlockUnderEveryPolicy() {
        String yaml = """
                cpus: 2
                locks: [A, B]
                tasks:
                  - {name: a, program: [{lock: A}, {run: 1ms}, {lock: B}, {unlock: B}, {unlock: A}]}
                  - {name: b, program: [{lock: B}, {run: 1ms}, {lock: A}, {unlock: A}, {unlock: B}]}
                """;
        for (Policy p : Policy.values()) {
            SimResult r = run(yaml, p);
            Deadlock d = r.deadlock();
            assertNotNull(d, p.key());
            assertEquals(List.of("A", "B"), d.locks().stream().sorted().toList(), p.key());
            assertEquals(List.of("a", "b"), d.tasks().stream().sorted().toList(), p.key());
            assertEquals(d.atNs(), r.endNs());
            assertTrue(d.atNs() >= 1 * MS && d.atNs() < 2 * MS, p.key() + " at " + d.atNs());
        }
    }

    @Test
    void threeTaskCycleNamesEveryTaskAndLock() {
        String yaml = """
                cpus: 3
                config: {lock_mode: block}
                locks: [A, B, C]
                tasks:
                  - {name: a, program: [{lock: A}, {run: 1ms}, {lock: B}, {unlock: B}, {unlock: A}]}
                  - {name: b, program: [{lock: B}, {run: 2ms}, {lock: C}, {unlock: C}, {unlock: B}]}
                  - {name: c, program: [{lock: C}, {run: 3ms}, {lock: A}, {unlock: A}, {unlock: C}]}
                """;
        SimResult r = run(yaml, Policy.NONE);
        // c closes the cycle at 3ms (plus the 2us switch cost): c waits for A held by a, a for B held by b, b for C.
        Deadlock d = r.deadlock();
        assertEquals(List.of("c", "a", "b"), d.tasks());
        assertEquals(List.of("A", "B", "C"), d.locks());
        assertEquals("c waits for A held by a, a waits for B held by b, b waits for C held by c", d.describe());
    }

    @Test
    void noContentionNoDeadlockAndEveryoneFinishes() {
        String yaml = """
                cpus: 2
                locks: [A]
                tasks:
                  - {name: a, program: [{lock: A}, {run: 1ms}, {unlock: A}, {sleep: 5ms}]}
                  - {name: b, start: 3ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
                """;
        for (Policy p : Policy.values()) {
            SimResult r = run(yaml, p);
            assertNull(r.deadlock());
            assertEquals(0, r.lock("A").orElseThrow().contended(), p.key());
            assertTrue(r.tasks().stream().allMatch(SimResult.TaskResult::finished));
        }
    }
}
