package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.sim.Scenarios.MS;
import static pxlab.sim.Scenarios.finished;
import static pxlab.sim.Scenarios.run;
import static pxlab.sim.Scenarios.schedule;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each proxy-execution switch on a scenario where flipping it changes the outcome, derived by hand with zero costs.
 */
class ProxyConfigSwitchesTest {

    @Test
    void presetsDifferWhereTheSeriesDiffer() {
        assertNull(ProxyConfig.MAINLINE.lockMode(), "mainline leaves the lock mode alone");
        assertEquals(LockMode.HANDOFF, ProxyConfig.V6.lockMode());
        assertEquals(ProxyConfig.SleepingOwner.DEACTIVATE, ProxyConfig.MAINLINE.sleepingOwner());
        assertEquals(ProxyConfig.SleepingOwner.ENQUEUE, ProxyConfig.V6.sleepingOwner());
        assertFalse(ProxyConfig.V6.chainMigration());
        assertEquals("mainline", ProxyConfig.preset("mainline").presetName());
        assertEquals("v6", ProxyConfig.preset("v6").presetName());
        assertEquals("custom", ProxyConfig.MAINLINE.withChainMigration(true).presetName());
    }

    @Test
    void lockModeOverrideAppliesUnderProxyOnly() {
        // Policy.lockMode(): the baseline under every policy, unless the proxy settings override it under proxy.
        SimConfig block = SimConfig.DEFAULT.withLockMode(LockMode.BLOCK);
        for (Policy p : Policy.values()) assertEquals(LockMode.BLOCK, p.lockMode(block), p.key());
        SimConfig v6 = block.withProxy(ProxyConfig.V6);
        assertEquals(LockMode.BLOCK, Policy.NONE.lockMode(v6));
        assertEquals(LockMode.BLOCK, Policy.INHERIT.lockMode(v6));
        assertEquals(LockMode.HANDOFF, Policy.PROXY.lockMode(v6));
        assertEquals(LockMode.SPIN, Policy.PROXY.lockMode(v6.withProxy(ProxyConfig.V6.withLockMode(LockMode.SPIN))));
    }

    @Test
    void withoutDonorMigrationARemoteOwnerStaysPreempted() {
        // PolicyTest.REMOTE_OWNER: the donor cannot reach o's CPU, so it is deactivated and waits as under none:
        // o resumes at 101ms, unlocks at 102ms, d runs until 103ms.
        ProxyConfig off = ProxyConfig.MAINLINE.withDonorMigration(false);
        SimResult r = run(PolicyTest.REMOTE_OWNER, Policy.PROXY, off);
        assertEquals(103 * MS, finished(r, "d"));
        assertEquals(0, r.task("d").orElseThrow().migrations());
    }

    /* As REMOTE_OWNER, but d may run anywhere: where it runs after getting the lock depends on return migration. */
    static final String UNPINNED_DONOR = PolicyTest.REMOTE_OWNER.replace("{name: d, cpus: [0],", "{name: d,");

    @Test
    void returnMigrationSendsDonorBackToIdleCpu() {
        // d gets A at 3ms on cpu1 and is placed as a wakeup would be: cpu0 is idle, so it runs there 3..4ms and h,
        // preempted only while d's context ran o (2..3ms), ends at 102ms.
        SimResult r = run(UNPINNED_DONOR, Policy.PROXY, ProxyConfig.MAINLINE);
        assertEquals(4 * MS, finished(r, "d"));
        assertEquals(2, r.task("d").orElseThrow().migrations());
        assertEquals(102 * MS, finished(r, "h"));
    }

    @Test
    void withoutReturnMigrationDonorPilesOntoOwnersCpu() {
        // d stays on cpu1 and runs its 1ms there, preempting h again: h ends at 103ms while cpu0 idles.
        SimResult r = run(UNPINNED_DONOR, Policy.PROXY, ProxyConfig.MAINLINE.withReturnMigration(false));
        assertEquals(4 * MS, finished(r, "d"));
        assertEquals(1, r.task("d").orElseThrow().migrations());
        assertEquals(103 * MS, finished(r, "h"));
    }

    /* o holds A across a 10ms sleep on cpu1; d asks for A at 1ms from cpu0. */
    static final String SLEEPING_OWNER = """
            cpus: 2
            config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}}
            locks: [A]
            tasks:
              - {name: o, cpus: [1], program: [{lock: A}, {sleep: 10ms}, {run: 5ms}, {unlock: A}]}
              - {name: d, start: 1ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
            """;

    @Test
    void sleepingOwnerDeactivatesDonorInMainline() {
        // Nothing can run a sleeper: d leaves the queue, o wakes at 10ms, unlocks at 15ms; d runs 15..16ms on cpu0.
        List<Scenarios.Interval> s = schedule(SLEEPING_OWNER, Policy.PROXY, ProxyConfig.MAINLINE);
        assertTrue(s.stream().allMatch(i -> i.task().equals(i.donor())), "no interval runs o for d: " + s);
        SimResult r = run(SLEEPING_OWNER, Policy.PROXY, ProxyConfig.MAINLINE);
        assertEquals(16 * MS, finished(r, "d"));
        assertEquals(0, r.task("d").orElseThrow().migrations());
    }

