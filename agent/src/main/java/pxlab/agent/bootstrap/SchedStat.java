package pxlab.agent.bootstrap;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * Reads a thread's {@code /proc/self/task/<tid>/schedstat}: nanoseconds on a CPU, nanoseconds runnable on a run
 * queue but not running, and time slices. The second number is what a preempted lock owner accumulates.
 */
public final class SchedStat {

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
        int n;
        // A plain stream: no NIO channels and no java.util.concurrent locks on the probe's path.
        try (FileInputStream in = new FileInputStream("/proc/self/task/" + tid + "/schedstat")) {
            n = in.read(buf);
        } catch (IOException | SecurityException e) {
            return false;
        }
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
