package pxlab.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.inversion.WaitClass.OWNER_BLOCKED;
import static pxlab.inversion.WaitClass.OWNER_PREEMPTED;
import static pxlab.inversion.WaitClass.OWNER_RUNNING;
import static pxlab.inversion.WaitClass.OWNER_SLEEPING;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pxlab.testsupport.InversionApp;
import pxlab.testsupport.InversionRecordings;
import pxlab.trace.Coverage;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.Wait;

/**
 * End to end: {@link InversionApp} runs in real JVMs — twice under the packaged agent, once under plain JFR —
 * and each scenario must be found in the recording and classified as its name says.
 */
class InversionIT {

    static Trace hogs;
    static Trace quiet;
    static Trace jdk;
    static Inversions hogsFound;
    static Inversions quietFound;
    static Inversions jdkFound;

    @BeforeAll
    static void record() throws Exception {
        hogs = Trace.read(InversionRecordings.hogs());
        quiet = Trace.read(InversionRecordings.quiet());
        jdk = Trace.read(InversionRecordings.jdk());
        hogsFound = InversionFinder.find(hogs);
        quietFound = InversionFinder.find(quiet);
        jdkFound = InversionFinder.find(jdk);
    }

    @Test
    void preemptedOwnerIsAnInversionProxyExecutionWouldResolve() {
        ClassifiedWait w = waitOf(hogsFound, "preempted-waiter");
        assertEquals("preempted-owner", w.owner().name());
        assertEquals(OWNER_PREEMPTED, w.waitClass(), w.ownerTime().toString());
        assertEquals(Evidence.OWNER_CHARGES, w.evidence());
        assertEquals(19, w.ownerContext().nice());
        assertEquals(0, w.waiterContext().nice());
        assertTrue(w.inversion());
        assertTrue(w.resolvableByProxy());
        assertTrue(w.lockWait().durationNs() >= InversionApp.HOLD_MS * 1_000_000);
        // The culprit's code: the owner's stack at the release of its hold, the lambda that spun holding the lock.
        assertTrue(w.heldAt() != null && w.heldAt().startsWith(InversionApp.class.getName() + ".lambda$preempted$"),
                "held at " + w.heldAt() + ", owner's stack " + w.ownerStack());
    }

    @Test
    void chainThroughABlockedOwnerEndsInThePreemptedOne() {
        ClassifiedWait a = waitOf(hogsFound, "chain-a");
        assertEquals("chain-b", a.owner().name());
        assertEquals(OWNER_BLOCKED, a.waitClass(), a.ownerTime().toString());
        assertEquals(List.of("chain-b"), a.chain().stream().map(w -> w.waiter().name()).collect(Collectors.toList()));
        assertEquals("chain-c", a.chain().get(0).owner().name());
        assertEquals(OWNER_PREEMPTED, a.chainEnd());
        assertTrue(a.resolvableByProxy());
        assertFalse(a.inversion(), "a and b are both nice 0");

        ClassifiedWait b = waitOf(hogsFound, "chain-b");
        assertEquals(OWNER_PREEMPTED, b.waitClass(), b.ownerTime().toString());
        assertTrue(b.inversion(), "b (nice 0) waits behind c (nice 19)");
    }

    @Test
    void sleepingOwnerIsNotResolvable() {
        ClassifiedWait w = waitOf(quietFound, "sleeping-waiter");
        assertEquals("sleeping-owner", w.owner().name());
        assertEquals(OWNER_SLEEPING, w.waitClass(), w.ownerTime().toString());
        assertEquals(Evidence.OWNER_CHARGES, w.evidence());
        assertFalse(w.resolvableByProxy());
        assertFalse(w.inversion(), "both nice 0");
    }

    @Test
    void runningOwnerOnAnIdleCpuIsOwnerRunning() {
        ClassifiedWait w = waitOf(quietFound, "running-waiter");
        assertEquals(OWNER_RUNNING, w.waitClass(), w.ownerTime().toString());
        assertEquals(Evidence.OWNER_CHARGES, w.evidence());
        assertFalse(w.resolvableByProxy());
    }

    @Test
    void waitsRecordedByBothTheAgentAndTheJdkAppearOnce() {
        // With pxlab.jfc the JDK records every park and monitor entry of 1 ms or more beside the agent's waits.
        for (String waiter : List.of("sleeping-waiter", "running-waiter", "monitor-waiter")) {
            assertEquals(1, waitsBy(quiet, waiter).size(), waiter + ": " + waitsBy(quiet, waiter));
        }
        assertEquals(Wait.Source.PXLAB, waitsBy(quiet, "sleeping-waiter").get(0).source());
        assertTrue(quiet.coverage().duplicatesDropped() > 0);
        assertTrue(quiet.coverage().agent());
    }

