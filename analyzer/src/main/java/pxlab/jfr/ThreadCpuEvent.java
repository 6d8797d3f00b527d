package pxlab.jfr;

/**
 * One {@code pxlab.ThreadCpu} event: a thread's cumulative CPU time and run-queue wait at {@code timeNs}.
 *
 * @param timeNs     When schedstat was read, epoch nanoseconds.
 * @param thread     The thread: the Java thread when the agent knew it, else its OS id and kernel name only.
 * @param cpuNs      Total time on a CPU since the thread started.
 * @param runqueueNs Total time runnable but not running since the thread started.
 */
public record ThreadCpuEvent(long timeNs, JfrThread thread, long cpuNs, long runqueueNs) {
}
