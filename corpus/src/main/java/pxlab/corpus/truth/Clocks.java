package pxlab.corpus.truth;

import java.time.Instant;

/** Pairs {@link System#nanoTime()} with the epoch clock, the two clocks a truth log and a recording use. */
final class Clocks {

    private Clocks() {
    }

    /**
     * Reads both clocks close together.
     *
     * @return {@code {nanoTime, epochNs}} from the tightest of a few tries: the epoch reading sits between two
     *         nanoTime readings, and the pair whose readings were closest is taken, with nanoTime at their middle.
     */
    static long[] anchor() {
        long best = Long.MAX_VALUE;
        long[] pair = new long[2];
        for (int i = 0; i < 20; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                pair[0] = before + (after - before) / 2;
                pair[1] = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
        }
        return pair;
    }
}