    @Test
    void traceKnowsTheThreadsAndTheirAttributes() {
        ThreadTimeline owner = hogs.timeline(hogs.thread("preempted-owner").orElseThrow());
        assertEquals(19, owner.sched().get(owner.sched().size() - 1).nice());
        assertTrue(owner.thread().osId() > 0);
        // The hogs never touch a lock; jdk.ThreadStart names them and pxlab.ThreadCpu's OS-only entries join them.
        ThreadTimeline hog = hogs.timeline(hogs.thread("hog-0").orElseThrow());
        assertTrue(hog.thread().javaId() > 0 && hog.thread().osId() > 0, hog.thread().toString());
        // pxlab.ThreadCpu samples every thread once a second; the hogs live under a second (the preempted and chain
        // cases), so a sample need not fall in their lifetime even when the run has some (seen on a loaded machine).
        // Where one does, the hog's own sample, named by OS id only, must have joined its Java thread. The hogs stop
        // when the chain's waits are over (JDK 25 records no jdk.ThreadEnd for them); 50 ms inside, since a sampling
        // round lists the threads a moment before it commits their samples.
        long marginNs = 50_000_000;
        long scenarioEndNs = hogs.waits().stream().filter(w -> w.waiter().name().startsWith("chain-"))
                .mapToLong(Wait::endNs).max().orElse(Long.MAX_VALUE);
        long from = hog.startNs() == Wait.UNKNOWN ? Long.MIN_VALUE : hog.startNs() + marginNs;
        long to = (hog.endNs() == Wait.UNKNOWN ? scenarioEndNs : hog.endNs()) - marginNs;
        boolean sampledWhileAlive = hogs.threads().stream().flatMap(t -> t.cpu().stream())
                .anyMatch(c -> c.timeNs() >= from && c.timeNs() <= to);
        if (sampledWhileAlive) assertFalse(hog.cpu().isEmpty(), "pxlab.ThreadCpu of a hog");
        assertTrue(hogs.cpus() >= 1);
        assertTrue(hogs.durationNs() > 0);
        assertTrue(hogs.waits().stream().allMatch(w -> w.startNs() >= hogs.startNs()));
    }

    @Test
    void withoutTheAgentWaitsComeFromJdkEventsOnWeakerEvidence() {
        Coverage c = jdk.coverage();
        assertFalse(c.agent());
        assertTrue(jdkFound.limitations().contains(Coverage.NO_AGENT), jdkFound.limitations().toString());
        assertTrue(jdkFound.limitations().contains(Coverage.NO_OWNER_CHARGES));
        assertTrue(jdkFound.limitations().contains(Coverage.NO_SCHED));

        ClassifiedWait sleeping = waitOf(jdkFound, "jdk-sleeping-waiter");
        assertEquals(Wait.Source.MONITOR_ENTER, sleeping.lockWait().source());
        assertEquals("jdk-sleeping-owner", sleeping.owner().name());
        assertEquals(OWNER_SLEEPING, sleeping.waitClass(), sleeping.ownerTime().toString());
        assertEquals(Evidence.OWNER_EVENTS, sleeping.evidence());

        ClassifiedWait running = waitOf(jdkFound, "jdk-running-waiter");
        assertEquals(OWNER_RUNNING, running.waitClass(), running.ownerTime().toString());
        assertEquals(Evidence.OWNER_EVENTS, running.evidence());

        ClassifiedWait park = waitOf(jdkFound, "jdk-park-waiter");
        assertEquals(Wait.Source.THREAD_PARK, park.lockWait().source());
        assertNull(park.owner());
        assertNull(park.waitClass());
        assertEquals(Evidence.NONE, park.evidence());

        assertTrue(jdkFound.waits().stream().noneMatch(ClassifiedWait::inversionKnown));
    }

    private static List<Wait> waitsBy(Trace trace, String waiter) {
        return trace.waits().stream().filter(w -> w.waiter().name().equals(waiter)).collect(Collectors.toList());
    }

    /**
     * The scenario thread's one wait. A wait behind one of JFR's own threads (a JDK-internal monitor the recorder
     * held, such as the method-handle species cache while both spun lambda forms) is the recording's, not the
     * scenario's, and happens only now and then.
     */
    private static ClassifiedWait waitOf(Inversions found, String waiter) {
        List<ClassifiedWait> waits = found.waits().stream()
                .filter(w -> w.lockWait().waiter().name().equals(waiter))
                .filter(w -> w.owner() == null || !w.owner().name().startsWith("JFR "))
                .collect(Collectors.toList());
        assertEquals(1, waits.size(), waiter + ": " + waits);
        return waits.get(0);
    }
}
