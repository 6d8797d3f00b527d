package pxlab.jfr;

/**
 * One {@code pxlab.Request} event: a timed call of a configured method.
 *
 * @param startNs When the call began, epoch nanoseconds.
 * @param endNs   When it returned or threw.
 * @param thread  The calling thread.
 * @param name    {@code Class#method}.
 * @param failed  Whether it threw.
 */
public record RequestEvent(long startNs, long endNs, JfrThread thread, String name, boolean failed) implements Span {
}
