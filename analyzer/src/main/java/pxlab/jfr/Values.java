package pxlab.jfr;

import java.time.Duration;
import java.time.Instant;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads one field of a JFR object into a plain value, with a default when the field is missing from this
 * recording's metadata (old agent, other JDK) or null. Times become nanoseconds here, once: timestamps as
 * nanoseconds since the epoch, timespans through the field's {@code @Timespan} unit (never guessed from the name).
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
     * Returns a timespan field in nanoseconds.
     *
     * @param o     The object.
     * @param field The field's name.
     * @return The nanoseconds, or -1 when the field is missing, unset ({@code Long.MIN_VALUE}, shown by JFR as
     *         N/A) or out of range.
     */
    static long spanNs(RecordedObject o, String field) {
        if (!o.hasField(field)) return -1;
        // getDuration applies the field's @Timespan unit; it maps the N/A marker Long.MIN_VALUE to a negative
        // duration and Long.MAX_VALUE to "forever", which toNanos() refuses.
        Duration d = o.getDuration(field);
        if (d.isNegative()) return -1;
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    static long longOr(RecordedObject o, String field, long otherwise) {
        return o.hasField(field) ? o.getLong(field) : otherwise;
    }

    static int intOr(RecordedObject o, String field, int otherwise) {
        return o.hasField(field) ? o.getInt(field) : otherwise;
    }

    static double doubleOr(RecordedObject o, String field, double otherwise) {
        return o.hasField(field) ? o.getDouble(field) : otherwise;
    }

    static boolean booleanOr(RecordedObject o, String field, boolean otherwise) {
        return o.hasField(field) ? o.getBoolean(field) : otherwise;
    }

    static String stringOr(RecordedObject o, String field, String otherwise) {
        if (!o.hasField(field)) return otherwise;
        String s = o.getString(field);
        return s == null ? otherwise : s;
    }

    /**
     * Returns a class field's name.
     *
     * @param o     The object.
     * @param field The field's name.
     * @return The class's binary name, or {@code null} when missing.
     */
    static String className(RecordedObject o, String field) {
        if (!o.hasField(field)) return null;
        RecordedClass c = o.getClass(field);
        return c == null ? null : c.getName();
    }

    /**
     * Returns a thread field.
     *
     * @param o     The object.
     * @param field The field's name.
     * @return The thread, or {@code null} when the field is missing or null.
     */
    static JfrThread thread(RecordedObject o, String field) {
        if (!o.hasField(field)) return null;
        return thread(o.getThread(field));
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
        boolean virtual = booleanOr(t, PxlabEvents.THREAD_VIRTUAL, false);
        JfrThread ref = new JfrThread(t.getJavaThreadId(), t.getOSThreadId(), t.getJavaName(), t.getOSName(), virtual);
        return ref.identified() ? ref : null;
    }
}
