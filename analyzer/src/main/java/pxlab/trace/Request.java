package pxlab.trace;

import java.util.Objects;

/**
 * One timed call of a foreground operation ({@code pxlab.Request}).
 *
 * @param thread  The calling thread.
 * @param name    {@code Class#method}.
 * @param startNs When the call began, epoch nanoseconds.
 * @param endNs   When it returned or threw.
 * @param failed  Whether it threw.
 * @param seq     The request's position in the file.
 */
public record Request(TraceThread thread, String name, long startNs, long endNs, boolean failed, long seq) {

    public Request {
        Objects.requireNonNull(thread);
        Objects.requireNonNull(name);
    }

    /**
     * Returns the call's latency.
     *
     * @return {@code endNs - startNs}.
     */
    public long durationNs() {
        return endNs - startNs;
    }
}
