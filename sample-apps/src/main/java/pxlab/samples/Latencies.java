package pxlab.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request latencies measured in the sample itself, so the analysis can be checked against what the app saw. Each
 * thread appends to its own array; {@link #result} merges them once, at the end.
 */
final class Latencies {

    private final List<long[]> all = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final ThreadLocal<Integer> slot = new ThreadLocal<>();

    /** Records one request's latency for the calling thread. */
    void record(long ns) {
        Integer i = slot.get();
        if (i == null) {
            synchronized (this) {
                i = all.size();
                all.add(new long[1024]);
                sizes.add(0);
            }
            slot.set(i);
        }
        synchronized (this) {   // uncontended but for the merge: each thread has its own slot
            long[] a = all.get(i);
            int n = sizes.get(i);
            if (n == a.length) all.set(i, a = Arrays.copyOf(a, n * 2));
            a[n] = ns;
            sizes.set(i, n + 1);
        }
    }

    /**
     * Returns the summary line the demo and the tests parse:
     * {@code RESULT sample=NAME requests=N p50_ms=… p99_ms=… max_ms=… EXTRA}.
     *
     * @param sample The sample's name.
     * @param extra  More {@code key=value} pairs, or empty.
     * @return The line.
     */
    synchronized String result(String sample, String extra) {
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        long[] merged = new long[total];
        int at = 0;
        for (int i = 0; i < all.size(); i++) {
            System.arraycopy(all.get(i), 0, merged, at, sizes.get(i));
            at += sizes.get(i);
        }
        Arrays.sort(merged);
        return String.format("RESULT sample=%s requests=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%s", sample, total,
                rank(merged, 0.50), rank(merged, 0.99), total == 0 ? 0.0 : merged[total - 1] / 1e6,
                extra.isEmpty() ? "" : " " + extra);
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double rank(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
