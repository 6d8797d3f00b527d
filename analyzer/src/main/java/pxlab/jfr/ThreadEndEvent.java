package pxlab.jfr;

/**
 * One {@code jdk.ThreadEnd} event.
 *
 * @param timeNs When the thread ended, epoch nanoseconds.
 * @param thread The thread that ended.
 */
public record ThreadEndEvent(long timeNs, JfrThread thread) {
}
