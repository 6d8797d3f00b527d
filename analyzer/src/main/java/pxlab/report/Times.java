package pxlab.report;

/**
 * Formats nanosecond counts for people: three significant decimals in the largest unit that keeps the value at
 * least 1 ({@code 850ns}, {@code 12.300us}, {@code 211.023ms}, {@code 3.000s}). Integer arithmetic only, so output
 * does not depend on the locale or floating point.
 */
public final class Times {

    private Times() {
    }

    /**
     * Formats a duration.
     *
     * @param ns The duration in nanoseconds.
     * @return The formatted duration, e.g. {@code 13.002ms}.
     */
    public static String format(long ns) {
        if (ns < 0) return "-" + format(-ns);
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return scaled(ns, 1_000, "us");
        if (ns < 1_000_000_000) return scaled(ns, 1_000_000, "ms");
        return scaled(ns, 1_000_000_000, "s");
    }

    // Rounds half up to three decimals of the unit.
    private static String scaled(long ns, long unit, String suffix) {
        long milli = (ns * 1000 + unit / 2) / unit;   // value in thousandths of the unit; ns < 1e18 / 1000 here
        return (milli / 1000) + "." + String.format("%03d", milli % 1000) + suffix;
    }
}
