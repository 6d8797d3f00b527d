package pxlab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityTest {

    private static final long MS = 1_000_000;

    private static ReplayResult.Fidelity of(long[]... measuredReplayed) {
        long m = 0;
        long r = 0;
        long e = 0;
        for (long[] t : measuredReplayed) {
            m += t[0] * MS;
            r += t[1] * MS;
            e += Math.abs(t[1] - t[0]) * MS;
        }
        return new ReplayResult.Fidelity(m, r, e, List.of());
    }

    @Test
    void threadsThatErrInOppositeDirectionsDoNotCancel() {
        // One thread replayed at 0 of 189 ms, another at 1.78 s of 1.54 s: nearly right in total, not thread by thread.
        ReplayResult.Fidelity f = of(new long[]{189, 0}, new long[]{1540, 1780});
        assertEquals(51.0 / 1729, f.nettedError(), 1e-9);
        assertEquals(429.0 / 1729, f.error(), 1e-9);
    }

    @Test
    void whatIfIsTrustedUpToTheGoalAndWithheldBeyond() {
        assertTrue(of(new long[]{1000, 1250}).verdict().trusted(), "25% is the goal itself");
        ReplayResult.Verdict off = of(new long[]{1000, 1251}).verdict();
        assertFalse(off.trusted());
        assertEquals("withheld", off.key());
        assertTrue(off.reason().contains("25.1% off what was recorded, summed thread by thread"), off.reason());
        assertTrue(of(new long[]{189, 0}, new long[]{1540, 1780}).verdict().trusted(), "24.8% is within the goal");
    }

    @Test
    void nothingMeasuredIsWithheldAndAReplayThatAloneWaitedIsInfinitelyOff() {
        assertFalse(of(new long[]{0, 0}).verdict().trusted());
        assertTrue(of(new long[]{0, 0}).verdict().reason().contains("no recorded lock waiting"));
        assertEquals(Double.POSITIVE_INFINITY, of(new long[]{0, 5}).error());
    }
}
