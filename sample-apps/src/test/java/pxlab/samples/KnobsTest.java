package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The samples' option parsing (its error paths exit the JVM and are left to the end-to-end runs). */
class KnobsTest {

    static Knobs parse(String... args) {
        return Knobs.parse("t", args, "duration", "10s", "run time", "cs", "2ms", "hold", "threads", "2", "threads");
    }

    @Test
    void defaultsApplyWhenNotGiven() {
        Knobs k = parse();
        assertEquals(10_000_000_000L, k.nanos("duration"));
        assertEquals(2_000_000L, k.nanos("cs"));
        assertEquals(2, k.integer("threads", 1));
    }

    @Test
    void spaceAndEqualsFormsBothParse() {
        Knobs k = parse("--duration", "3s", "--cs=500us", "--threads", "8");
        assertEquals(3_000_000_000L, k.nanos("duration"));
        assertEquals(500_000L, k.nanos("cs"));
        assertEquals(8, k.integer("threads", 1));
    }

    @Test
    void fractionalDurationsRound() {
        assertEquals(1_500_000L, parse("--cs", "1.5ms").nanos("cs"));
    }
}
