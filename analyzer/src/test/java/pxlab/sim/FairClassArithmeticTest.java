package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The EEVDF arithmetic of {@link CfsRq}, {@link TaskGroup} and {@link SimConfig} against values computed by hand from
 * the formulas of kernel/sched/fair.c (Linux 6.18). Each assertion has its computation in the comment above it.
 *
 * <p>Notation: v = vruntime, d = deadline, w = weight, V = weighted average vruntime, W = Σ w of the others. All times
 * are nanoseconds; the zero point {@code zeroVruntime} stays 0 unless a test moves it, so keys equal vruntimes.
 */
class FairClassArithmeticTest {

    /** The base slice with 8 or more CPUs: 0.75ms · (1 + ilog2(8)). */
    private static final long SLICE = 3_000_000;
    /** CONFIG_HZ=250. */
    private static final long TICK = 4_000_000;

    // ---- Helpers ----------------------------------------------------------------------------------------------

    private static CfsRq rootQueue() {
        return new Runqueue(0).cfs;
    }

    private static SchedEntity entity(int seq, long weight) {
        SchedEntity se = new SchedEntity(null, null, seq);
        se.weight = weight;
        se.sliceNs = SLICE;
        return se;
    }

    /** Accounts an entity on a queue, as the tail of FairClass.enqueueEntity() does, in the tree or as curr. */
    private static void account(CfsRq q, SchedEntity se, boolean asCurr) {
        se.cfsRq = q;
        q.loadWeight += se.weight;
        q.nrQueued++;
        se.onRq = true;
        if (asCurr) q.curr = se;
        else q.enqueueTree(se);
    }

    /** Queues a new entity in the tree at a chosen vruntime and deadline (no placement). */
    private static SchedEntity queued(CfsRq q, int seq, long weight, long vruntime, long deadline) {
        SchedEntity se = entity(seq, weight);
        se.vruntime = vruntime;
        se.deadline = deadline;
        account(q, se, false);
        return se;
    }

    /** Makes a new entity the queue's running entity at a chosen vruntime and deadline (no placement). */
    private static SchedEntity running(CfsRq q, int seq, long weight, long vruntime, long deadline) {
        SchedEntity se = entity(seq, weight);
        se.vruntime = vruntime;
        se.deadline = deadline;
        se.vprot = deadline;    // set_protect_slice() as FairClass.setNextEntity() does it
        account(q, se, true);
        return se;
    }

    /** Queues an entity the way FairClass does: place it, then account it in the tree. */
    private static void enqueue(CfsRq q, SchedEntity se, boolean initial) {
        q.placeEntity(se, initial);
        account(q, se, false);
    }

    // ---- Base slice (update_sysctl, SCHED_TUNABLESCALING_LOG) --------------------------------------------------

    @Test
    void baseSliceScalesWithLogOfCpusCappedAtEight() {
        SimConfig c = SimConfig.DEFAULT;
        // 0.75ms · (1 + ilog2(min(cpus, 8)))
        // 1 CPU: 750_000 · (1 + 0) = 750_000
        assertEquals(750_000, c.effectiveBaseSliceNs(1));
        // 2 CPUs: 750_000 · (1 + 1) = 1_500_000
        assertEquals(1_500_000, c.effectiveBaseSliceNs(2));
        // 3 CPUs: ilog2(3) = 1, so still 1_500_000
        assertEquals(1_500_000, c.effectiveBaseSliceNs(3));
        // 4 CPUs: 750_000 · (1 + 2) = 2_250_000
        assertEquals(2_250_000, c.effectiveBaseSliceNs(4));
        // 8 CPUs: 750_000 · (1 + 3) = 3_000_000
        assertEquals(3_000_000, c.effectiveBaseSliceNs(8));
        // 64 CPUs: min(64, 8) = 8, so 3_000_000
        assertEquals(3_000_000, c.effectiveBaseSliceNs(64));
    }

    @Test
    void explicitBaseSliceWinsOverCpuScaling() {
        SimConfig c = SimConfig.DEFAULT.withBaseSliceNs(5_000_000);
        // A written sysctl_sched_base_slice is used as is.
        assertEquals(5_000_000, c.effectiveBaseSliceNs(1));
        assertEquals(5_000_000, c.effectiveBaseSliceNs(64));
    }

