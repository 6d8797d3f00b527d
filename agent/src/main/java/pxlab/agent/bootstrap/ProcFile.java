package pxlab.agent.bootstrap;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small procfs file that is read again and again, such as a thread's {@code schedstat} or {@code stat}. It is held
 * open and re-read from offset 0, which makes procfs generate fresh contents: one {@code pread} instead of open, read
 * and close. Beyond {@link #MAX_OPEN} files held by the agent, files are opened for each read instead.
 *
 * <p>A held file keeps naming the thread it was opened for: once that thread ends, reads fail, even if a new thread
 * gets the same id. Reads are serialized per file; a plain stream is used (no NIO channels, no java.util.concurrent
 * lock on the probe's path).
 */
final class ProcFile {

    /** Files held open by all instances: each costs the process a descriptor for as long as its thread lives. */
    static final int MAX_OPEN = 1024;
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final String path;
    /** The held file, or {@code null} before the first read, after a failure, or when over the cap. */
    private RandomAccessFile file;
    private boolean closed;

    /**
     * Names a file; nothing is opened yet.
     *
     * @param path The file's path.
     */
    ProcFile(String path) {
        this.path = path;
    }

    /**
     * Reads the file from its start into {@code buf}.
     *
     * @param buf Receives the contents; a file longer than it is cut to its length.
     * @return The number of bytes read, or -1 when the file cannot be read (the thread ended, not Linux).
     */
    synchronized int read(byte[] buf) {
        if (closed) return -1;
        try {
            if (file == null && OPEN.incrementAndGet() > MAX_OPEN) {
                OPEN.decrementAndGet();
                try (RandomAccessFile once = new RandomAccessFile(path, "r")) {
                    return fill(once, buf);
                }
            }
            if (file == null) {
                try {
                    file = new RandomAccessFile(path, "r");
                } catch (IOException | RuntimeException e) {
                    OPEN.decrementAndGet();
                    throw e;
                }
            }
            file.seek(0);
            return fill(file, buf);
        } catch (IOException | SecurityException e) {
            close();
            return -1;
        }
    }

    private static int fill(RandomAccessFile f, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = f.read(buf, n, buf.length - n);
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    /** Releases the descriptor; later reads fail. */
    synchronized void close() {
        closed = true;
        if (file == null) return;
        OPEN.decrementAndGet();
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        file = null;
    }
}
