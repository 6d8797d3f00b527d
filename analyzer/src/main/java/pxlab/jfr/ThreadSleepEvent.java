package pxlab.jfr;

/**
 * One {@code jdk.ThreadSleep} event: the event thread was in {@code Thread.sleep}.
 *
 * @param startNs When the sleep began, epoch nanoseconds.
 * @param endNs   When it ended.
 * @param thread  The sleeping thread.
 */
public record ThreadSleepEvent(long startNs, long endNs, JfrThread thread) implements Span {
}
