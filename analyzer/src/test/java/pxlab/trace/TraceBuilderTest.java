package pxlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.trace.TraceFixture.MS;
import static pxlab.trace.TraceFixture.MUTEX_CLASS;
import static pxlab.trace.TraceFixture.ms;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.ThreadCpuEvent;
import pxlab.jfr.ThreadParkEvent;
import pxlab.jfr.ThreadStartEvent;

/**
 * {@link TraceBuilder} on records fed by hand: merging of agent and JDK waits, thread identity and names, order,
 * and coverage.
 */
class TraceBuilderTest {

    @Test
    void monitorWaitRecordedByAgentAndJdkIsKeptOnceAsThePxlabWait() {
        TraceFixture f = new TraceFixture();
        f.monitorWait("w", "o", 1, 10, 50, 1, 2);
        f.monitorEnter("w", "o", 10, 50);   // the same wait, from the JDK
        f.monitorEnter("w", "o", 60, 80);   // a later wait the agent did not see
        Trace t = f.build();
        assertEquals(2, t.waits().size());
        assertEquals(Wait.Source.PXLAB, t.waits().get(0).source());
        assertEquals(Wait.Source.MONITOR_ENTER, t.waits().get(1).source());
        assertEquals(1, t.coverage().duplicatesDropped());
        assertEquals(1, t.coverage().pxlabWaits());
        assertEquals(1, t.coverage().monitorEnterWaits());
    }

    @Test
    void parksInsideAnAgentWaitAreDropped() {
        TraceFixture f = new TraceFixture();
        f.waitFor("w", "o", 1, 10, 50, 1, 2);
        f.park("w", MUTEX_CLASS, null, 11, 30);   // a non-fair lock may park more than once per wait
        f.park("w", MUTEX_CLASS, null, 31, 49);
        Trace t = f.build();
        assertEquals(1, t.waits().size());
        assertEquals(2, t.coverage().duplicatesDropped());
    }

    @Test
    void waitsInsideTheRecorderAreLeftOutAndCounted() {
        TraceFixture f = new TraceFixture();
        f.builder().monitorEnter(new pxlab.jfr.MonitorEnterEvent(ms(0), ms(50), f.thread("JFR Periodic Tasks"),
                "[I", 1, f.thread("w"), List.of("jdk.jfr.internal.handlers.EventHandler.write"), true));
        f.monitorEnter("w", "o", 60, 80);
        Trace t = f.build();
        assertEquals(1, t.waits().size());
        assertEquals(1, t.coverage().recorderWaits());
        assertTrue(t.coverage().limitations().contains(String.format(Coverage.RECORDER_WAITS, 1)));
    }

    @Test
    void parkOnAReentrantLockWithoutTheAgentIsAWaitWithUnknownOwner() {
        Trace t = new TraceFixture().park("w", MUTEX_CLASS, null, 0, 20).build();
        Wait w = t.waits().get(0);
        assertEquals(Wait.Source.THREAD_PARK, w.source());
        assertEquals(LockKind.MUTEX, w.kind());
        assertNull(w.owner());
        assertFalse(w.hasOwnerCharges());
        assertEquals(TraceLock.IdSpace.ADDRESS, w.lock().idSpace());
    }

    @Test
    void parkOnAReadLockTakesItsSideFromTheFrames() {
        String rw = "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync";
        Trace t = new TraceFixture().park("r", rw, ThreadParkEvent.SHARED, 0, 20)
                .park("x", rw, ThreadParkEvent.EXCLUSIVE, 0, 20).park("u", rw, null, 0, 20).build();
        assertEquals(LockKind.READ, waitOf(t, "r").kind());
        assertEquals(LockKind.WRITE, waitOf(t, "x").kind());
        assertEquals(LockKind.UNKNOWN, waitOf(t, "u").kind());
    }

    @Test
    void parkOnAConditionIsASleepNotAWait() {
        Trace t = new TraceFixture()
                .park("c", "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", null, 0, 20)
                .build();
        assertTrue(t.waits().isEmpty());
        Sleep s = t.timeline(t.thread("c").orElseThrow()).sleeps().get(0);
        assertEquals("park AbstractQueuedSynchronizer$ConditionObject", s.reason());
        assertEquals(20 * MS, s.endNs() - s.startNs());
    }

