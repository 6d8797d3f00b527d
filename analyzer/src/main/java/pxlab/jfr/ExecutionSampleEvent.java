package pxlab.jfr;

/**
 * One {@code jdk.ExecutionSample} event: a thread was found executing Java code.
 *
 * <p><b>Note</b>: the JVM samples threads that are in Java code from its own point of view; a thread the kernel
 * preempted in the middle of Java code looks the same. A sample says "running or runnable", never which.
 *
 * @param timeNs When the sample was taken, epoch nanoseconds.
 * @param thread The sampled thread.
 */
public record ExecutionSampleEvent(long timeNs, JfrThread thread) {
}
