package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.sim.Scenarios.MS;
import static pxlab.sim.Scenarios.finished;

import org.junit.jupiter.api.Test;

/**
 * Minimal cases the property tests once found, kept so the bugs stay fixed. Each runs with the invariant checks on.
 */
class ModelRegressionTest {

    private static SimResult run(String yaml, Policy p) {
        SimResult r = Scenarios.run(yaml, p);
        assertNull(r.deadlock());
        assertTrue(r.tasks().stream().allMatch(SimResult.TaskResult::finished), r.toString());
        return r;
    }

    @Test
    void inheritBoostingARunningOwnerOnAnotherCpu() {
        // The boost took o's context off cpu0 and then charged time to the missing context.
        run("""
                cpus: 2
                config: {lock_mode: block}
                locks: [A]
                tasks:
                  - {name: o, program: [{lock: A}, {run: 2ms}, {unlock: A}]}
                  - {name: r, policy: fifo, rt_priority: 10, start: 1ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
                """, Policy.INHERIT);
    }

    @Test
    void ownerStopsUsingTheDonorsContextOnceTheDonorHasTheLock() {
        // o runs for r 1..2ms and hands A to r, which must run at once: 2..3ms, not after o's 5ms of its own work.
        SimResult r = run("""
                cpus: 1
                config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}, proxy: {preset: v6}}
                locks: [A]
                tasks:
                  - {name: o, program: [{lock: A}, {run: 2ms}, {unlock: A}, {run: 5ms}]}
                  - {name: r, policy: fifo, rt_priority: 20, start: 1ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
                """, Policy.PROXY);
        assertEquals(3 * MS, finished(r, "r"));
        assertEquals(8 * MS, finished(r, "o"));
    }

    @Test
    void spinnersBorrowingAContextDoNotLivelock() {
        run("""
                cpus: 2
                config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}}
                locks: [A, B]
                tasks:
                  - {name: a, program: [{lock: A}, {run: 2ms}, {unlock: A}, {lock: B}, {unlock: B}]}
                  - {name: b, program: [{lock: B}, {run: 100us}, {lock: A}, {unlock: A}, {unlock: B}]}
                  - {name: r, policy: fifo, rt_priority: 20, start: 50us, program: [{lock: A}, {unlock: A}]}
                """, Policy.PROXY);
    }

    @Test
    void donorFindingItsLockFreeOutsideItsAffinityGoesBackFirst() {
        run("""
                cpus: 2
                config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns},
                         proxy: {preset: mainline, blocked_donor_handoff: false, lock_mode: block}}
                locks: [A]
                tasks:
                  - {name: o, cpus: [1], program: [{lock: A}, {run: 2ms}, {unlock: A}]}
                  - {name: d1, policy: fifo, rt_priority: 10, cpus: [0], start: 1ms,
                     program: [{lock: A}, {run: 1ms}, {unlock: A}]}
                  - {name: d2, policy: fifo, rt_priority: 10, cpus: [0], start: 1ms,
                     program: [{lock: A}, {run: 1ms}, {unlock: A}]}
                """, Policy.PROXY);
    }

    @Test
    void chainOwnerInFlightIdlesTheCpuOnlyForAnInstant() {
        SimResult r = run("""
                cpus: 2
                config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}, proxy: {preset: mainline, lock_mode: handoff}}
                locks: [A, B]
                tasks:
                  - {name: t0, program: [{lock: A}, {run: 10us}, {lock: B}, {unlock: B}, {unlock: A}]}
                  - {name: t1, policy: fifo, rt_priority: 60, program: [{lock: A}, {unlock: A}]}
                  - {name: t3, policy: fifo, rt_priority: 50, start: 5ns, program: [{lock: B}, {run: 400us}, {unlock: B}]}
                """, Policy.PROXY);
        assertTrue(finished(r, "t1") <= 410_000 + 10_000, "t1 " + finished(r, "t1"));
    }

    @Test
    void handoffToASleepingWaiterStopsTheSpinners() {
        // w gets C at 2.1ms but is not running; r spinning on cpu0 (where w is pinned) must block so w can run.
        for (Policy p : Policy.values()) {
            run("""
                    cpus: 2
                    config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}, lock_mode: spin}
                    locks: [C]
                    tasks:
                      - {name: o1, cpus: [1], program: [{lock: C}, {run: 1ms}, {unlock: C}]}
                      - {name: o2, cpus: [1], start: 1050us, program: [{lock: C}, {run: 1ms}, {unlock: C}]}
                      - {name: w, cpus: [0], program: [{lock: C}, {unlock: C}]}
                      - {name: r, policy: fifo, rt_priority: 10, cpus: [0], start: 500us,
                         program: [{lock: C}, {run: 100us}, {unlock: C}, {sleep: 100us}, {lock: C}, {unlock: C}]}
                    """, p);
        }
    }
}