    @Test
    void readWaitIsOwnedByTheWriterTheAgentNamed() {
        TraceFixture f = new TraceFixture();
        f.builder().lockWait(new LockWaitEvent(ms(0), ms(5), f.thread("r"), 3, "rw", "read", f.thread("w"), true,
                -1, -1, List.of(), false));
        f.builder().lockWait(new LockWaitEvent(ms(6), ms(9), f.thread("r"), 3, "rw", "read", null, true,
                -1, -1, List.of(), false));
        List<Wait> waits = f.build().waits();
        assertEquals("w", waits.get(0).owner().name());
        assertNull(waits.get(1).owner(), "behind readers: no owner");
    }

    @Test
    void threadsSharingANameGetTheirJavaIdAppended() {
        TraceFixture f = new TraceFixture();
        f.builder().threadStart(new ThreadStartEvent(ms(0), new JfrThread(7, 70, "worker", "worker", false)));
        f.builder().threadStart(new ThreadStartEvent(ms(0), new JfrThread(8, 80, "worker", "worker", false)));
        f.builder().threadStart(new ThreadStartEvent(ms(0), new JfrThread(9, 90, "main", "main", false)));
        List<String> names = f.build().threads().stream().map(x -> x.thread().name()).collect(Collectors.toList());
        assertEquals(List.of("main", "worker#7", "worker#8"), names);
    }

    @Test
    void threadKnownFirstOnlyByOsIdMergesWithItsJavaThread() {
        // pxlab.ThreadCpu names a hog by OS id and kernel name; jdk.ThreadStart later gives both ids.
        TraceFixture f = new TraceFixture();
        f.builder().threadCpu(new ThreadCpuEvent(ms(5), JfrThread.ofOs(4242, "background-hog"), 3 * MS, 9 * MS));
        f.builder().threadStart(new ThreadStartEvent(ms(0), new JfrThread(31, 4242, "background-hog-thread",
                "background-hog-thread", false)));
        Trace t = f.build();
        assertEquals(1, t.threads().size());
        ThreadTimeline hog = t.threads().get(0);
        assertEquals("background-hog-thread", hog.thread().name());
        assertEquals(31, hog.thread().javaId());
        assertEquals(4242, hog.thread().osId());
        assertEquals(List.of(new CpuSample(ms(5), 3 * MS, 9 * MS)), hog.cpu());
        assertEquals(ms(0), hog.startNs());
    }

    @Test
    void ownerWithoutAJavaIdIsFoundByItsOsId() {
        // JFR may write an ended owner without its Java id.
        TraceFixture f = new TraceFixture();
        JfrThread owner = f.thread("owner");
        f.builder().lockWait(new LockWaitEvent(ms(0), ms(10), f.thread("w"), 1, MUTEX_CLASS, "mutex",
                new JfrThread(-1, owner.osId(), null, null, false), true, -1, -1, List.of(), false));
        f.waitFor("owner", null, 2, 20, 30, -1, -1);   // names the owner with both ids
        Trace t = f.build();
        assertEquals("owner", waitOf(t, "w").owner().name());
        assertEquals(2, t.threads().size());
    }

    @Test
    void waitsAreOrderedByStartThenWaiterThenFileOrder() {
        TraceFixture f = new TraceFixture();
        f.waitFor("b", "o", 1, 10, 20, -1, -1);
        f.waitFor("a", "o", 1, 10, 20, -1, -1);
        f.waitFor("c", "o", 1, 5, 20, -1, -1);
        f.waitFor("a", "o", 2, 10, 15, -1, -1);
        List<String> order = f.build().waits().stream().map(w -> w.waiter().name() + w.lock().id())
                .collect(Collectors.toList());
        assertEquals(List.of("c1", "a1", "a2", "b1"), order);
    }

