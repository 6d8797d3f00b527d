package pxlab.jfr;

/**
 * One {@code jdk.ThreadStart} event.
 *
 * @param timeNs When the thread started, epoch nanoseconds.
 * @param thread The thread that started.
 */
public record ThreadStartEvent(long timeNs, JfrThread thread) {
}
