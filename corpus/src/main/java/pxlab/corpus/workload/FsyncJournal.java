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
 * A journal whose nice-19 {@code flusher} holds the journal lock across real I/O: it writes the pending records to
 * a file and {@code fsync}s it, while nice-0 {@code appender-N} threads wait to append. No hogs: the flusher is off
 * CPU in the kernel, not preempted. Planted: inversions behind a sleeping owner (proxy execution cannot run it).
 * The file goes to {@code java.io.tmpdir}; a tmpfs there makes the fsync free and the plant rarely occurs.
 */
final class FsyncJournal implements Workload {

    private final ReentrantLock journal = new ReentrantLock();
    private final ByteBuffer pending = ByteBuffer.allocate(4 << 20);

    @Override
    public String name() {
        return "fsync-journal";
    }

    @Override
    public String summary() {
        return "ReentrantLock: appender-N (nice 0) wait for flusher (nice 19) writing and fsyncing a file inside;"
                + " planted: inversion, owner sleeping (I/O), culprit flusher in flushJournal";
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.truth().lock("journal", "mutex");
        run.truth().plant(new Plant("appenders-behind-flusher", "journal", "appender-\\d+", "flusher",
                "flushJournal", "OWNER_SLEEPING", true));
        Path file = Files.createTempFile("pxlab-corpus-journal", ".log");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            run.start("flusher", () -> {
                flushJournal(lock, out);
                run.renice(19);
            }, () -> {
                while (run.running()) {
                    Run.sleepMs(10);
                    flushJournal(lock, out);
                }
            });
            byte[] record = new byte[512];
            for (int i = 0; i < run.knobs().threadsOr(4); i++) {
                run.start("appender-" + i, () -> {
                    while (run.running()) {
                        lock.lock(journal);
                        try {
                            if (pending.remaining() >= record.length) pending.put(record);
                        } finally {
                            lock.unlock(journal);
                        }
                        Run.pause(200_000);
                    }
                });
            }
            run.go();
            run.awaitThreads();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes what is pending, at least 256 KiB, and forces it to the device, holding the journal. */
    private void flushJournal(TrackedLock lock, FileChannel out) throws IOException {
        lock.lock(journal);
        try {
            pending.flip();
            ByteBuffer data = pending.remaining() >= 256 << 10 ? pending : ByteBuffer.allocate(256 << 10);
            while (data.hasRemaining()) out.write(data);
            out.force(true);
            pending.clear();
        } finally {
            lock.unlock(journal);
        }
    }
}
