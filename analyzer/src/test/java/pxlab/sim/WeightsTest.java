package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Load weights and the fair clock against values computed by hand from kernel/sched/core.c
 * ({@code sched_prio_to_weight}), kernel/sched/sched.h ({@code sched_weight_from_cgroup}) and kernel/sched/fair.c
 * ({@code calc_delta_fair}).
 *
 * <p>The model divides exactly ({@code delta · 1024 / w}, truncated); the kernel multiplies by a 32-bit reciprocal
 * ({@code sched_prio_to_wmult[]}, or {@code 0xffffffff / w} for group entities) and is off by one (nearly always
 * lower) for about 2% of deltas, typically where the exact quotient is an integer. The values below are ones where both
 * agree, unless a comment says otherwise.
 */
class WeightsTest {

    @Test
    void niceTableMatchesKernelAtSpotChecks() {
        // sched_prio_to_weight[nice + 20]
        assertEquals(88761, Weights.ofTask(SchedPolicy.FAIR, -20));
        assertEquals(1277, Weights.ofTask(SchedPolicy.FAIR, -1));
        assertEquals(1024, Weights.ofTask(SchedPolicy.FAIR, 0));
        assertEquals(820, Weights.ofTask(SchedPolicy.FAIR, 1));
        assertEquals(15, Weights.ofTask(SchedPolicy.FAIR, 19));
        // SCHED_BATCH uses the same table.
        assertEquals(820, Weights.ofTask(SchedPolicy.BATCH, 1));
    }

    @Test
    void idlePolicyWeighsThreeWhateverTheNice() {
        // WEIGHT_IDLEPRIO = 3, set by set_load_weight() for SCHED_IDLE regardless of static_prio.
        assertEquals(3, Weights.ofTask(SchedPolicy.IDLE, -20));
        assertEquals(3, Weights.ofTask(SchedPolicy.IDLE, 0));
        assertEquals(3, Weights.ofTask(SchedPolicy.IDLE, 19));
    }

    @Test
    void groupWeightIsCpuWeightScaledToNiceZeroRoundedToClosest() {
        // DIV_ROUND_CLOSEST(cpu.weight · 1024, 100) = (cpu.weight · 1024 + 50) / 100
        // 100 · 1024 / 100 = 1024 exactly: the default cpu.weight is one nice-0 task.
        assertEquals(1024, Weights.ofGroup(100));
        // 4 · 1024 / 100 = 40.96 → 41 (truncation would give 40)
        assertEquals(41, Weights.ofGroup(4));
        // 512 · 1024 / 100 = 5242.88 → 5243
        assertEquals(5243, Weights.ofGroup(512));
        // 1 · 1024 / 100 = 10.24 → 10 (rounds down below .5)
        assertEquals(10, Weights.ofGroup(1));
        // 3 · 1024 / 100 = 30.72 → 31; 2 · 1024 / 100 = 20.48 → 20
        assertEquals(31, Weights.ofGroup(3));
        assertEquals(20, Weights.ofGroup(2));
        // 10000 · 1024 / 100 = 102400 exactly
        assertEquals(102400, Weights.ofGroup(10000));
    }

    @Test
    void calcDeltaFairIsIdentityForNiceZero() {
        // weight == NICE_0_LOAD: calc_delta_fair() returns delta untouched (no multiplication, so no overflow).
        assertEquals(1_234_567, Weights.calcDeltaFair(1_234_567, 1024));
        assertEquals(Long.MAX_VALUE, Weights.calcDeltaFair(Long.MAX_VALUE, 1024));
    }

    @Test
    void calcDeltaFairSlowsHeaviestNiceAndTruncates() {
        // nice -20: 1_000_000 · 1024 / 88761 = 1_024_000_000 / 88761 = 11536.598… → 11536 (not rounded to 11537)
        assertEquals(11_536, Weights.calcDeltaFair(1_000_000, 88761));
        // 86 · 1024 / 88761 = 88064 / 88761 = 0.992… → 0: a heavy entity's clock can stand still for tiny deltas
        assertEquals(0, Weights.calcDeltaFair(86, 88761));
    }

    @Test
    void calcDeltaFairSpeedsLightestNiceAndTruncates() {
        // nice 19: 1000 · 1024 / 15 = 1_024_000 / 15 = 68266.67 → 68266 (not 68267)
        assertEquals(68_266, Weights.calcDeltaFair(1000, 15));
        // 1 · 1024 / 15 = 68.27 → 68
        assertEquals(68, Weights.calcDeltaFair(1, 15));
    }

    @Test
    void calcDeltaFairForIdleWeightTruncates() {
        // SCHED_IDLE: 1000 · 1024 / 3 = 1_024_000 / 3 = 341333.33 → 341333
        assertEquals(341_333, Weights.calcDeltaFair(1000, Weights.WEIGHT_IDLEPRIO));
        // 1 · 1024 / 3 = 341.33 → 341
        assertEquals(341, Weights.calcDeltaFair(1, Weights.WEIGHT_IDLEPRIO));
    }

    @Test
    void calcDeltaFairForHeavierThanNiceZeroGroupWeightTruncates() {
        // A group entity of weight 2048: 1001 · 1024 / 2048 = 500.5 → 500
        assertEquals(500, Weights.calcDeltaFair(1001, 2048));
        // 3_000_000 · 1024 / 2048 = 1_500_000 exactly. (The kernel's __calc_delta() multiplies by the reciprocal
        // inv_weight = 0xffffffff / 2048 = 2097151 instead of dividing, and gets 1_499_999 here; the model divides.)
        assertEquals(1_500_000, Weights.calcDeltaFair(3_000_000, 2048));
    }
}