    @Test
    void schedAtTakesTheLastReadingBeforeAndFallsBackToTheFirst() {
        TraceFixture f = new TraceFixture().nice("t", 5);
        f.builder().threadSched(new pxlab.jfr.ThreadSchedEvent(ms(100), f.thread("t"), 5, "SCHED_OTHER", 10, 0,
                null, null, -1));
        ThreadTimeline t = f.build().threads().get(0);
        assertEquals(5, t.schedAt(ms(50)).nice());
        assertEquals(10, t.schedAt(ms(150)).nice());
        assertEquals(5, t.schedAt(ms(-10)).nice());
    }

    @Test
    void coverageWithoutAgentEventsSaysWhatIsMissing() {
        Trace t = new TraceFixture().monitorEnter("w", "o", 0, 30).build();
        Coverage c = t.coverage();
        assertFalse(c.agent());
        assertTrue(c.limitations().contains(Coverage.NO_AGENT), c.limitations().toString());
        assertTrue(c.limitations().contains(Coverage.NO_SCHED));
        assertTrue(c.limitations().contains(Coverage.NO_EXECUTION_SAMPLES));
        assertTrue(c.limitations().contains(Coverage.NO_CPU_INFORMATION));
    }

    @Test
    void emptyBuilderGivesAnEmptyTraceAndBuildsOnce() {
        TraceBuilder b = new TraceBuilder();
        Trace t = b.build();
        assertTrue(t.waits().isEmpty());
        assertTrue(t.threads().isEmpty());
        assertEquals(-1, t.cpus());
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void cursorAnswersAsTheTimelineWhereverItWasLast() {
        TraceFixture f = new TraceFixture();
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        long at = 0;
        for (int i = 0; i < 300; i++) {
            long start = at + random.nextInt(3);   // some start where the last one ended, some are empty
            long end = start + random.nextInt(6);
            f.waitFor("w", "o", 1, start, end, -1, -1);
            at = end;
        }
        Trace trace = f.build();
        ThreadTimeline t = trace.timeline(trace.thread("w").orElseThrow());
        ThreadTimeline.Cursor cursor = t.cursor();
        for (int q = 0; q < 2000; q++) {
            // Mostly small steps forward, as a pass in time order asks; now and then a jump either way.
            long fromMs = random.nextInt(4) == 0 ? random.nextLong(-5, at + 5) : q * at / 2000 + random.nextInt(3);
            long toMs = fromMs + random.nextLong(-2, 20);
            long from = TraceFixture.ms(fromMs);
            long to = TraceFixture.ms(toMs);
            String window = fromMs + ".." + toMs;
            assertEquals(t.waitNsIn(from, to), cursor.waitNsIn(from, to), window);
            int i = cursor.longestWaitOverlappingIndex(from, to);
            assertEquals(t.longestWaitOverlappingIndex(from, to), i, window);
            assertEquals(t.longestWaitOverlapping(from, to), i < 0 ? null : t.waits().get(i), window);
        }
    }

    @Test
    void timelineQueriesCountOverlapsOnly() {
        Trace t = new TraceFixture().waitFor("o", "x", 1, 10, 20, -1, -1).waitFor("o", "x", 1, 30, 40, -1, -1)
                .sleep("o", 50, 70).samples("o", 1, 15, 15, 60).build();
        ThreadTimeline o = t.timeline(t.thread("o").orElseThrow());
        assertEquals(10 * MS, o.waitNsIn(ms(15), ms(35)));
        assertEquals(2, o.waitsOverlapping(ms(15), ms(35)).size());
        assertTrue(o.waitsOverlapping(ms(20), ms(30)).isEmpty(), "waits touching the window's ends do not overlap it");
        assertEquals(10 * MS, o.sleepNsIn(ms(40), ms(60)));
        assertEquals(2, o.samplesIn(ms(15), ms(16)));
        assertEquals(4, o.samplesIn(ms(0), ms(100)));
        assertEquals(0, o.samplesIn(ms(16), ms(59)));
    }

    private static Wait waitOf(Trace t, String waiter) {
        return t.waits().stream().filter(w -> w.waiter().name().equals(waiter)).findFirst().orElseThrow();
    }
}
