package pxlab.jfr;

/**
 * One {@code jdk.VirtualThreadPinned} event: a virtual thread blocked while pinned to its carrier.
 *
 * @param startNs When it blocked, epoch nanoseconds.
 * @param endNs   When it continued.
 * @param thread  The virtual thread.
 */
public record VirtualThreadPinnedEvent(long startNs, long endNs, JfrThread thread) implements Span {
}
