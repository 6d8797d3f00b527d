package pxlab.analysis;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import pxlab.testsupport.StandInLockWait;
import pxlab.testsupport.StandInThreadSched;

/**
 * Writes multi-chunk recordings in the test JVM: each round is its own recording, appended to the file (chunks
 * are self-contained), so a file of R rounds has R chunks in time order.
 *
 * <p>Four threads wait for each other in a ring. Their scheduling attributes are recorded once, in the first
 * round only, so that every later chunk needs them carried: {@code t0} (nice -5) outranks {@code t1} (nice 10),
 * the owner of its waits, so its waits are inversions only when the reading reaches them. Waits last 20-120 us
 * and overlap the owner's own waits, so some owners are blocked, and the owner's share of run-queue time varies,
 * so every class but sleeping occurs. Now and then a thread is pinned ({@code jdk.VirtualThreadPinned}), so that
 * every chunk has pinning to sum.
 */
final class ChunkedRecordingFixture {

    static final int THREADS = 4;
    /** Each thread is pinned once per this many waits. */
    static final int PIN_EVERY = 50;
    private static final int[] NICE = {-5, 10, 0, 10};

    /** The JDK's event for a virtual thread pinned to its carrier, committed by hand: JDK 17 has no virtual threads. */
    @Name("jdk.VirtualThreadPinned")
    @StackTrace(false)
    static class ChunkPinned extends Event {
    }

    private ChunkedRecordingFixture() {
    }

    /**
     * Writes a recording.
     *
     * @param file          Where.
     * @param rounds        Chunks.
     * @param waitsPerRound Waits per thread per chunk.
     * @return The file.
     */
    static Path write(Path file, int rounds, int waitsPerRound) throws Exception {
        Files.deleteIfExists(file);
        Path part = Files.createTempFile(file.getParent(), "round", ".jfr");
        // The same four threads in every round, as a service's threads live through its recording's chunks.
        CyclicBarrier go = new CyclicBarrier(THREADS + 1);
        CyclicBarrier done = new CyclicBarrier(THREADS + 1);
        Thread[] all = new Thread[THREADS];
        for (int i = 0; i < THREADS; i++) {
            int me = i;
            all[i] = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    await(go);
                    if (r == 0) StandInThreadSched.commit(Thread.currentThread(), 7000 + me, NICE[me]);
                    for (int n = 0; n < waitsPerRound; n++) {
                        wait(all[(me + 1) % THREADS], me, n);
                        if (n % PIN_EVERY == me) pin(me, n);
                    }
                    await(done);
                }
            }, "t" + i);
            all[i].setDaemon(true);
        }
        for (Thread t : all) t.start();
        for (int r = 0; r < rounds; r++) {
            try (Recording rec = new Recording()) {
                rec.enable(StandInLockWait.class).withThreshold(java.time.Duration.ZERO);
                rec.enable(StandInThreadSched.class);
                rec.enable(ChunkPinned.class).withThreshold(java.time.Duration.ZERO);
                rec.enable("jdk.CPUInformation");
                rec.setToDisk(true);
                rec.start();
                await(go);
                await(done);
                rec.stop();
                rec.dump(part);
            }
            try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                Files.copy(part, o);
            }
        }
        for (Thread t : all) t.join();
        Files.delete(part);
        return file;
    }

    private static void wait(Thread owner, int me, int n) {
        StandInLockWait e = new StandInLockWait();
        e.begin();
        long lengthNs = 20_000 + (n * 7919L + me * 104729L) % 100_000;
        long until = System.nanoTime() + lengthNs;
        while (System.nanoTime() < until) Thread.onSpinWait();
        e.end();
        e.lockId = n % 8;
        e.lockClass = Object.class;
        e.kind = "mutex";
        e.owner = owner;
        e.acquired = true;
        e.ownerCpuTime = lengthNs * ((n + me) % 4) / 8;
        e.ownerRunqueueWait = lengthNs * ((n * 3 + me) % 5) / 8;
        e.commit();
    }

    /** A pin of 10-70 us, of a length that differs by thread and round. */
    private static void pin(int me, int n) {
        ChunkPinned e = new ChunkPinned();
        e.begin();
        long until = System.nanoTime() + 10_000 + (n * 31L + me * 7919L) % 60_000;
        while (System.nanoTime() < until) Thread.onSpinWait();
        e.end();
        e.commit();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }
}
