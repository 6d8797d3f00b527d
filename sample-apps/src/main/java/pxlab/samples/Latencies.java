package pxlab.samples;

import java.util.Arrays;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;

/**
 * Request latencies measured in the sample itself, so the analysis can be checked against what the app saw. Each
 * thread appends to an array of its own, without a lock (a shared one would add contention of its own to the
 * recording); {@link #result} merges them after the request threads have ended.
 */
final class Latencies {

    /** One thread's latencies. */
    private static final class Series {
        long[] ns = new long[1024];
        int size;
    }

    private final Queue<Series> all = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Series> mine = ThreadLocal.withInitial(() -> {
        Series s = new Series();
        all.add(s);
        return s;
    });

    /** Records one request's latency for the calling thread. */
    void record(long ns) {
        Series s = mine.get();
        if (s.size == s.ns.length) s.ns = Arrays.copyOf(s.ns, s.size * 2);
        s.ns[s.size++] = ns;
    }

    /**
     * Returns one request thread's loop: until the deadline, times a request and records its latency, then pauses.
     *
     * @param deadlineNs When to stop, in {@link System#nanoTime()}.
     * @param thinkNs    The pause between requests.
     * @param request    One request, handed the thread's count of requests before it (0, 1, ...).
     * @return The loop, to run on a request thread.
     */
    Runnable loop(long deadlineNs, long thinkNs, IntConsumer request) {
        return () -> {
            int id = 0;
            while (System.nanoTime() < deadlineNs) {
                long start = System.nanoTime();
                request.accept(id++);
                record(System.nanoTime() - start);
                Work.sleep(thinkNs);
            }
        };
    }

    /**
     * Returns the summary line the demo and the tests parse (in the root locale, so
     * numbers always use a dot):
     * {@code RESULT sample=NAME requests=N p50_ms=… p99_ms=… max_ms=… EXTRA}. Call it after the recording threads
     * have ended (joined), which makes their arrays visible here.
     *
     * @param sample The sample's name.
     * @param extra  More {@code key=value} pairs, or empty.
     * @return The line.
     */
    String result(String sample, String extra) {
        int total = all.stream().mapToInt(s -> s.size).sum();
        long[] merged = new long[total];
        int at = 0;
        for (Series s : all) {
            System.arraycopy(s.ns, 0, merged, at, s.size);
            at += s.size;
        }
        Arrays.sort(merged);
        return String.format(Locale.ROOT, "RESULT sample=%s requests=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%s", sample, total,
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
