package pxlab.trace;

/**
 * A span of time, such as a virtual thread pinned to its carrier ({@code jdk.VirtualThreadPinned}).
 *
 * @param startNs When it began, epoch nanoseconds.
 * @param endNs   When it ended.
 */
public record Interval(long startNs, long endNs) {
}
