package pxlab.trace;

/**
 * A thread's cumulative schedstat at {@code timeNs} ({@code pxlab.ThreadCpu}): subtract two samples for what
 * happened between them.
 *
 * @param timeNs     When it was read, epoch nanoseconds.
 * @param cpuNs      Total time on a CPU since the thread started, or {@link Wait#UNKNOWN}.
 * @param runqueueNs Total time runnable but not running since the thread started, or {@link Wait#UNKNOWN}.
 */
public record CpuSample(long timeNs, long cpuNs, long runqueueNs) {
}
