package pxlab.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.inversion.WaitClass.OWNER_BLOCKED;
import static pxlab.inversion.WaitClass.OWNER_PREEMPTED;
import static pxlab.inversion.WaitClass.OWNER_RUNNING;
import static pxlab.inversion.WaitClass.OWNER_SLEEPING;
import static pxlab.trace.TraceFixture.MS;
import static pxlab.trace.TraceFixture.MUTEX_CLASS;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pxlab.trace.TraceFixture;

/**
 * {@link InversionFinder} on hand-built traces: each class from measured owner charges, chains, inversions, the
 * weaker classification without the agent, holds, grouping and limitations. Waits are 100 ms unless said.
 */
class InversionFinderTest {

    @Test
    void ownerMostlyInTheRunQueueIsPreemptedAndResolvable() {
        ClassifiedWait w = only(new TraceFixture().waitFor("w", "o", 1, 0, 100, 5, 90));
        assertEquals(OWNER_PREEMPTED, w.waitClass());
        assertEquals(Evidence.OWNER_CHARGES, w.evidence());
        assertTrue(w.resolvableByProxy());
        assertEquals(new OwnerTime(100 * MS, 5 * MS, 90 * MS, 0, 5 * MS, 0), w.ownerTime());
    }

    @Test
    void aQuarterOfTheWaitInTheRunQueueIsEnoughForPreempted() {
        assertEquals(OWNER_PREEMPTED, only(new TraceFixture().waitFor("w", "o", 1, 0, 100, 75, 25)).waitClass());
        // Just under the threshold, the CPU time dominates.
        assertEquals(OWNER_RUNNING, only(new TraceFixture().waitFor("w", "o", 1, 0, 1000, 760, 249)).waitClass());
    }

    @Test
    void ownerMostlyOnCpuIsRunningAndNotResolvable() {
        ClassifiedWait w = only(new TraceFixture().waitFor("w", "o", 1, 0, 100, 95, 3));
        assertEquals(OWNER_RUNNING, w.waitClass());
        assertFalse(w.resolvableByProxy());
    }

    @Test
    void ownerNeitherRunningNorQueuedIsSleepingAndNotResolvable() {
        ClassifiedWait w = only(new TraceFixture().waitFor("w", "o", 1, 0, 100, 1, 0));
        assertEquals(OWNER_SLEEPING, w.waitClass());
        assertFalse(w.resolvableByProxy());
    }

    @Test
    void chainEndingInAPreemptedOwnerIsResolvable() {
        // a waits for lock 1 held by b (0..100); b waits for lock 2 held by c (0..100); c is preempted.
        Inversions found = InversionFinder.find(new TraceFixture()
                .waitFor("a", "b", 1, 10, 100, 0, 1)
                .waitFor("b", "c", 2, 0, 100, 10, 85).build());
        ClassifiedWait a = of(found, "a");
        assertEquals(OWNER_BLOCKED, a.waitClass());
        assertEquals(1, a.chain().size());
        assertEquals("c", a.chain().get(0).owner().name());
        assertEquals(OWNER_PREEMPTED, a.chainEnd());
        assertTrue(a.resolvableByProxy());
        assertFalse(a.deadlock());
        assertEquals(OWNER_PREEMPTED, of(found, "b").waitClass());
    }

    @Test
    void chainEndingInASleepingOwnerIsNotResolvable() {
        Inversions found = InversionFinder.find(new TraceFixture()
                .waitFor("a", "b", 1, 0, 100, 0, 0)
                .waitFor("b", "c", 2, 0, 100, 0, 0)
                .waitFor("c", "d", 3, 0, 100, 1, 1).build());
        ClassifiedWait a = of(found, "a");
        assertEquals(List.of("b", "c"), a.chain().stream().map(w -> w.waiter().name()).collect(Collectors.toList()));
        assertEquals(OWNER_SLEEPING, a.chainEnd());
        assertFalse(a.resolvableByProxy());
    }

