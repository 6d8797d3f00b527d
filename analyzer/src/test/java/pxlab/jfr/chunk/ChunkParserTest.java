package pxlab.jfr.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LockHoldEvent;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.MonitorEnterEvent;
import pxlab.jfr.MonitorWaitEvent;
import pxlab.jfr.RecordingException;
import pxlab.jfr.RecordingException.Problem;
import pxlab.jfr.RequestEvent;
import pxlab.jfr.ThreadCpuEvent;
import pxlab.jfr.ThreadEndEvent;
import pxlab.jfr.ThreadParkEvent;
import pxlab.jfr.ThreadSleepEvent;
import pxlab.jfr.ThreadStartEvent;
import pxlab.testsupport.StandInLockWait;

/**
 * pxlab's {@link ChunkParser} against the JDK's parser, record for record, on a recording made in this JVM with
 * every event type the analyzer reads that this JVM can produce: the agent's events by stand-ins (stacks, a
 * timespan in microseconds, a missing field, an owner JFR cannot name), and the JDK's own from real contention,
 * parking, sleeping, waiting and threads that start and end.
 */
class ChunkParserTest {

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = dir.resolve("mixed.jfr");
        try (Recording r = new Recording()) {
            for (String type : List.of("pxlab.LockWait", "pxlab.LockHold", "pxlab.Request", "pxlab.ThreadCpu",
                    "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark", "jdk.ThreadSleep")) {
                r.enable(type).withThreshold(java.time.Duration.ZERO).withStackTrace();
            }
            for (String type : List.of("jdk.ThreadStart", "jdk.ThreadEnd", "jdk.CPUInformation")) r.enable(type);
            r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            r.enable("jdk.ThreadCPULoad").withPeriod(java.time.Duration.ofMillis(10));
            r.start();
            agentEvents();
            contention();
            r.stop();
            r.dump(recording);
        }
    }

    private static void agentEvents() throws InterruptedException {
        Thread owner = new Thread(() -> { }, "fake-owner");
        for (int i = 0; i < 3; i++) {
            StandInLockWait w = new StandInLockWait();
            w.begin();
            Thread.sleep(1);
            w.end();
            w.lockId = 77 + i;
            w.lockClass = i == 0 ? ReentrantLock.class : null;
            w.kind = i == 1 ? null : "mutex";
            w.owner = i == 2 ? null : Thread.currentThread();
            w.ownerOsThreadId = i == 2 ? 4242 : 0;
            w.acquired = i != 1;
            if (i == 0) w.ownerCpuTime = 3_000_000;
            w.commit();
        }
        RecordingReaderTest.FakeLockHold hold = new RecordingReaderTest.FakeLockHold();
        hold.lockId = 77;
        hold.kind = "write";
        hold.holder = owner;   // never started, so JFR names no thread: the OS id stands in
        hold.holderOsThreadId = 4243;
        hold.holderCpuTime = 5;
        hold.waiters = 2;
        hold.commit();
        RecordingReaderTest.FakeOldRequest req = new RecordingReaderTest.FakeOldRequest();
        req.name = "app.Api#get \u00e9\u4e2d";   // not Latin-1: written in another string encoding
        req.commit();
        RecordingReaderTest.FakeThreadCpu cpu = new RecordingReaderTest.FakeThreadCpu();
        cpu.osThreadId = 4321;
        cpu.osThreadName = "hog";
        cpu.cpuTime = 5;
        cpu.runqueueWait = 7;
        cpu.commit();
    }

    /** Monitor and ReentrantLock contention, a sleep and an Object.wait, in threads that start and end. */
    private static void contention() throws InterruptedException {
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    long until = System.nanoTime() + 150_000_000L;
                    while (System.nanoTime() < until) {
                        synchronized (monitor) {
                            spin(200_000);
                        }
                        lock.lock();
                        try {
                            spin(200_000);
                        } finally {
                            lock.unlock();
                        }
                    }
                    Thread.sleep(2);
                    synchronized (monitor) {
                        monitor.wait(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-" + t);
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) th.join();
    }

    private static void spin(long ns) {
        long until = System.nanoTime() + ns;
        while (System.nanoTime() < until) Thread.onSpinWait();
    }

    @Test
    void everyChunkGivesTheJdkParsersRecords() throws Exception {
        ChunkedRecording r = ChunkedRecording.open(recording);
        Set<String> seen = new TreeSet<>();
        for (int k = 0; k < r.chunks(); k++) {
            Records fast = new Records();
            r.read(k, fast);
            Records jdk = new Records();
            r.readWithJdk(k, jdk);
            assertEquals(jdk.all, fast.all, "chunk " + (k + 1));
            for (Object e : fast.all) seen.add(e.getClass().getSimpleName());
        }
        for (String type : List.of("LockWaitEvent", "LockHoldEvent", "RequestEvent", "ThreadCpuEvent",
                "MonitorEnterEvent", "MonitorWaitEvent", "ThreadParkEvent", "ThreadSleepEvent", "ThreadStartEvent",
                "ThreadEndEvent", "CpuInformationEvent")) {
            assertTrue(seen.contains(type), "the recording holds a " + type + ": " + seen);
        }
    }

    @Test
    void stacksOwnersAndStringsSurviveTheParse() throws Exception {
        Records fast = new Records();
        ChunkedRecording r = ChunkedRecording.open(recording);
        for (int k = 0; k < r.chunks(); k++) r.read(k, fast);
        LockWaitEvent w = fast.of(LockWaitEvent.class).stream().filter(x -> x.lockId() == 77).findFirst().orElseThrow();
        assertEquals("java.util.concurrent.locks.ReentrantLock", w.lockClass());
        assertEquals(3_000_000, w.ownerCpuNs());
        assertFalse(w.stack().isEmpty());
        assertTrue(w.stack().get(0).startsWith(ChunkParserTest.class.getName() + ".agentEvents:"), w.stack().toString());
        LockWaitEvent ended = fast.of(LockWaitEvent.class).stream().filter(x -> x.lockId() == 79).findFirst()
                .orElseThrow();
        assertEquals(JfrThread.ofOs(4242, null), ended.owner());
        assertEquals("app.Api#get \u00e9\u4e2d", fast.of(RequestEvent.class).get(0).name());
        assertEquals(5_000, fast.of(ThreadCpuEvent.class).get(0).cpuNs(), "microseconds follow their unit");
    }

    @Test
    void aChunkOfAKindItDoesNotReadGoesToTheJdkParser() throws Exception {
        Path flagged = dir.resolve("flagged.jfr");
        byte[] bytes = Files.readAllBytes(recording);
        bytes[ChunkHeaders.FLAGS_AT] |= ChunkHeaders.COMPRESSED_TICKS;   // a header flag this parser does not read
        Files.write(flagged, bytes);
        ChunkedRecording r = ChunkedRecording.open(flagged);
        Records read = new Records();
        r.read(0, read);
        Records jdk = new Records();
        r.readWithJdk(0, jdk);
        assertFalse(read.all.isEmpty());
        assertEquals(jdk.all, read.all);
    }

    @Test
    void aDamagedEventIsOneLineNamingTheChunk() throws Exception {
        Path damaged = dir.resolve("damaged.jfr");
        byte[] bytes = Files.readAllBytes(recording);
        ChunkInput in = new ChunkInput(bytes, bytes.length);
        int at = ChunkHeaders.HEADER_BYTES;
        for (int i = 0; i < 10; i++) {   // the tenth event's size: now larger than the chunk
            in.position(at);
            at += in.readInt();
        }
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        System.arraycopy(huge, 0, bytes, at, huge.length);
        Files.write(damaged, bytes);
        ChunkedRecording r = ChunkedRecording.open(damaged);
        RecordingException e = assertThrows(RecordingException.class, () -> r.read(0, new Records()));
        assertEquals(Problem.DAMAGED, e.problem());
        assertTrue(e.getMessage().contains("chunk 1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
