package pxlab.agent.bootstrap;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a thread's {@code /proc/self/task/<tid>/schedstat}: nanoseconds on a CPU, nanoseconds runnable on a run
 * queue but not running, and time slices. The second number is what a preempted lock owner accumulates.
 */
public final class SchedStat {

    /** One open file per thread read so far; a read that fails (the thread ended) closes and drops it. */
    private static final ConcurrentHashMap<Integer, RandomAccessFile> FILES = new ConcurrentHashMap<>();
    /** Beyond this many open files, threads are read with open, read and close. */
    private static final int MAX_OPEN = 512;

    private SchedStat() {
    }

    /**
     * Reads a thread's CPU time and run-queue wait.
     *
     * @param tid The thread's OS id.
     * @param out Receives {@code [cpuNs, runqueueNs]}.
     * @return {@code true} if the file was read; {@code false} when the thread is gone or this is not Linux.
     */
    public static boolean read(int tid, long[] out) {
        byte[] buf = new byte[64];
        int n = -1;
        RandomAccessFile f = FILES.get(tid);
        if (f == null && FILES.size() >= MAX_OPEN) return readOnce(tid, buf, out);
        try {
            if (f == null) {
                f = new RandomAccessFile("/proc/self/task/" + tid + "/schedstat", "r");
                RandomAccessFile prev = FILES.putIfAbsent(tid, f);
                if (prev != null) {
                    f.close();
                    f = prev;
                }
            }
            // Seeking to 0 makes procfs generate fresh numbers: one pread instead of open, read and close.
            synchronized (f) {   // a monitor: the probe never instruments monitors
                f.seek(0);
                n = f.read(buf);
            }
        } catch (IOException | SecurityException e) {
            forget(tid, f);
            return false;
        }
        return parse(buf, n, out);
    }

    private static boolean readOnce(int tid, byte[] buf, long[] out) {
        int n;
        try (RandomAccessFile f = new RandomAccessFile("/proc/self/task/" + tid + "/schedstat", "r")) {
            n = f.read(buf);
        } catch (IOException | SecurityException e) {
            return false;
        }
        return parse(buf, n, out);
    }

    /** Closes a thread's file once the thread is gone (reads fail) so descriptors do not pile up. */
    private static void forget(int tid, RandomAccessFile f) {
        if (f == null) return;
        FILES.remove(tid, f);
        try {
            f.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static boolean parse(byte[] buf, int n, long[] out) {
        int i = 0;
        for (int field = 0; field < 2; field++) {
            long v = 0;
            boolean digits = false;
            while (i < n && buf[i] >= '0' && buf[i] <= '9') {
                v = v * 10 + (buf[i++] - '0');
                digits = true;
            }
            if (!digits) return false;
            out[field] = v;
            i++;   // the space
        }
        return true;
    }
}