    @Test
    void lockCycleOfWaitsThatGaveUpIsReportedAsADeadlock() {
        Inversions found = InversionFinder.find(new TraceFixture()
                .waitFor("a", "b", 1, 0, 100, 0, 0, false)
                .waitFor("b", "a", 2, 0, 100, 0, 0, false).build());
        ClassifiedWait a = of(found, "a");
        assertEquals(OWNER_BLOCKED, a.waitClass());
        assertTrue(a.deadlock());
        assertNull(a.chainEnd());
        assertFalse(a.resolvableByProxy());
    }

    @Test
    void lockCycleOfWaitsThatGotTheirLocksIsNoDeadlock() {
        // A deadlock never ends; waits that ended with their locks were not one, whatever owners they name.
        Inversions found = InversionFinder.find(new TraceFixture()
                .waitFor("a", "b", 1, 0, 100, 0, 0)
                .waitFor("b", "a", 2, 0, 100, 0, 0).build());
        assertFalse(of(found, "a").deadlock());
        assertFalse(of(found, "b").deadlock());
    }

    @Test
    void waiterThatOutranksItsOwnerIsAnInversion() {
        ClassifiedWait w = only(new TraceFixture().nice("w", 0).nice("o", 19).waitFor("w", "o", 1, 0, 100, 5, 90));
        assertTrue(w.inversionKnown());
        assertTrue(w.inversion());
        assertEquals(19, w.ownerContext().nice());
    }

    @Test
    void rtWaiterBehindAFairOwnerIsAnInversionButNotTheReverse() {
        TraceFixture f = new TraceFixture().fifo("rt", 50).nice("fair", -20)
                .waitFor("rt", "fair", 1, 0, 100, 90, 5).waitFor("fair", "rt", 2, 200, 300, 90, 5);
        Inversions found = InversionFinder.find(f.build());
        assertTrue(of(found, "rt").inversion());
        assertFalse(of(found, "fair").inversion());
        assertTrue(of(found, "fair").inversionKnown());
    }

    @Test
    void equalNiceIsNotAnInversionAndMissingAttributesAreUnknown() {
        assertFalse(only(new TraceFixture().nice("w", 0).nice("o", 0).waitFor("w", "o", 1, 0, 100, 5, 90))
                .inversion());
        ClassifiedWait unknown = only(new TraceFixture().nice("w", 0).waitFor("w", "o", 1, 0, 100, 5, 90));
        assertFalse(unknown.inversionKnown());
        assertFalse(unknown.inversion());
    }

    @Test
    void withoutChargesAnOwnerAsleepThroughTheWaitIsSleepingOnWeakEvidence() {
        ClassifiedWait w = only(new TraceFixture().monitorEnter("w", "o", 0, 100).sleep("o", 0, 95));
        assertEquals(OWNER_SLEEPING, w.waitClass());
        assertEquals(Evidence.OWNER_EVENTS, w.evidence());
        assertTrue(w.evidence().weak());
    }

    @Test
    void withoutChargesExecutionSamplesMakeTheOwnerRunning() {
        ClassifiedWait w = only(new TraceFixture().monitorEnter("w", "o", 0, 100).samples("o", 20, 40, 60, 80));
        assertEquals(OWNER_RUNNING, w.waitClass());
        assertEquals(Evidence.OWNER_EVENTS, w.evidence());
        assertEquals(4, w.ownerTime().samples());
    }

    @Test
    void withoutChargesAnOwnerInItsOwnWaitIsBlocked() {
        Inversions found = InversionFinder.find(new TraceFixture().monitorEnter("a", "b", 0, 100)
                .monitorEnter("b", "c", 0, 100).samples("c", 50).build());
        ClassifiedWait a = of(found, "a");
        assertEquals(OWNER_BLOCKED, a.waitClass());
        assertEquals(OWNER_RUNNING, a.chainEnd());
        assertFalse(a.resolvableByProxy(), "events can show running but never preempted");
    }