    // ---- avg_vruntime ------------------------------------------------------------------------------------------

    @Test
    void avgVruntimeWeighsTwoQueuedEntities() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 2048, 3000, 10_000);
        // V = (0·1024 + 3000·2048) / (1024 + 2048) = 6_144_000 / 3072 = 2000
        assertEquals(2000, q.avgVruntime());
    }

    @Test
    void avgVruntimeOfThreeUnequalWeightsRoundsDown() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 100, 10_000);
        queued(q, 2, 2048, 400, 10_000);
        queued(q, 3, 335, 1000, 10_000);
        // V = (100·1024 + 400·2048 + 1000·335) / (1024 + 2048 + 335)
        //   = (102_400 + 819_200 + 335_000) / 3407 = 1_256_600 / 3407 = 368.83 → 368
        assertEquals(368, q.avgVruntime());
    }

    @Test
    void avgVruntimeCountsRunningEntityOnTheFly() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 2048, 3000, 10_000);
        SchedEntity c = running(q, 3, 1024, 6000, 10_000);
        // curr is not in the tree (avgLoad = 3072) but is added on the fly:
        // V = (0·1024 + 3000·2048 + 6000·1024) / (1024 + 2048 + 1024) = 12_288_000 / 4096 = 3000
        assertEquals(3000, q.avgVruntime());

        // A curr that is not on the queue (it is going to sleep) does not count:
        // V = 6_144_000 / 3072 = 2000
        c.onRq = false;
        assertEquals(2000, q.avgVruntime());
    }

    @Test
    void avgVruntimeRoundsNegativeAverageTowardMinusInfinity() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, -1, 10_000);
        queued(q, 2, 1024, 0, 10_000);
        // V = (-1·1024 + 0·1024) / 2048 = -0.5 → floor -1 (a plain division would truncate to 0)
        assertEquals(-1, q.avgVruntime());

        CfsRq r = rootQueue();
        queued(r, 1, 1024, -5, 10_000);
        queued(r, 2, 1024, 0, 10_000);
        // V = -5·1024 / 2048 = -2.5 → floor -3 (truncation would give -2)
        assertEquals(-3, r.avgVruntime());
    }

    @Test
    void avgVruntimeOfEmptyQueueIsZeroPoint() {
        CfsRq q = rootQueue();
        q.zeroVruntime = 777;
        // load = 0: no division, V = zero_vruntime + 0 = 777
        assertEquals(777, q.avgVruntime());
    }

    @Test
    void updateZeroVruntimeRebasesKeysWithoutMovingV() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 2048, 3000, 10_000);
        running(q, 3, 1024, 6000, 10_000);
        // V = 3000 (as in avgVruntimeCountsRunningEntityOnTheFly); tree sum = 3000·2048 = 6_144_000, avgLoad = 3072
        q.updateZeroVruntime();
        // zero_vruntime := V = 3000
        assertEquals(3000, q.zeroVruntime);
        // tree sum -= (3000 - 0) · avgLoad = 6_144_000 - 3000·3072 = -3_072_000 (curr is not in the sum)
        assertEquals(-3_072_000, q.avgVruntime);
        // V = 3000 + (-3_072_000 + (6000 - 3000)·1024) / 4096 = 3000 + 0 = 3000
        assertEquals(3000, q.avgVruntime());
        // Eligibility is unchanged by the rebase: 3000 ≤ V, 3001 > V.
        assertTrue(q.vruntimeEligible(3000));
        assertFalse(q.vruntimeEligible(3001));
    }

    // ---- vruntime_eligible -------------------------------------------------------------------------------------

    @Test
    void vruntimeEligibleAtAndBelowVButNotAbove() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 2048, 3000, 10_000);
        // Σ key·w = 6_144_000, load = 3072, V = 2000. Eligible iff Σ key·w ≥ (v - v0)·load:
        // v = 2000: 6_144_000 ≥ 2000·3072 = 6_144_000 → eligible (zero lag)
        assertTrue(q.vruntimeEligible(2000));
        // v = 1999: 6_144_000 ≥ 6_140_928 → eligible
        assertTrue(q.vruntimeEligible(1999));
        // v = 2001: 6_144_000 ≥ 6_147_072 is false → not eligible
        assertFalse(q.vruntimeEligible(2001));
    }

    @Test
    void vruntimeEligibleComparesExactlyWhenVIsFractional() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, -1, 10_000);
        queued(q, 2, 1024, 0, 10_000);
        // V = -0.5. Σ key·w = -1024, load = 2048:
        // v = -1: -1024 ≥ -1·2048 = -2048 → eligible
        assertTrue(q.vruntimeEligible(-1));
        // v = 0: -1024 ≥ 0 is false → not eligible (a V truncated toward zero, 0, would have said eligible)
        assertFalse(q.vruntimeEligible(0));

        CfsRq r = rootQueue();
        queued(r, 1, 1024, 0, 10_000);
        queued(r, 2, 2048, 1, 10_000);
        // V = 2048 / 3072 = 0.67: v = 0 → 2048 ≥ 0 eligible; v = 1 → 2048 ≥ 3072 false
        assertTrue(r.vruntimeEligible(0));
        assertFalse(r.vruntimeEligible(1));
    }

    @Test
    void vruntimeEligibleCountsRunningEntity() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        SchedEntity c = running(q, 2, 1024, 4000, 10_000);
        // Σ = 0·1024 + 4000·1024 = 4_096_000, load = 2048, V = 2000
        // v = 2000: 4_096_000 ≥ 2000·2048 = 4_096_000 → eligible
        assertTrue(q.vruntimeEligible(2000));
        // v = 2001: 4_096_000 ≥ 4_098_048 false
        assertFalse(q.vruntimeEligible(2001));
        // curr itself, v = 4000: 4_096_000 ≥ 8_192_000 false
        assertFalse(q.vruntimeEligible(c.vruntime));

        // Without curr on the queue: Σ = 0, load = 1024, V = 0 → v = 1: 0 ≥ 1024 false
        c.onRq = false;
        assertFalse(q.vruntimeEligible(1));
        assertTrue(q.vruntimeEligible(0));
    }

    // ---- place_entity ------------------------------------------------------------------------------------------

    @Test
    void placeEntityOnEmptyQueueStartsAtZeroPointIgnoringLag() {
        CfsRq q = rootQueue();
        q.zeroVruntime = 5000;
        SchedEntity se = entity(1, 1024);
        se.vlag = 700_000;
        q.placeEntity(se, false);
        // nr_queued = 0: lag is not applied. v = V = 5000
        assertEquals(5000, se.vruntime);
        // vd = v + calc_delta_fair(slice) = 5000 + 3_000_000 = 3_005_000
        assertEquals(3_005_000, se.deadline);
    }

    @Test
    void placeEntityInflatesLagByJoiningWeight() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 1024, 2000, 10_000);
        // V = (0 + 2000·1024) / 2048 = 1000, W = 2048
        SchedEntity se = entity(3, 2048);
        se.vlag = 300;
        q.placeEntity(se, false);
        // vl_i = (W + w_i)·vl'_i / W = (2048 + 2048)·300 / 2048 = 600; v = V - vl_i = 1000 - 600 = 400
        assertEquals(400, se.vruntime);
        // vd_i = ve_i + r_i / w_i = 400 + 3_000_000·1024/2048 = 400 + 1_500_000 = 1_500_400
        assertEquals(1_500_400, se.deadline);

        account(q, se, false);
        // Once it is counted, its lag is the one it left with:
        // V' = (0·1024 + 2000·1024 + 400·2048) / 4096 = 2_867_200 / 4096 = 700; V' - v = 700 - 400 = 300 = vlag
        assertEquals(700, q.avgVruntime());
        assertEquals(se.vlag, q.avgVruntime() - se.vruntime);
    }

    @Test
    void placeEntityTruncatesInflatedNegativeLagTowardZero() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 2048, 3000, 10_000);
        // V = 2000, W = 3072
        SchedEntity se = entity(3, 1024);
        se.vlag = -1000;
        q.placeEntity(se, false);
        // vl_i = (3072 + 1024)·(-1000) / 3072 = -4_096_000 / 3072 = -1333.33 → div_s64 truncates to -1333
        // (floor would be -1334). v = 2000 - (-1333) = 3333
        assertEquals(3333, se.vruntime);
        // vd = 3333 + 3_000_000 = 3_003_333
        assertEquals(3_003_333, se.deadline);
    }

    @Test
    void placeEntityCountsRunningEntityInW() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        running(q, 2, 1024, 2000, 10_000);
        // V = (0 + 2000·1024) / 2048 = 1000; W = avgLoad + w_curr = 1024 + 1024 = 2048
        SchedEntity se = entity(3, 1024);
        se.vlag = 500;
        q.placeEntity(se, false);
        // vl_i = (2048 + 1024)·500 / 2048 = 750; v = 1000 - 750 = 250
        assertEquals(250, se.vruntime);

        account(q, se, false);
        // V' = (0 + 2000 + 250)·1024 / 3072 = 750; V' - v = 500 = vlag
        assertEquals(750, q.avgVruntime());
    }

    @Test
    void placeEntityGivesNewTaskHalfASliceDeadline() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 1024, 2000, 10_000);
        // V = 1000
        SchedEntity se = entity(3, 820);   // nice 1
        q.placeEntity(se, true);
        // vlag = 0: v = V = 1000
        assertEquals(1000, se.vruntime);
        // vslice = 3_000_000·1024/820 = 3_746_341.46 → 3_746_341; PLACE_DEADLINE_INITIAL: /2 → 1_873_170
        // vd = 1000 + 1_873_170 = 1_874_170
        assertEquals(1_874_170, se.deadline);
    }

    @Test
    void placeEntitySetsDeadlineOneVirtualSliceAhead() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000);
        queued(q, 2, 1024, 2000, 10_000);
        // V = 1000
        SchedEntity light = entity(3, 820);
        q.placeEntity(light, false);
        // vd_i = ve_i + r_i / w_i = 1000 + 3_000_000·1024/820 = 1000 + 3_746_341 = 3_747_341
        assertEquals(3_747_341, light.deadline);

        SchedEntity heavy = entity(4, 88761);   // nice -20
        q.placeEntity(heavy, false);
        // vd = 1000 + 3_000_000·1024/88761 = 1000 + 34_609.79 → 1000 + 34_609 = 35_609
        assertEquals(35_609, heavy.deadline);
    }

    // ---- update_entity_lag -------------------------------------------------------------------------------------

    @Test
    void updateEntityLagSavesDistanceToV() {
        CfsRq q = rootQueue();
        SchedEntity a = queued(q, 1, 1024, 0, 10_000);
        SchedEntity b = queued(q, 2, 1024, 2000, 10_000);
        // V = 1000
        q.updateEntityLag(a, TICK);
        // vlag = V - v = 1000 - 0 = 1000 (limit 6_000_000: not reached)
        assertEquals(1000, a.vlag);
        q.updateEntityLag(b, TICK);
        // vlag = 1000 - 2000 = -1000
        assertEquals(-1000, b.vlag);
    }

    @Test
    void updateEntityLagClampsToTwoSlicesOnBothSides() {
        CfsRq q = rootQueue();
        SchedEntity a = queued(q, 1, 1024, 0, 10_000);
        SchedEntity b = queued(q, 2, 2048, 12_000_000, 20_000_000);
        // V = (0 + 12_000_000·2048) / 3072 = 8_000_000
        q.updateEntityLag(a, TICK);
        // lag = 8_000_000; limit = calc_delta_fair(max(2·3_000_000, 4_000_000), 1024) = 6_000_000 → clamped
        assertEquals(6_000_000, a.vlag);
        q.updateEntityLag(b, TICK);
        // lag = 8_000_000 - 12_000_000 = -4_000_000; limit = 6_000_000·1024/2048 = 3_000_000 → clamped to -3_000_000
        assertEquals(-3_000_000, b.vlag);
    }

    @Test
    void updateEntityLagClampsToTickWhenSliceIsShort() {
        CfsRq q = rootQueue();
        SchedEntity a = queued(q, 1, 1024, 0, 10_000);
        SchedEntity b = queued(q, 2, 1024, 10_000_000, 20_000_000);
        a.sliceNs = 1_000_000;
        b.sliceNs = 1_000_000;
        // V = 5_000_000; limit = calc_delta_fair(max(2·1_000_000, 4_000_000), 1024) = 4_000_000
        q.updateEntityLag(a, TICK);
        // lag = 5_000_000 → 4_000_000
        assertEquals(4_000_000, a.vlag);
        q.updateEntityLag(b, TICK);
        // lag = -5_000_000 → -4_000_000
        assertEquals(-4_000_000, b.vlag);
    }

    // ---- update_curr / update_deadline -------------------------------------------------------------------------

    @Test
    void chargeCurrAdvancesVruntimeByWeightedDelta() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000_000);
        SchedEntity c = running(q, 2, 2048, 0, 1_500_000);
        // v += 1_000_000·1024/2048 = 500_000; 500_000 < d = 1_500_000: no renewal, no resched
        assertFalse(q.chargeCurr(1_000_000, true));
        assertEquals(500_000, c.vruntime);
        assertEquals(1_500_000, c.deadline);

        CfsRq r = rootQueue();
        queued(r, 1, 1024, 0, Long.MAX_VALUE / 2);
        SchedEntity idle = running(r, 2, Weights.WEIGHT_IDLEPRIO, 0, Long.MAX_VALUE / 2);
        r.chargeCurr(1000, true);
        // SCHED_IDLE: v += 1000·1024/3 = 341_333.33 → 341_333
        assertEquals(341_333, idle.vruntime);
    }

    @Test
    void chargeCurrRenewsDeadlineFromVruntimeOnceReached() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000_000);
        SchedEntity c = running(q, 2, 2048, 0, 1_500_000);
        // v = 0 + 3_000_000·1024/2048 = 1_500_000 ≥ d = 1_500_000 → renew: d = v + vslice = 1_500_000 + 1_500_000;
        // nr_queued = 2 > 1 → resched
        assertTrue(q.chargeCurr(3_000_000, true));
        assertEquals(1_500_000, c.vruntime);
        assertEquals(3_000_000, c.deadline);

        // Overshoot: the new deadline is counted from vruntime, not from the old deadline.
        // v = 1_500_000 + 4_000_000·1024/2048 = 3_500_000 ≥ 3_000_000 → d = 3_500_000 + 1_500_000 = 5_000_000
        assertTrue(q.chargeCurr(4_000_000, true));
        assertEquals(3_500_000, c.vruntime);
        assertEquals(5_000_000, c.deadline);
    }

    @Test
    void chargeCurrAloneRenewsDeadlineWithoutAskingForResched() {
        CfsRq q = rootQueue();
        SchedEntity c = running(q, 1, 1024, 0, 3_000_000);
        // v = 3_000_000 ≥ d → d = 3_000_000 + 3_000_000 = 6_000_000; nr_queued = 1 → no resched
        assertFalse(q.chargeCurr(3_000_000, true));
        assertEquals(6_000_000, c.deadline);
    }

    @Test
    void chargeCurrWithoutDeadlineCheckLeavesDeadlineForNextCheck() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 10_000_000);
        SchedEntity c = running(q, 2, 1024, 0, 3_000_000);
        // v = 4_000_000 ≥ d = 3_000_000, but the slice is not checked: d stays, no resched
        assertFalse(q.chargeCurr(4_000_000, false));
        assertEquals(4_000_000, c.vruntime);
        assertEquals(3_000_000, c.deadline);
        // The next checked charge, even of 0ns, sees the used-up slice: d = 4_000_000 + 3_000_000 = 7_000_000
        assertTrue(q.chargeCurr(0, true));
        assertEquals(7_000_000, c.deadline);
    }

    // ---- reweight ----------------------------------------------------------------------------------------------

    @Test
    void reweightEntityKeepsVAndLagOfQueuedEntity() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 3_000_000);
        SchedEntity b = queued(q, 2, 1024, 2000, 1_002_000);
        // V = (0 + 2000·1024) / 2048 = 1000; lag_b = w·(V - v) = 1024·(1000 - 2000) = -1_024_000
        long before = q.avgVruntime();
        assertEquals(1000, before);

        q.reweightEntity(b, 2048, TICK);
        // vl' = (V - v)·w/w' = -1000·1024/2048 = -500; v' = V - vl' = 1000 + 500 = 1500
        assertEquals(1500, b.vruntime);
        // relative deadline: (d - v)·w/w' = 1_000_000·1024/2048 = 500_000; d' = 1500 + 500_000 = 501_500
        assertEquals(501_500, b.deadline);
        // V' = (0·1024 + 1500·2048) / 3072 = 3_072_000 / 3072 = 1000 = V (exact here, no rounding)
        assertEquals(before, q.avgVruntime());
        // lag' = w'·(V' - v') = 2048·(1000 - 1500) = -1_024_000 = lag
        assertEquals(-1_024_000, b.weight * (q.avgVruntime() - b.vruntime));
        // load.weight: 2048 → 2048 - 1024 + 2048 = 3072; the tree's sums follow
        assertEquals(3072, q.loadWeight);
        assertEquals(3072, q.avgLoad);
        q.tree.checkInvariants();
    }

    @Test
    void reweightEntityClampsLagBeforeScaling() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 3_000_000);
        SchedEntity b = queued(q, 2, 1024, 20_000_000, 23_000_000);
        // V = (0 + 20_000_000·1024) / 2048 = 10_000_000; V - v_b = -10_000_000
        assertEquals(10_000_000, q.avgVruntime());
        q.reweightEntity(b, 2048, TICK);
        // limit = calc_delta_fair(max(2·3ms, 4ms), 1024) = 6_000_000, so the lag is clamped to -6_000_000;
        // vl' = -6_000_000·1024/2048 = -3_000_000; v' = V - vl' = 13_000_000 (unclamped it would be 15_000_000)
        assertEquals(13_000_000, b.vruntime);
    }

    @Test
    void reweightEntityMovesVByAtMostOneThroughTruncation() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 3_000_000);
        SchedEntity b = queued(q, 2, 1024, 6, 3_000_006);
        // V = 6·1024 / 2048 = 3 (exact)
        long before = q.avgVruntime();
        assertEquals(3, before);

        q.reweightEntity(b, 2048, TICK);
        // vl' = (3 - 6)·1024/2048 = -1.5 → truncated to -1; v' = 3 + 1 = 4 (exact v' would be 4.5)
        assertEquals(4, b.vruntime);
        // V' = 4·2048 / 3072 = 2.67 → floor 2. The truncation of vl' (< 1ns) moves b by 0.5ns, which moves the true
        // average by 0.5·w'/(W + w') = 0.33ns; the floor of V then drops by one. With V exact and |vl' error| < 1,
        // |V' - V| ≤ 1. (When V itself was floored, the error V - V_true is scaled by (w' - w)/(W + w'), which stays
        // below 1 only for moderate weight ratios.)
        assertEquals(2, q.avgVruntime());
        assertTrue(Math.abs(q.avgVruntime() - before) <= 1);
    }

    @Test
    void reweightEntityScalesRunningEntitysDeadlineAndProtection() {
        CfsRq q = rootQueue();
        queued(q, 1, 1024, 0, 3_000_000);
        SchedEntity c = running(q, 2, 1024, 2000, 1_002_000);
        // vprot = d = 1_002_000; V = (0 + 2000·1024) / 2048 = 1000
        q.reweightEntity(c, 2048, TICK);
        // v' = 1000 - (1000 - 2000)·1024/2048 = 1500
        assertEquals(1500, c.vruntime);
        // d' = 1500 + (1_002_000 - 2000)·1024/2048 = 1500 + 500_000 = 501_500
        assertEquals(501_500, c.deadline);
        // vprot' = 1500 + (1_002_000 - 2000)·1024/2048 = 501_500
        assertEquals(501_500, c.vprot);
        // V' = (0·1024 + 1500·2048) / 3072 = 1000; curr stays out of the tree sums
        assertEquals(1000, q.avgVruntime());
        assertEquals(1024, q.avgLoad);
        assertEquals(3072, q.loadWeight);
        assertSame(c, q.curr);
    }

    @Test
    void reweightEntityScalesSavedLagOfSleepingEntity() {
        CfsRq q = rootQueue();
        SchedEntity se = entity(1, 1024);
        se.vruntime = 123;
        se.deadline = 456;
        se.vlag = -3001;
        q.reweightEntity(se, 2048, TICK);
        // vlag' = vlag·w/w' = -3001·1024/2048 = -1500.5 → div_s64 truncates toward zero: -1500
        assertEquals(-1500, se.vlag);
        assertEquals(2048, se.weight);
        // vruntime and deadline are left for place_entity()
        assertEquals(123, se.vruntime);
        assertEquals(456, se.deadline);

        q.reweightEntity(se, 512, TICK);
        // -1500·2048/512 = -6000
        assertEquals(-6000, se.vlag);
    }

    // ---- pick_eevdf --------------------------------------------------------------------------------------------

    @Test
    void pickEevdfPrefersEligibleOverEarlierIneligibleDeadline() {
        CfsRq q = rootQueue();
        SchedEntity a = queued(q, 1, 1024, 0, 5000);
        SchedEntity b = queued(q, 2, 1024, 2000, 3000);
        // V = 1000. b has the earlier deadline (3000 < 5000) but v_b = 2000 > V: not eligible. a is (0 ≤ 1000).
        assertSame(b, q.tree.first());
        assertSame(a, q.pickEevdf(true));
    }

    @Test
    void pickEevdfKeepsProtectedCurrUntilVruntimeReachesVprot() {
        CfsRq q = rootQueue();
        SchedEntity a = queued(q, 1, 1024, 2000, 3000);
        queued(q, 2, 1024, 5000, 20_000);
        SchedEntity c = running(q, 3, 1024, 2000, 9000);
        // V = (2000 + 5000 + 2000) / 3 = 3000: a and c are eligible, the third (5000) is not.
        // a's deadline 3000 < c's 9000, so without protection a wins.
        c.vprot = 2001;
        // vprot - v = 1 > 0: c's slice is protected (RUN_TO_PARITY) and it keeps the CPU
        assertSame(c, q.pickEevdf(true));
        // protect = false (as for a pick that ignores protection): earliest eligible deadline, a
        assertSame(a, q.pickEevdf(false));
        c.vprot = 2000;
        // vprot - v = 0: protection over; a's earlier deadline wins
        assertSame(a, q.pickEevdf(true));
        c.vprot = 1000;
        // vprot - v < 0: likewise
        assertSame(a, q.pickEevdf(true));
    }

    @Test
    void pickEevdfDropsIneligibleCurrEvenWhenProtected() {
        CfsRq q = rootQueue();
        SchedEntity a = queued(q, 1, 1024, 2000, 3000);
        queued(q, 2, 1024, 5000, 20_000);
        SchedEntity c = running(q, 3, 1024, 4000, 9000);
        // Σ = (2000 + 5000 + 4000)·1024 = 11_264_000, load = 3072, V = 3666.67.
        // c: 11_264_000 ≥ 4000·3072 = 12_288_000 is false → not eligible, so vprot = 9000 > 4000 does not help
        assertSame(a, q.pickEevdf(true));
    }

    @Test
    void pickEevdfBreaksDeadlineTiesBySeq() {
        CfsRq q = rootQueue();
        SchedEntity b = queued(q, 2, 1024, 0, 1000);
        SchedEntity a = queued(q, 1, 1024, 0, 1000);
        // V = 0, both eligible, equal deadlines 1000: the lower seq (a, inserted second) orders first
        assertSame(a, q.tree.first());
        assertSame(a, q.pickEevdf(true));
        assertFalse(b.before(a));
    }

    @Test
    void pickEevdfWithOneQueuedEntityTakesItWithoutEligibilityCheck() {
        CfsRq q = rootQueue();
        SchedEntity c = running(q, 1, 1024, 5000, 6000);
        // nr_queued = 1: the only entity is picked (it is trivially at V)
        assertSame(c, q.pickEevdf(true));
    }

    // ---- calc_group_shares -------------------------------------------------------------------------------------

    private static TaskGroup group(int cpuWeight) {
        return new TaskGroup("g", cpuWeight, new Runqueue[] {new Runqueue(0), new Runqueue(1)}, 100, SLICE);
    }

    @Test
    void groupEntityAsksForTheBaseSlice() {
        TaskGroup g = group(100);
        SchedEntity gse = g.cfsRq[0].groupSe;
        CfsRq root = gse.cfsRq;
        // tg->shares = DIV_ROUND_CLOSEST(100·1024, 100) = 1024; the group entity's slice is its children's, 3ms
        assertEquals(1024, gse.weight);
        assertEquals(SLICE, gse.sliceNs);
        root.placeEntity(gse, false);
        // Empty root queue: v = 0; vd = 0 + 3_000_000·1024/1024 = 3_000_000 (a zero slice would give vd = v)
        assertEquals(0, gse.vruntime);
        assertEquals(3_000_000, gse.deadline);
        account(root, gse, true);
        queued(root, 1, 1024, 0, 3_000_000);
        // 1ms of 3ms used: v = 1_000_000 < vd, so no renewal and no resched with another entity queued
        assertFalse(root.chargeCurr(1_000_000, true));
        assertEquals(3_000_000, gse.deadline);
    }

    @Test
    void groupSharesWithAllLoadOnOneCpuAreTheWholeShares() {
        TaskGroup g = group(4);
        // tg->shares = DIV_ROUND_CLOSEST(4·1024, 100) = 41
        assertEquals(41, g.shares);
        g.cfsRq[0].loadWeight = 1024;
        g.loadWeight = 1024;
        // shares = 41·1024 / 1024 = 41, within [2, 41]
        assertEquals(41, g.calcGroupShares(g.cfsRq[0]));
    }

    @Test
    void groupSharesSplitByLoadAndTruncate() {
        TaskGroup g = group(4);
        g.cfsRq[0].loadWeight = 1024;
        g.cfsRq[1].loadWeight = 3072;
        g.loadWeight = 4096;
        // cpu0: 41·1024 / 4096 = 10.25 → 10
        assertEquals(10, g.calcGroupShares(g.cfsRq[0]));
        // cpu1: 41·3072 / 4096 = 30.75 → 30 (the parts sum to 40, not 41)
        assertEquals(30, g.calcGroupShares(g.cfsRq[1]));
    }

    @Test
    void groupSharesAreClampedToMinShares() {
        TaskGroup g = group(100);
        g.cfsRq[0].loadWeight = 15;       // one nice-19 task
        g.cfsRq[1].loadWeight = 88761;    // one nice -20 task
        g.loadWeight = 88776;
        // cpu0: 1024·15 / 88776 = 0.17 → 0 → clamp to MIN_SHARES = 2
        assertEquals(2, g.calcGroupShares(g.cfsRq[0]));
        // cpu1: 1024·88761 / 88776 = 1023.83 → 1023
        assertEquals(1023, g.calcGroupShares(g.cfsRq[1]));
    }

    @Test
    void groupSharesAreClampedToTheGroupsShares() {
        TaskGroup g = group(4);
        // A stale group total below this CPU's load (the kernel guards with tg_weight - contrib + load):
        g.cfsRq[0].loadWeight = 2048;
        g.loadWeight = 1024;
        // 41·2048 / 1024 = 82 → clamp to tg->shares = 41
        assertEquals(41, g.calcGroupShares(g.cfsRq[0]));
    }

    // ---- Placement and pick together ---------------------------------------------------------------------------

    @Test
    void enqueuedEntitiesWithEqualLagAlternateByDeadline() {
        CfsRq q = rootQueue();
        SchedEntity a = entity(1, 1024);
        SchedEntity b = entity(2, 2048);
        enqueue(q, a, true);
        // empty queue: v_a = 0; vd = 0 + 3_000_000/2 = 1_500_000
        assertEquals(1_500_000, a.deadline);
        enqueue(q, b, true);
        // V = 0 (only a, at 0); v_b = 0; vd = 0 + (3_000_000·1024/2048)/2 = 750_000
        assertEquals(0, b.vruntime);
        assertEquals(750_000, b.deadline);
        // Both at V = 0: eligible; b's deadline is earlier
        assertSame(b, q.pickEevdf(true));
    }
}
