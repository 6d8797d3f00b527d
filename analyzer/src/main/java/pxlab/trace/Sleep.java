package pxlab.trace;

/**
 * Time a thread spent off CPU by its own choice, not waiting for a lock: {@code Thread.sleep},
 * {@code Object.wait}, or a park on something that is not a lock (a condition, a latch, a queue).
 *
 * @param startNs When it began, epoch nanoseconds.
 * @param endNs   When it ended.
 * @param reason  What the thread was doing: {@code Thread.sleep}, {@code Object.wait}, or {@code park <Class>}.
 */
public record Sleep(long startNs, long endNs, String reason) {

    /**
     * Returns how much of {@code [fromNs, toNs)} this sleep covers.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The overlap in nanoseconds, 0 when disjoint.
     */
    public long overlapNs(long fromNs, long toNs) {
        return Math.max(0, Math.min(endNs, toNs) - Math.max(startNs, fromNs));
    }
}
