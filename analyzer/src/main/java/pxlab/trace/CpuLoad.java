package pxlab.trace;

/**
 * A thread's CPU load over the period before {@code timeNs} ({@code jdk.ThreadCPULoad}).
 *
 * @param timeNs When it was measured, epoch nanoseconds.
 * @param user   User-mode load, as a fraction (0..1) of the machine's CPU time.
 * @param system Kernel-mode load, likewise.
 */
public record CpuLoad(long timeNs, double user, double system) {
}