    @Test
    void sleepingOwnerParksDonorInV6() {
        // d parks on o and is queued on cpu1 when o wakes at 10ms. o keeps its protected slice (1.5ms), then d's
        // context is picked in turn and runs o; o unlocks at 15ms either way, and d returns to idle cpu0.
        ProxyConfig v6 = ProxyConfig.MAINLINE.withSleepingOwner(ProxyConfig.SleepingOwner.ENQUEUE);
        List<Scenarios.Interval> s = schedule(SLEEPING_OWNER, Policy.PROXY, v6);
        assertTrue(s.stream().anyMatch(i -> i.cpu() == 1 && i.task().equals("o") && i.donor().equals("d")
                && i.startNs() >= 10 * MS), "o runs for d on cpu1 after waking: " + s);
        SimResult r = run(SLEEPING_OWNER, Policy.PROXY, v6);
        assertEquals(2, r.task("d").orElseThrow().migrations());
        assertEquals(16 * MS, finished(r, "d"));
    }

    /*
     * One CPU, v6-style handoff. o (fair) holds A for 3ms. w (FIFO 10) blocks at 1ms, first in line; d (FIFO 50)
     * blocks at 2ms and runs o with its context from then on; o unlocks at 3ms and exits.
     */
    static final String TWO_WAITERS = """
            cpus: 1
            config: {costs: {switch: 0ns, wakeup: 0ns, migrate: 0ns}}
            locks: [A]
            tasks:
              - {name: o, program: [{lock: A}, {run: 3ms}, {unlock: A}]}
              - {name: w, policy: fifo, rt_priority: 10, start: 1ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
              - {name: d, policy: fifo, rt_priority: 50, start: 2ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
            """;

    @Test
    void blockedDonorHandoffGivesLockToBoostingDonor() {
        // The unlock at 3ms hands A to d, the donor running o: d 3..4ms, then w (next in line) 4..5ms.
        SimResult r = run(TWO_WAITERS, Policy.PROXY, ProxyConfig.V6);
        assertEquals(3 * MS, finished(r, "o"));
        assertEquals(4 * MS, finished(r, "d"));
        assertEquals(5 * MS, finished(r, "w"));
    }

    @Test
    void withoutBlockedDonorHandoffFirstWaiterGetsLock() {
        // The unlock at 3ms hands A to w, first in line; d, still blocked, now runs w with its context 3..4ms,
        // then gets A and runs 4..5ms.
        SimResult r = run(TWO_WAITERS, Policy.PROXY, ProxyConfig.V6.withBlockedDonorHandoff(false));
        assertEquals(4 * MS, finished(r, "w"));
        assertEquals(5 * MS, finished(r, "d"));
    }

    /*
     * A chain split across CPUs: d -> A -> m -> B -> o. o takes B on cpu0; m (pinned to cpu0) takes A when o's slice
     * ends at 1.5ms and blocks on B. At 3ms g (FIFO 20, cpu0) starts a 50ms run, so fair m is never picked on cpu0
     * again; at the 4ms tick idle cpu1 is kicked and pulls o. d (FIFO 50) asks for A at 6ms.
     */
    static final String CHAIN = """
            cpus: 2
            config: {tick: 1ms, costs: {switch: 0ns, wakeup: 0ns, migrate: 10us}, proxy: {lock_mode: block}}
            locks: [A, B]
            tasks:
              - {name: o, program: [{lock: B}, {run: 10ms}, {unlock: B}]}
              - {name: m, cpus: [0], program: [{lock: A}, {lock: B}, {unlock: B}, {unlock: A}]}
              - {name: g, cpus: [0], policy: fifo, rt_priority: 20, start: 3ms, program: [{run: 50ms}]}
              - {name: d, policy: fifo, rt_priority: 50, start: 6ms, program: [{lock: A}, {run: 1ms}, {unlock: A}]}
            """;

    @Test
    void withoutChainMigrationDonorBouncesBetweenChainCpus() {
        // On cpu0 the walk reaches o on cpu1 and sends d there; on cpu1 it reaches m on cpu0 and sends d back. After
        // the bounce limit d is deactivated. When o releases B, m is runnable but stuck behind g on cpu0, and d, off
        // the queue, cannot lend it its context: d gets A only after g ends at 53ms.
        SimResult r = run(CHAIN, Policy.PROXY, ProxyConfig.MAINLINE.withLockMode(LockMode.BLOCK));
        assertTrue(r.task("d").orElseThrow().migrations() > ProxyExec.BOUNCE_LIMIT / 2,
                "d migrations " + r.task("d").orElseThrow().migrations());
        assertTrue(finished(r, "d") > 50 * MS, "d finished at " + finished(r, "d"));
    }

    @Test
    void chainMigrationMovesTheChainToTheOwner() {
        // d takes m along to cpu1, where the whole chain now sits: d's context runs o, then m (releasing A), so d gets
        // A as soon as o is done, long before g ends.
        SimResult r = run(CHAIN, Policy.PROXY, ProxyConfig.MAINLINE.withLockMode(LockMode.BLOCK).withChainMigration(true));
        assertTrue(finished(r, "d") < 20 * MS, "d finished at " + finished(r, "d"));
        assertTrue(r.task("d").orElseThrow().migrations() < 5, "d migrations " + r.task("d").orElseThrow().migrations());
    }
}
