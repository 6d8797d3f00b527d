package pxlab.agent.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a thread's {@code /proc/self/task/<tid>/schedstat}: nanoseconds on a CPU, nanoseconds runnable on a run
 * queue but not running, and time slices. The second number is what a preempted lock owner accumulates.
 */
public final class SchedStat {

    /** One file per thread read so far; a read that fails (the thread ended) drops it. */
    private static final ConcurrentHashMap<Integer, ProcFile> FILES = new ConcurrentHashMap<>();

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
        for (int attempt = 0; attempt < 2; attempt++) {
            ProcFile f = FILES.get(tid);
            if (f == null) {   // no lambda: linking one on first use would cost an application thread milliseconds
                ProcFile made = new ProcFile("/proc/self/task/" + tid + "/schedstat");
                f = FILES.putIfAbsent(tid, made);
                if (f == null) f = made;
            }
            int n = f.read(buf);
            if (n >= 0) return parse(buf, n, out);
            // The thread this file was opened for ended; the id may have a new thread already: open it once more.
            FILES.remove(tid, f);
        }
        return false;
    }

    /**
     * Closes the files of threads that ended, which no read may come to fail.
     *
     * @param alive The OS ids of the live threads.
     */
    static void retain(Set<Integer> alive) {
        FILES.entrySet().removeIf(e -> {
            if (alive.contains(e.getKey())) return false;
            e.getValue().close();
            return true;
        });
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
