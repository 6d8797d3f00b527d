package pxlab.jfr.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.inversion.InversionFinder;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.Frames;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LockHoldEvent;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.PxlabEvents;
import pxlab.jfr.RecordingException;
import pxlab.jfr.RecordingException.Problem;
import pxlab.jfr.RequestEvent;
import pxlab.jfr.ThreadCpuEvent;
import pxlab.testsupport.StandInLockWait;
import pxlab.testsupport.TestRecordings;
import pxlab.trace.Trace;

/**
 * {@link RecordingReader} on recordings made in this JVM: stand-in classes under the agent's event names, read
 * back with the reader, and bad files made by hand. The stand-ins also play older and other contracts: a
 * {@code pxlab.Request} without its {@code failed} field, a timespan in microseconds.
 */
class RecordingReaderTest {

    /** A hold ended by another thread than its holder: the {@code holder} field names the holder. */
    @Name("pxlab.LockHold")
    static class FakeLockHold extends Event {
        long lockId;
        String kind;
        Thread holder;
        long holderOsThreadId;
        long holderJavaThreadId;
        String holderJavaThreadName;
        @Timespan(Timespan.NANOSECONDS)
        long holderCpuTime = Long.MIN_VALUE;
        @Timespan(Timespan.NANOSECONDS)
        long holderRunqueueWait = Long.MIN_VALUE;
        int waiters;
    }

    /** An older contract: no {@code failed} field. */
    @Name("pxlab.Request")
    static class FakeOldRequest extends Event {
        String name;
    }

    /** A contract that measures CPU in microseconds: the reader must follow the annotation, not the name. */
    @Name("pxlab.ThreadCpu")
    static class FakeThreadCpu extends Event {
        long osThreadId;
        String osThreadName;
        @Timespan(Timespan.MICROSECONDS)
        long cpuTime;
        @Timespan(Timespan.NANOSECONDS)
        long runqueueWait;
    }

    @TempDir
    static Path dir;
    static Path recording;
    static Path quiet;
    static final CountDownLatch END = new CountDownLatch(1);
    static Thread owner;

    @BeforeAll
    static void record() throws Exception {
        owner = TestRecordings.idle("fake-owner", END);   // alive until the dump, so JFR can name it
        recording = dir.resolve("fake.jfr");
        try (Recording r = new Recording()) {
            r.enable("pxlab.LockWait").withStackTrace();
            r.enable("pxlab.Request");
            r.enable("pxlab.LockHold");
            r.enable("pxlab.ThreadCpu");
            r.enable("jdk.CPUInformation");
            r.start();
            commitWait(-1, -1);
            commitWait(3_000_000, 40_000_000);
            StandInLockWait ended = new StandInLockWait();   // an owner JFR could not name: only its OS id is left
            ended.lockId = 78;
            ended.kind = "mutex";
            ended.ownerOsThreadId = 4242;
            ended.commit();
            // What the agent writes for an owner that ended before the commit: JDK 17 writes the thread field as
            // null, the plain fields still name it.
            StandInLockWait gone = new StandInLockWait();
            gone.lockId = 79;
            gone.kind = "mutex";
            gone.ownerOsThreadId = 4244;
            gone.ownerJavaThreadId = 4_000_001;
            gone.ownerJavaThreadName = "short-lived-job";
            gone.commit();
            FakeLockHold goneHold = new FakeLockHold();
            goneHold.lockId = 79;
            goneHold.kind = "mutex";
            goneHold.holderOsThreadId = 4244;
            goneHold.holderJavaThreadId = 4_000_001;
            goneHold.holderJavaThreadName = "short-lived-job";
            goneHold.commit();
            FakeLockHold hold = new FakeLockHold();
            hold.lockId = 77;
            hold.kind = "mutex";
            hold.holder = owner;
            hold.holderOsThreadId = 4243;
            hold.holderCpuTime = 5;
            hold.waiters = 2;
            hold.commit();
            FakeOldRequest req = new FakeOldRequest();
            req.name = "app.Api#get";
            req.commit();
            FakeThreadCpu cpu = new FakeThreadCpu();
            cpu.osThreadId = 4321;
            cpu.osThreadName = "hog";
            cpu.cpuTime = 5;
            cpu.runqueueWait = 7;
            cpu.commit();
            r.stop();
            r.dump(recording);
        }
        quiet = TestRecordings.quiet(dir.resolve("quiet.jfr"));
    }

