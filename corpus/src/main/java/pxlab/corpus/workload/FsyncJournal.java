package pxlab.corpus.workload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A journal whose {@code flusher} ({@code SCHED_FIFO} 10) holds the journal lock across real I/O: it writes the
 * pending records to a file and {@code fsync}s it, while {@code appender-N} threads ({@code SCHED_FIFO} 20) wait to
 * append. No hogs, and real-time, so nothing on a busy machine preempts the flusher: it is off CPU in the kernel.
 * (At nice 19, or even nice -10 beside a build in another cgroup, it mostly waits for a CPU after its I/O, and the
 * design's "sleeping" would not hold.) Planted: inversions behind a sleeping owner, which proxy execution cannot
 * run. Real-time needs root; without it every thread stays at nice 0 and the plant does not occur. The file goes to
 * {@code java.io.tmpdir}; a tmpfs there makes the fsync free and the plant rare.
 */
final class FsyncJournal extends AbstractWorkload {

    private final ReentrantLock journal = new ReentrantLock();
    private final ByteBuffer pending = ByteBuffer.allocate(4 << 20);

    FsyncJournal() {
        super("fsync-journal",
                "ReentrantLock: appender-N (SCHED_FIFO 20, as root) wait for flusher (SCHED_FIFO 10) writing and"
                + " fsyncing a file inside; planted: inversion, owner sleeping (I/O), culprit flusher in flushJournal");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("mutex", new Plant("appenders-behind-flusher", "journal", "appender-\\d+",
                "flusher", "flushJournal", "OWNER_SLEEPING", true));
        Path file = Files.createTempFile("pxlab-corpus-journal", ".log");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            run.periodic("flusher", () -> {
                flushJournal(lock, out);
                run.fifo(10);
            }, 10, () -> flushJournal(lock, out));
            byte[] record = new byte[512];
            run.clients("appender-", run.knobs().threadsOr(4), () -> run.fifo(20), 200_000,
                    () -> lock.holding(journal, () -> {
                        if (pending.remaining() >= record.length) pending.put(record);
                    }));
            run.go();
            run.awaitThreads();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes what is pending, at least 16 KiB, and forces it to the device, holding the journal. */
    private void flushJournal(TrackedLock lock, FileChannel out) throws IOException {
        lock.lock(journal);
        try {
            pending.flip();
            ByteBuffer data = pending.remaining() >= 16 << 10 ? pending : ByteBuffer.allocate(16 << 10);
            while (data.hasRemaining()) out.write(data);
            out.force(true);
            pending.clear();
        } finally {
            lock.unlock(journal);
        }
    }
}
