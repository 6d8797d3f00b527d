package pxlab.jfr;

/**
 * One {@code jdk.ThreadCPULoad} event: a thread's CPU load over the last period.
 *
 * @param timeNs When the load was measured, epoch nanoseconds.
 * @param thread The thread.
 * @param user   User-mode load, as a fraction (0..1) of the machine's CPU time.
 * @param system Kernel-mode load, likewise.
 */
public record ThreadCpuLoadEvent(long timeNs, JfrThread thread, double user, double system) {
}