    @AfterAll
    static void release() {
        END.countDown();
    }

    private static void commitWait(long cpuNs, long rqNs) throws InterruptedException {
        StandInLockWait e = new StandInLockWait();
        e.begin();
        Thread.sleep(2);
        e.end();
        e.lockId = 77;
        e.lockClass = java.util.concurrent.locks.ReentrantLock.class;
        e.kind = "mutex";
        e.owner = owner;
        e.acquired = true;
        if (cpuNs >= 0) e.ownerCpuTime = cpuNs;
        if (rqNs >= 0) e.ownerRunqueueWait = rqNs;
        e.commit();
    }

    private static LockWaitEvent waitOnLock77() throws RecordingException {
        return read(recording).first(LockWaitEvent.class, w -> w.lockId() == 77);
    }

    private static Records read(Path file) throws RecordingException {
        Records c = new Records();
        RecordingReader.read(file, c);
        return c;
    }

    @Test
    void unsetOwnerChargesAreUnknownAndSetOnesAreNanoseconds() throws Exception {
        Records c = read(recording);
        assertEquals(4, c.of(LockWaitEvent.class).size());
        LockWaitEvent unknown = c.first(LockWaitEvent.class, w -> w.lockId() == 77 && w.ownerCpuNs() < 0);
        assertEquals(-1, unknown.ownerRunqueueNs());
        LockWaitEvent known = c.first(LockWaitEvent.class, w -> w.ownerCpuNs() >= 0);
        assertEquals(3_000_000, known.ownerCpuNs());
        assertEquals(40_000_000, known.ownerRunqueueNs());
        assertTrue(known.endNs() - known.startNs() >= 2_000_000, "duration from the event, in nanoseconds");
    }

    @Test
    void waitNamesItsOwnerAndLock() throws Exception {
        LockWaitEvent w = waitOnLock77();
        assertEquals("fake-owner", w.owner().javaName());
        assertEquals(owner.getId(), w.owner().javaId());
        assertEquals(Thread.currentThread().getName(), w.waiter().javaName());
        assertEquals(77, w.lockId());
        assertEquals("java.util.concurrent.locks.ReentrantLock", w.lockClass());
        assertEquals("mutex", w.kind());
    }

    @Test
    void ownerJfrCannotNameIsKeptByItsOsId() throws Exception {
        LockWaitEvent w = read(recording).first(LockWaitEvent.class, x -> x.lockId() == 78);
        assertEquals(JfrThread.ofOs(4242, null), w.owner());
    }

    @Test
    void ownerAndHolderJfrWroteAsNullAreNamedByTheAgentsOwnFields() throws Exception {
        Records sink = read(recording);
        JfrThread gone = new JfrThread(4_000_001, 4244, "short-lived-job", null, false);
        assertEquals(gone, sink.first(LockWaitEvent.class, x -> x.lockId() == 79).owner());
        assertEquals(gone, sink.first(LockHoldEvent.class, x -> x.lockId() == 79).holder());
    }

    @Test
    void holdNamesItsHolderWhoeverEndedIt() throws Exception {
        LockHoldEvent h = read(recording).first(LockHoldEvent.class, x -> x.lockId() == 77);
        assertEquals("fake-owner", h.holder().javaName());
        assertEquals(owner.getId(), h.holder().javaId());
        assertEquals(5, h.holderCpuNs());
        assertEquals(-1, h.holderRunqueueNs());
        assertEquals(2, h.waiters());
    }

