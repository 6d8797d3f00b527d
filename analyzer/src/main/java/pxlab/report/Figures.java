package pxlab.report;

import java.util.OptionalLong;

/**
 * The few ways the analysis reports print numbers besides {@link Times}: shares and changes as percentages, and
 * offsets into the recording. Integer arithmetic only, so the text and the page print the same digits everywhere.
 */
final class Figures {

    private Figures() {
    }

    /**
     * Formats a share with one decimal.
     *
     * @param part  The part.
     * @param whole The whole.
     * @return e.g. {@code 65.8%}; {@code -} when the whole is not positive.
     */
    static String percent(long part, long whole) {
        if (whole <= 0) return "-";
        long tenths = Math.round(part * 1000.0 / whole);   // a double: part * 1000 may overflow a long
        return tenths / 10 + "." + Math.abs(tenths % 10) + "%";
    }

    /**
     * Formats the change from one figure to another as a signed percentage of the first.
     *
     * @param fromNs The figure before.
     * @param toNs   The figure after.
     * @return e.g. {@code -92.0%} or {@code +3.1%}; {@code -} when the first figure is 0.
     */
    static String change(long fromNs, long toNs) {
        if (fromNs <= 0) return "-";
        long tenths = Math.round((toNs - fromNs) * 1000.0 / fromNs);
        String sign = tenths > 0 ? "+" : tenths < 0 ? "-" : "";
        long t = Math.abs(tenths);
        return sign + t / 10 + "." + t % 10 + "%";
    }

    /**
     * Formats an offset into the recording.
     *
     * @param ns Nanoseconds since the recording began.
     * @return e.g. {@code +1.234s}.
     */
    static String offset(long ns) {
        return ns < 0 ? Times.format(ns) : "+" + Times.format(ns);
    }

    /**
     * Formats a time that may be missing.
     *
     * @param ns The time.
     * @return The time, or {@code -}.
     */
    static String time(OptionalLong ns) {
        return ns.isPresent() ? Times.format(ns.getAsLong()) : "-";
    }
}