    @Test
    void measuredOwnerTheRecordingDoesNotNameIsStillPreemptedOrRunning() {
        // JDK 17 writes an owner that ended before its chunk as null; the agent's charges still describe it.
        ClassifiedWait preempted = only(new TraceFixture().waitFor("w", null, 1, 0, 100, 5, 90));
        assertNull(preempted.owner());
        assertEquals(OWNER_PREEMPTED, preempted.waitClass());
        assertTrue(preempted.resolvableByProxy());
        // Off CPU could be a sleep or another lock: without the owner's own events, say nothing.
        ClassifiedWait off = only(new TraceFixture().waitFor("w", null, 1, 0, 100, 1, 0));
        assertNull(off.waitClass());
        assertEquals(Evidence.NONE, off.evidence());
    }

    @Test
    void parkWithoutOwnerIsUnclassified() {
        ClassifiedWait w = only(new TraceFixture().park("w", MUTEX_CLASS, null, 0, 100));
        assertNull(w.waitClass());
        assertEquals(Evidence.NONE, w.evidence());
        assertFalse(w.classified());
        assertFalse(w.resolvableByProxy());
    }

    @Test
    void ownerWhoLeftNoEventsIsUnclassified() {
        ClassifiedWait w = only(new TraceFixture().monitorEnter("w", "o", 0, 100).samples("o", 150));
        assertNull(w.waitClass());
        assertEquals(Evidence.NONE, w.evidence());
    }

    @Test
    void ownerAnswersOnlyForTheTimeItHeldTheLock() {
        // The owner ran throughout its hold (10..110); the waiter woke 200 ms after the release. Without the hold
        // the wait would look mostly off CPU.
        ClassifiedWait w = only(new TraceFixture().waitFor("w", "o", 9, 0, 310, 95, 3).hold("o", 9, 10, 110, 95, 3));
        assertEquals(OWNER_RUNNING, w.waitClass());
        assertEquals(100 * MS, w.ownerTime().windowNs());
        assertEquals(OWNER_SLEEPING, only(new TraceFixture().waitFor("w", "o", 9, 0, 310, 95, 3)).waitClass());
    }

    @Test
    void waitWithoutChargesTakesTheOwnersHoldCharges() {
        ClassifiedWait w = only(new TraceFixture().waitFor("w", "o", 9, 50, 150, -1, -1)
                .hold("o", 9, 0, 200, 20, 160));
        assertEquals(OWNER_PREEMPTED, w.waitClass());
        assertEquals(Evidence.HOLD_CHARGES, w.evidence());
        assertEquals(80 * MS, w.ownerTime().runqueueNs());
    }

    @Test
    void waitWithoutOwnerTakesTheSoleHolderOfTheLock() {
        ClassifiedWait w = only(new TraceFixture().waitFor("w", null, 9, 50, 150, -1, -1)
                .hold("o", 9, 0, 200, 190, 5).hold("x", 8, 0, 200, 190, 5));
        assertEquals("o", w.owner().name());
        assertTrue(w.ownerFromHold());
        assertEquals(OWNER_RUNNING, w.waitClass());
    }

    @Test
    void groupsAreByLockPairAndStackLargestFirst() {
        Inversions found = InversionFinder.find(new TraceFixture()
                .waitFor("a", "o", 1, 0, 10, 9, 0)
                .waitFor("b", "o", 2, 0, 50, 5, 40)
                .waitFor("a", "o", 1, 100, 130, 0, 0).build());
        // Lock 2: one wait of 50 ms; lock 1: two waits, 40 ms in all.
        assertEquals(List.of("ReentrantLock$NonfairSync@2", "ReentrantLock$NonfairSync@1"),
                found.byLock().stream().map(WaitGroup::key).collect(Collectors.toList()));
        WaitGroup lock1 = found.byLock().get(1);
        assertEquals(2, lock1.count());
        assertEquals(40 * MS, lock1.totalNs());
        assertEquals(10 * MS, lock1.ns(OWNER_RUNNING));
        assertEquals(30 * MS, lock1.ns(OWNER_SLEEPING));
        assertEquals(List.of("b -> o", "a -> o"),
                found.byPair().stream().map(WaitGroup::key).collect(Collectors.toList()));
        assertEquals(50 * MS, found.byPair().get(0).resolvableNs());
        assertEquals("app.Service.call:2 < app.Main.run:1", found.byStack().get(0).key());
    }