    @Test
    void stackStartsAtTheCodeThatWaited() throws Exception {
        LockWaitEvent w = waitOnLock77();
        assertFalse(w.inRecorder());
        List<String> stack = w.stack();
        assertFalse(stack.isEmpty());
        assertTrue(stack.size() <= Frames.DEPTH, stack.toString());
        assertTrue(stack.get(0).startsWith(RecordingReaderTest.class.getName() + ".commitWait:"), stack.toString());
    }

    @Test
    void missingFieldsTakeTheirDefaults() throws Exception {
        RequestEvent r = read(recording).of(RequestEvent.class).get(0);
        assertEquals("app.Api#get", r.name());
        assertFalse(r.failed());
    }

    @Test
    void timespansFollowTheirAnnotatedUnit() throws Exception {
        ThreadCpuEvent cpu = read(recording).of(ThreadCpuEvent.class).get(0);
        assertEquals(5_000, cpu.cpuNs());
        assertEquals(7, cpu.runqueueNs());
        assertEquals(4321, cpu.thread().osId());
        assertEquals(-1, cpu.thread().javaId());
        assertEquals("hog", cpu.thread().osName());
    }

    @Test
    void infoComesFromTheHeadersAndMetadata() throws Exception {
        Records c = read(recording);
        assertTrue(c.ended);
        assertTrue(c.info.declares(PxlabEvents.LockWait.NAME));
        assertTrue(c.info.chunks() >= 1);
        assertTrue(c.info.startNs() > 1_600_000_000_000_000_000L, "epoch nanoseconds: " + c.info.startNs());
        assertTrue(c.of(CpuInformationEvent.class).size() >= 1);
    }

    @Test
    void validRecordingWithoutLockEventsIsAnEmptyResult() throws Exception {
        Trace t = Trace.read(quiet);
        assertTrue(t.waits().isEmpty());
        assertTrue(t.cpus() > 0);
        assertTrue(InversionFinder.find(t).waits().isEmpty());
    }

    @Test
    void missingFile() {
        RecordingException e = assertThrows(RecordingException.class, () -> Trace.read(dir.resolve("nope.jfr")));
        assertEquals(Problem.MISSING, e.problem());
        assertEquals(dir.resolve("nope.jfr") + ": no such file", e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        RecordingException e = assertThrows(RecordingException.class, () -> Trace.read(empty));
        assertEquals(Problem.EMPTY, e.problem());
        assertEquals(empty + ": empty file (0 bytes), not a JFR recording", e.getMessage());
    }

    @Test
    void fileThatIsNotJfr() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "these are notes, not a flight recording\n");
        RecordingException e = assertThrows(RecordingException.class, () -> Trace.read(text));
        assertEquals(Problem.NOT_JFR, e.problem());
        assertOneLine(e);
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] all = Files.readAllBytes(recording);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(all, all.length / 2));
        RecordingException e = assertThrows(RecordingException.class, () -> Trace.read(half));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().startsWith(half + ": truncated recording: chunk 1 needs " + all.length + " bytes"),
                e.getMessage());
        assertOneLine(e);
    }

    @Test
    void fileCutInsideTheFirstHeader() throws IOException {
        byte[] all = Files.readAllBytes(recording);
        Path stub = Files.write(dir.resolve("stub.jfr"), Arrays.copyOf(all, 20));
        RecordingException e = assertThrows(RecordingException.class, () -> Trace.read(stub));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertOneLine(e);
    }

    @Test
    void bytesAfterTheLastChunkAreDamage() throws IOException {
        byte[] all = Files.readAllBytes(recording);
        byte[] longer = Arrays.copyOf(all, all.length + 100);
        Path tail = Files.write(dir.resolve("tail.jfr"), longer);
        RecordingException e = assertThrows(RecordingException.class, () -> Trace.read(tail));
        assertEquals(Problem.DAMAGED, e.problem());
        assertOneLine(e);
    }

    @Test
    void directoryIsNotARecording() {
        RecordingException e = assertThrows(RecordingException.class, () -> Trace.read(dir));
        assertEquals(Problem.UNREADABLE, e.problem());
        assertEquals(dir + ": not a regular file", e.getMessage());
    }

    private static void assertOneLine(RecordingException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ": "), e.getMessage());
    }
}
