package pxlab.jfr.chunk;

import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import pxlab.jfr.JfrThread;
import pxlab.jfr.PxlabEvents;

/**
 * Converts an event's times and JFR thread constants into plain values. Times become nanoseconds here, once:
 * timestamps as nanoseconds since the epoch; timespan fields go through {@link EventView#spanNs}.
 */
final class Values {

    private Values() {
    }

    /**
     * Returns an instant as nanoseconds since the epoch; exact until the year 2262.
     *
     * @param t The instant.
     * @return The nanoseconds.
     */
    static long epochNs(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /**
     * Returns an event's start.
     *
     * @param e The event.
     * @return Its start time, epoch nanoseconds.
     */
    static long startNs(RecordedEvent e) {
        return epochNs(e.getStartTime());
    }

    /**
     * Returns an event's end: its start for instant events.
     *
     * @param e The event.
     * @return Its end time, epoch nanoseconds; never before its start (a custom event may commit a negative
     *         duration, and nothing downstream should have to cope with one).
     */
    static long endNs(RecordedEvent e) {
        return Math.max(startNs(e), epochNs(e.getEndTime()));
    }

    /**
     * Converts a JFR thread constant.
     *
     * @param t The thread, or {@code null}.
     * @return The reference, or {@code null} when {@code t} is null or carries no id at all.
     */
    static JfrThread thread(RecordedThread t) {
        if (t == null) return null;
        // getJavaThreadId() and getOSThreadId() return -1 for a null id; "virtual" exists from JDK 21.
        boolean virtual = t.hasField(PxlabEvents.THREAD_VIRTUAL) && t.getBoolean(PxlabEvents.THREAD_VIRTUAL);
        JfrThread ref = new JfrThread(t.getJavaThreadId(), t.getOSThreadId(), t.getJavaName(), t.getOSName(), virtual);
        return ref.identified() ? ref : null;
    }
}
