package pxlab.corpus.workload;

import java.util.Locale;

/**
 * A workload's knobs, parsed once from its command line: how long it runs, how many threads wait, how many CPU hogs
 * load the machine. Each workload gives its own defaults.
 *
 * @param durationNs How long the workload's threads run.
 * @param threads    Waiting threads (clients, readers, pool workers...), or -1 for the workload's default.
 * @param hogs       CPU hogs, or -1 for the workload's default.
 */
public record Knobs(long durationNs, int threads, int hogs) {

    /** The default run: 3 s, each workload's own thread and hog counts. */
    public static final Knobs DEFAULT = new Knobs(3_000_000_000L, -1, -1);

    public Knobs {
        if (durationNs < 100_000_000L || durationNs > 600_000_000_000L) {
            throw new IllegalArgumentException("duration must be 100ms..600s: " + durationNs + " ns");
        }
    }

    /**
     * Returns the thread count, or a default.
     *
     * @param fallback The workload's default.
     * @return The count.
     */
    public int threadsOr(int fallback) {
        return threads < 0 ? fallback : threads;
    }

    /**
     * Returns the hog count, or a default.
     *
     * @param fallback The workload's default.
     * @return The count.
     */
    public int hogsOr(int fallback) {
        return hogs < 0 ? fallback : hogs;
    }

    /**
     * Parses a duration: a number with {@code us}, {@code ms} or {@code s}.
     *
     * @param text E.g. {@code 3s} or {@code 500ms}.
     * @return Nanoseconds.
     * @throws IllegalArgumentException When it is not a duration.
     */
    public static long parseNs(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        String number;
        if (t.endsWith("us")) {
            unit = 1_000L;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            unit = 1_000_000L;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1_000_000_000L;
            number = t.substring(0, t.length() - 1);
        } else {
            throw new IllegalArgumentException("not a duration (want e.g. 3s, 500ms): " + text);
        }
        try {
            return Math.round(Double.parseDouble(number) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (want e.g. 3s, 500ms): " + text, e);
        }
    }
}
