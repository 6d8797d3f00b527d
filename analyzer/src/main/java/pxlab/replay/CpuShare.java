package pxlab.replay;

import java.util.List;
import pxlab.trace.CpuLoad;
import pxlab.trace.CpuSample;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Wait;

/**
 * A thread's CPU time and run-queue wait over a window, from the agent's cumulative {@code pxlab.ThreadCpu} samples
 * (the two samples around the window, scaled to it), else from JFR's {@code jdk.ThreadCPULoad} (no run-queue time).
 *
 * @param cpuNs      CPU time in the window.
 * @param runqueueNs Run-queue wait in the window (0 when only the load was recorded).
 * @param measured   Whether the recording said anything about the thread's CPU.
 */
record CpuShare(long cpuNs, long runqueueNs, boolean measured) {

    /**
     * Estimates a thread's share of a window.
     *
     * @param t      The thread.
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @param cpus   The recording machine's CPUs ({@code jdk.ThreadCPULoad} is a share of all of them).
     * @return The share.
     */
    static CpuShare of(ThreadTimeline t, long fromNs, long toNs, int cpus) {
        List<CpuSample> s = t.cpu().stream().filter(c -> c.cpuNs() != Wait.UNKNOWN).toList();
        if (s.size() >= 2) {
            CpuSample a = s.get(0);
            CpuSample b = s.get(s.size() - 1);
            for (CpuSample c : s) {   // the last sample at or before the window, the first at or after it
                if (c.timeNs() <= fromNs) a = c;
            }
            for (int i = s.size() - 1; i >= 0; i--) {
                if (s.get(i).timeNs() >= toNs) b = s.get(i);
            }
            if (b.timeNs() <= a.timeNs()) return new CpuShare(0, 0, true);
            // Uniform spread across the samples' span, and at that rate over the thread's life in the window where
            // the samples do not reach: sampled once a second, the agent cannot say more, and a thread that was
            // busy up to the last sample is not idle after it.
            long span = b.timeNs() - a.timeNs();
            long end = t.endNs() == Wait.UNKNOWN ? toNs : Math.min(toNs, t.endNs());
            long window = end - Math.max(fromNs, t.startNs());
            long cpu = scale(b.cpuNs() - a.cpuNs(), window, span);
            long rq = b.runqueueNs() == Wait.UNKNOWN || a.runqueueNs() == Wait.UNKNOWN ? 0
                    : scale(b.runqueueNs() - a.runqueueNs(), window, span);
            return new CpuShare(cpu, rq, true);
        }
        List<CpuLoad> load = t.load().stream().filter(l -> l.timeNs() >= fromNs && l.timeNs() <= toNs).toList();
        if (load.isEmpty()) return new CpuShare(0, 0, false);
        double mean = load.stream().mapToDouble(l -> l.user() + l.system()).average().orElse(0);
        long cpu = Math.round(Math.min(1.0, mean * Math.max(1, cpus)) * (toNs - fromNs));
        return new CpuShare(cpu, 0, true);
    }

    private static long scale(long amount, long part, long whole) {
        if (part <= 0 || amount <= 0) return 0;
        return (long) ((double) amount * part / whole);
    }
}
