package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void statisticsKeepEverySampleAndAgreeWithIt() {
        long[] sorted = new long[200];
        for (int i = 0; i < sorted.length; i++) sorted[i] = (i + 1) * 10L;
        SimResult.RequestStats s = SimResult.RequestStats.of("r", sorted.clone());
        assertEquals(200, s.all().size());
        assertEquals(1000, s.p50Ns());          // rank ceil(0.50 * 200) = 100
        assertEquals(1980, s.p99Ns());          // rank ceil(0.99 * 200) = 198
        assertEquals(2000, s.maxNs());
        assertArrayEquals(sorted, s.all().toArray());
    }

    @Test
    void samplesCompareByContentAndCannotBeChangedFromOutside() {
        Latencies a = Latencies.ofSorted(new long[]{1, 2, 3});
        Latencies b = Latencies.ofSorted(new long[]{1, 2, 3});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Latencies.ofSorted(new long[]{1, 2, 4}));
        a.toArray()[0] = 99;
        assertEquals(1, a.percentile(1));
    }

    @Test
    void noSamplesMeansOnlyQuantilesAreKnown() {
        assertSame(Latencies.NONE, SimResult.RequestStats.of("r", new long[0]).all());
        assertEquals(0, Latencies.NONE.percentile(99));
        assertSame(Latencies.NONE, new SimResult.RequestStats("r", 3, 1, 2, 3).all());
    }
}
