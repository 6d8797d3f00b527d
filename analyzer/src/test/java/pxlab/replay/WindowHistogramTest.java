package pxlab.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowHistogramTest {

    private static final long MS = 1_000_000;
    private static final long S = 1_000_000_000;

    @Test
    void shortRecordingWithFewWaitsIsReplayedWhole() {
        WindowHistogram h = new WindowHistogram(0);
        h.add(1 * S, 5 * MS, true);
        h.add(3 * S, 5 * MS, false);
        assertArrayEquals(new long[] {0, 5 * S}, h.choose(0, 5 * S, 10 * S, 50_000));
    }

    @Test
    void windowStartsAtTheFirstInversionOfTheBusiestStretch() {
        WindowHistogram h = new WindowHistogram(0);
        h.add(5 * S, 900 * MS, false);   // more wait time, but not an inversion
        for (int i = 0; i < 1000; i++) h.add(30 * S + i * MS, MS, true);
        assertArrayEquals(new long[] {30 * S, 40 * S}, h.choose(0, 60 * S, 10 * S, 50_000));
    }

    @Test
    void withoutInversionsTheMostWaitTimeWins() {
        WindowHistogram h = new WindowHistogram(0);
        h.add(5 * S + 7, 900 * MS, false);
        h.add(45 * S, 10 * MS, false);
        assertArrayEquals(new long[] {5 * S + 7, 15 * S + 7}, h.choose(0, 60 * S, 10 * S, 50_000));
    }

    @Test
    void windowIsHalvedUntilItHoldsAtMostMaxWaits() {
        WindowHistogram h = new WindowHistogram(0);
        for (int i = 0; i < 100_000; i++) h.add(i * 10_000L, 5_000, true);   // one wait every 10 us for 1 s
        long[] w = h.choose(0, S, 10 * S, 10_000);
        assertEquals(10 * S / 128, w[1] - w[0]);   // 78 ms: 7.8k waits
        assertTrue(w[0] >= 0 && w[1] <= S + 10 * S / 128, w[0] + ".." + w[1]);
    }

    @Test
    void binsCoarsenSoTheHistogramStaysBounded() {
        WindowHistogram h = new WindowHistogram(0);
        for (int i = 0; i < 200_000; i++) h.add(i * MS, 10_000, i >= 150_000 && i < 151_000);   // 200 s
        long[] w = h.choose(0, 200 * S, 10 * S, 1_000_000);
        assertEquals(10 * S, w[1] - w[0]);
        assertTrue(w[0] <= 150 * S && w[1] >= 151 * S, w[0] + ".." + w[1]);
    }
}
