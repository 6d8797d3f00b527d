package pxlab.scenario;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats durations written with a unit, such as {@code 250us}, {@code 1.5ms} or {@code 2s}.
 *
 * <p>Units are {@code ns}, {@code us}, {@code ms} and {@code s}. A decimal fraction is allowed as long as the result
 * is a whole number of nanoseconds; the arithmetic is exact ({@link BigDecimal}), never binary floating point.
 */
public final class Durations {

    /** The units, largest first, with their length in nanoseconds. */
    private static final String[] UNITS = {"s", "ms", "us", "ns"};
    private static final long[] SCALE = {1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern WITH_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Zµ]+)");
    private static final int MAX_LENGTH = 64;

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 250us} into nanoseconds.
     *
     * @param text The duration: digits, an optional decimal fraction, and a unit ({@code ns}, {@code us}, {@code ms},
     *             {@code s}), without spaces.
     * @return The duration in nanoseconds, at least 0.
     * @throws IllegalArgumentException with a short reason when the text is not such a duration.
     */
    public static long parseNs(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty duration");
        if (text.length() > MAX_LENGTH) throw new IllegalArgumentException("duration too long: '" + text + "'");
        if (text.startsWith("-")) throw new IllegalArgumentException("negative duration: '" + text + "'");
        if (NUMBER.matcher(text).matches())
            throw new IllegalArgumentException("duration needs a unit: 250us, 3ms, 2s");
        Matcher m = WITH_UNIT.matcher(text);
        if (!m.matches())
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 250us, 3ms, 2s)");
        long scale = scaleOf(m.group(2));
        BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
        if (ns.stripTrailingZeros().scale() > 0)
            throw new IllegalArgumentException("'" + text + "' is not a whole number of nanoseconds");
        try {
            return ns.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration too large: '" + text + "'");
        }
    }

    private static long scaleOf(String unit) {
        for (int i = 0; i < UNITS.length; i++) if (UNITS[i].equals(unit)) return SCALE[i];
        throw new IllegalArgumentException("unknown unit '" + unit + "' (ns, us, ms, s)");
    }

    /**
     * Formats nanoseconds as the shortest exact duration, such as {@code 250us}, {@code 1.5ms}, {@code 2s} or
     * {@code 0ns}.
     *
     * <p>Only units in which the value is at least 1 are candidates (so {@code 100ms}, never {@code 0.1s}); among
     * equally short forms the larger unit wins. For every {@code ns >= 0}, {@code parseNs(format(ns)) == ns}.
     *
     * @param ns The duration in nanoseconds; a negative value gets a leading minus sign.
     * @return The formatted duration.
     */
    public static String format(long ns) {
        if (ns == 0) return "0ns";
        BigDecimal value = BigDecimal.valueOf(ns).abs();
        String best = null;
        for (int i = 0; i < UNITS.length; i++) {
            BigDecimal scaled = value.divide(BigDecimal.valueOf(SCALE[i])).stripTrailingZeros();
            if (scaled.compareTo(BigDecimal.ONE) < 0) continue;
            String candidate = scaled.toPlainString() + UNITS[i];
            if (best == null || candidate.length() < best.length()) best = candidate;
        }
        return ns < 0 ? "-" + best : best;
    }
}
