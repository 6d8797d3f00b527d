package pxlab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "0ns, 0", "10ns, 10", "250us, 250000", "3ms, 3000000", "2s, 2000000000",
            "1.5ms, 1500000", "0.5us, 500", "1.000ms, 1000000", "0.000000001s, 1", "0ms, 0",
            "9223372036854775807ns, 9223372036854775807", "9223372036.854775807s, 9223372036854775807",
    })
    void parsesUnitsAndFractions(String text, long ns) {
        assertEquals(ns, Durations.parseNs(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.5ns | not a whole number of nanoseconds",
            "0.0000000001s | not a whole number of nanoseconds",
            "-1ms | negative",
            "250 | needs a unit",
            "1.5 | needs a unit",
            "9223372036854775808ns | too large",
            "10000000000s | too large",
            "5m | unknown unit 'm'",
            "5MS | unknown unit",
            "ms | not a duration",
            "1 ms | not a duration",
            ".5ms | not a duration",
            "1e3ms | not a duration",
            "+1ms | not a duration",
    })
    void rejectsWithReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseNs(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void rejectsEmpty(String text) {
        assertEquals("empty duration", assertThrows(IllegalArgumentException.class, () -> Durations.parseNs(text)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNs(null));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0ns", "10, 10ns", "1500, 1.5us", "250000, 250us", "1500000, 1.5ms", "2250000, 2.25ms",
            "3000000, 3ms", "100000000, 100ms", "2000000000, 2s", "1500000000, 1.5s", "1234567, 1234567ns",
            "-3000000, -3ms",
    })
    void formatsShortestExactForm(long ns, String text) {
        assertEquals(text, Durations.format(ns));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 1000, 1001, 750_000, 1_234_567, 4_000_000, 123_456_789_012L, Long.MAX_VALUE})
    void formatRoundTrips(long ns) {
        assertEquals(ns, Durations.parseNs(Durations.format(ns)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"250us", "1.5ms", "2s", "0ns", "10ns", "100ms"})
    void parseThenFormatIsIdentityOnShortestForms(String text) {
        assertEquals(text, Durations.format(Durations.parseNs(text)));
    }
}
