package pxlab.replay;

import java.util.Arrays;

/**
 * Chooses the replay window of a recording read in parts, from a histogram of wait time by start time instead of
 * every wait: the stretch of at most the allowed length with the most inversion time (the most wait time when
 * there are no inversions), as {@link Replay#run(pxlab.trace.Trace, pxlab.inversion.Inversions, ReplayOptions)}
 * picks it, to the histogram's resolution.
 *
 * <p>The stretch is also cut to hold at most a given number of waits (halving its length until it does), since a
 * replay costs time and memory in proportion to its waits: a large recording can hold millions in ten seconds.
 *
 * <p>Bins start {@link #FIRST_BIN_NS} wide and double in width (neighbours merged) whenever the recording would
 * need more than {@link #MAX_BINS}, so the histogram's size does not grow with the recording.
 */
public final class WindowHistogram {

    static final long FIRST_BIN_NS = 1_000_000;
    static final int MAX_BINS = 1 << 16;

    private final long originNs;
    private long binNs = FIRST_BIN_NS;
    private long[] inversionNs = new long[64];
    private long[] waitNs = new long[64];
    private long[] waits = new long[64];
    /** The earliest start in each bin: a window begins at a wait, as ReplayWindow's do. */
    private long[] firstStartNs = filled(64);
    private int used;
    private boolean anyInversion;

    /**
     * Creates an empty histogram.
     *
     * @param originNs Where bin 0 starts: the recording's start, epoch nanoseconds.
     */
    public WindowHistogram(long originNs) {
        this.originNs = originNs;
    }

    /**
     * Counts one wait.
     *
     * @param startNs    Its start, epoch nanoseconds.
     * @param durationNs Its length.
     * @param inversion  Whether it is a priority inversion.
     */
    public void add(long startNs, long durationNs, boolean inversion) {
        long offset = Math.max(0, startNs - originNs);
        while (offset / binNs >= MAX_BINS) coarsen();
        int bin = (int) (offset / binNs);
        if (bin >= waits.length) grow(Math.min(MAX_BINS, Math.max(bin + 1, waits.length * 2)));
        used = Math.max(used, bin + 1);
        waits[bin]++;
        waitNs[bin] += durationNs;
        if (inversion) {
            inversionNs[bin] += durationNs;
            anyInversion = true;
        }
        firstStartNs[bin] = Math.min(firstStartNs[bin], startNs);
    }

    /**
     * Chooses the window.
     *
     * @param startNs     The recording's start, epoch nanoseconds.
     * @param endNs       Its end.
     * @param maxWindowNs The longest window allowed.
     * @param maxWaits    The most waits the window may hold (at least one bin's worth is always allowed).
     * @return {@code {fromNs, toNs}}.
     */
    public long[] choose(long startNs, long endNs, long maxWindowNs, long maxWaits) {
        long[] focus = anyInversion ? inversionNs : waitNs;
        long lengthNs = maxWindowNs;
        while (true) {
            int span = (int) Math.max(1, Math.min(used, lengthNs / binNs));
            int best = bestStart(focus, span);
            long count = sum(waits, best, span);
            if (endNs - startNs <= lengthNs && count <= maxWaits) return new long[] {startNs, endNs};
            if (count <= maxWaits || span == 1) {
                long first = firstStart(best, span);
                long from = Math.max(startNs, Math.min(first, endNs - lengthNs));
                return new long[] {from, from + lengthNs};
            }
            lengthNs = Math.max(binNs, lengthNs / 2);
        }
    }

    /** The first bin of the run of {@code span} bins with the largest sum; the earliest on ties. */
    private int bestStart(long[] focus, int span) {
        long sum = sum(focus, 0, span);
        long bestSum = sum;
        int best = 0;
        for (int i = 1; i + span <= Math.max(used, span); i++) {
            sum += focus[i + span - 1] - focus[i - 1];
            if (sum > bestSum) {
                bestSum = sum;
                best = i;
            }
        }
        return best;
    }

    private long firstStart(int from, int span) {
        for (int i = from; i < from + span && i < used; i++) if (waits[i] > 0) return firstStartNs[i];
        return originNs + from * binNs;
    }

    private static long sum(long[] a, int from, int span) {
        long s = 0;
        for (int i = from; i < from + span && i < a.length; i++) s += a[i];
        return s;
    }

    /** Doubles the bin width: bin i takes bins 2i and 2i+1. */
    private void coarsen() {
        for (int i = 0; i < (used + 1) / 2; i++) {
            int a = 2 * i;
            int b = a + 1 < used ? a + 1 : -1;
            waits[i] = waits[a] + (b < 0 ? 0 : waits[b]);
            waitNs[i] = waitNs[a] + (b < 0 ? 0 : waitNs[b]);
            inversionNs[i] = inversionNs[a] + (b < 0 ? 0 : inversionNs[b]);
            firstStartNs[i] = Math.min(firstStartNs[a], b < 0 ? Long.MAX_VALUE : firstStartNs[b]);
        }
        int half = (used + 1) / 2;
        Arrays.fill(waits, half, waits.length, 0);
        Arrays.fill(waitNs, half, waitNs.length, 0);
        Arrays.fill(inversionNs, half, inversionNs.length, 0);
        Arrays.fill(firstStartNs, half, firstStartNs.length, Long.MAX_VALUE);
        used = half;
        binNs *= 2;
    }

    private void grow(int size) {
        waits = Arrays.copyOf(waits, size);
        waitNs = Arrays.copyOf(waitNs, size);
        inversionNs = Arrays.copyOf(inversionNs, size);
        int old = firstStartNs.length;
        firstStartNs = Arrays.copyOf(firstStartNs, size);
        Arrays.fill(firstStartNs, old, size, Long.MAX_VALUE);
    }

    private static long[] filled(int size) {
        long[] a = new long[size];
        Arrays.fill(a, Long.MAX_VALUE);
        return a;
    }
}
