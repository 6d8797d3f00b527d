package pxlab.sim;

import java.util.Arrays;

/**
 * Every latency of one request, in ascending order: what a distribution (a CDF) is drawn from. Immutable, and
 * equal by content, so results that carry it still compare as values.
 */
public final class Latencies {

    /** No samples kept: only the quantiles are known. */
    public static final Latencies NONE = new Latencies(new long[0]);

    private final long[] sorted;

    private Latencies(long[] sorted) {
        this.sorted = sorted;
    }

    /**
     * Takes an array already in ascending order; the caller gives it up.
     *
     * @param sorted The latencies, nanoseconds, ascending.
     * @return The latencies.
     */
    static Latencies ofSorted(long[] sorted) {
        return sorted.length == 0 ? NONE : new Latencies(sorted);
    }

    /** @return How many samples there are. */
    public int size() {
        return sorted.length;
    }

    /** @return The samples' sum, nanoseconds. */
    public long sum() {
        long total = 0;
        for (long v : sorted) total += v;
        return total;
    }

    /** @return A copy of the samples, ascending. */
    public long[] toArray() {
        return sorted.clone();
    }

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code p}% of the samples at or below it.
     *
     * @param p The percentile, 0 to 100.
     * @return The sample, or 0 when there are none.
     */
    public long percentile(int p) {
        if (sorted.length == 0) return 0;
        long rank = ((long) p * sorted.length + 99) / 100;
        return sorted[(int) Math.max(0, rank - 1)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latencies l && Arrays.equals(sorted, l.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return "Latencies[" + sorted.length + "]";
    }
}