    @Test
    void limitationsCountWeakAndUnclassifiedWaits() {
        Inversions found = InversionFinder.find(new TraceFixture().monitorEnter("w", "o", 0, 100).sleep("o", 0, 100)
                .park("p", MUTEX_CLASS, null, 0, 100).build());
        assertTrue(found.limitations().contains(pxlab.trace.Coverage.NO_AGENT), found.limitations().toString());
        assertTrue(found.limitations().contains(String.format(FinderLimitations.FROM_EVENTS, 1, 2)));
        assertTrue(found.limitations().contains(String.format(FinderLimitations.UNCLASSIFIED, 1, 2)));
    }

    @Test
    void traceWithoutWaitsFindsNothing() {
        Inversions found = InversionFinder.find(new TraceFixture().build());
        assertTrue(found.waits().isEmpty());
        assertTrue(found.byLock().isEmpty());
        assertTrue(found.inversions().isEmpty());
    }

    @Test
    void classifyingSomeWaitsGivesThemAsFindClassifiesThem() {
        // Six threads taking three locks in turn, every owner itself waiting now and then: chains through waits of
        // every length, cycles, owners with and without charges. Each wait classified on its own must come out
        // as the whole pass classifies it, whichever waits are left out.
        pxlab.trace.Trace trace = chainHeavyTrace(new java.util.SplittableRandom(5));
        Inversions found = InversionFinder.find(trace);
        assertTrue(found.waits().stream().filter(c -> !c.chain().isEmpty()).count() > 100);
        assertEquals(found.waits(), InversionFinder.classify(trace));
        assertEquals(found, InversionFinder.group(trace, InversionFinder.classify(trace)));
        for (long minMs : new long[]{0, 5, 20, 60}) {
            assertEquals(found.waits().stream().filter(c -> c.lockWait().durationNs() >= minMs * MS)
                    .collect(Collectors.toList()), InversionFinder.classify(trace, minMs * MS), minMs + " ms");
        }
    }

    private static pxlab.trace.Trace chainHeavyTrace(java.util.SplittableRandom random) {
        TraceFixture f = new TraceFixture();
        String[] threads = {"t0", "t1", "t2", "t3", "t4", "t5"};
        for (int t = 0; t < threads.length; t++) {
            long at = random.nextInt(5);
            for (int i = 0; i < 150; i++) {
                long start = at + random.nextInt(4);
                long end = start + 1 + random.nextInt(random.nextInt(8) == 0 ? 80 : 12);
                String owner = threads[(t + 1 + random.nextInt(threads.length - 1)) % threads.length];
                long len = end - start;
                boolean charges = random.nextInt(3) == 0;
                f.waitFor(threads[t], owner, 1 + random.nextInt(3), start, end,
                        charges ? random.nextLong(len + 1) : -1, charges ? random.nextLong(len + 1) : -1);
                at = end;
            }
        }
        return f.build();
    }

    @Test
    void waitClassesAreSpelledAsTheReportsSpellThem() {
        assertEquals(List.of("owner-running", "owner-preempted", "owner-blocked", "owner-sleeping"),
                List.of(WaitClass.values()).stream().map(WaitClass::key).collect(Collectors.toList()));
        assertEquals(OWNER_BLOCKED, WaitClass.of("owner-blocked"));
        assertEquals("owner-events", Evidence.OWNER_EVENTS.key());
    }

    private static ClassifiedWait only(TraceFixture f) {
        List<ClassifiedWait> waits = InversionFinder.find(f.build()).waits();
        assertEquals(1, waits.size(), waits.toString());
        return waits.get(0);
    }

    private static ClassifiedWait of(Inversions found, String waiter) {
        return found.waits().stream().filter(w -> w.lockWait().waiter().name().equals(waiter)).findFirst()
                .orElseThrow(() -> new AssertionError("no wait by " + waiter));
    }
}
