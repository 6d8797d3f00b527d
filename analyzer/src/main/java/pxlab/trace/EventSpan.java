package pxlab.trace;

import pxlab.jfr.RecordingInfo;

/**
 * The time a recording covers, as a trace reports it ({@link Trace#startNs()}, {@link Trace#durationNs()}): from
 * the earlier of the recording's start and its first event to the later of the recording's end and its last event.
 * Shared by {@link TraceBuilder} and {@link CoverageCount}, so that a count over the whole file gives the span the
 * built trace would.
 */
final class EventSpan {

    private long firstNs = Long.MAX_VALUE;
    private long lastNs = Long.MIN_VALUE;

    /** Takes in an event's span (an instant has {@code startNs == endNs}). */
    void seen(long startNs, long endNs) {
        firstNs = Math.min(firstNs, startNs);
        lastNs = Math.max(lastNs, endNs);
    }

    /**
     * Returns when the recording began.
     *
     * @param info The recording's info, or {@code null} when the events came without one.
     * @return Epoch nanoseconds; 0 when there was neither a start nor an event.
     */
    long startNs(RecordingInfo info) {
        if (info != null && info.startNs() > 0) return Math.min(info.startNs(), firstNs);
        return firstNs == Long.MAX_VALUE ? 0 : firstNs;
    }

    /**
     * Returns how long the recording lasted.
     *
     * @param info The recording's info, or {@code null} when the events came without one.
     * @return Nanoseconds.
     */
    long durationNs(RecordingInfo info) {
        long start = startNs(info);
        long end = lastNs == Long.MIN_VALUE ? start : lastNs;
        if (info != null && info.durationNs() > 0) end = Math.max(end, info.startNs() + info.durationNs());
        return Math.max(0, end - start);
    }
}
