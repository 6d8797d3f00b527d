package pxlab.jfr;

/**
 * One event as a parser gives it, read field by field: what {@link EventDecoder} needs to turn any parser's event
 * into the analyzer's records, so that the mapping from fields to records is written once. Two parsers implement
 * it: pxlab's own chunk parser and the JDK's (both in {@code pxlab.jfr.chunk}), and JMC's items (in the rules).
 *
 * <p>A field the event type lacks (old agent, other JDK) gives the default; so does a null value.
 */
public interface EventView {

    /**
     * Returns the event type's name.
     *
     * @return E.g. {@code pxlab.LockWait}.
     */
    String typeName();

    /**
     * Returns the event's start.
     *
     * @return Epoch nanoseconds.
     */
    long startNs();

    /**
     * Returns the event's end: its start for instant events, and never before its start (a custom event may
     * commit a negative duration, and nothing downstream should have to cope with one).
     *
     * @return Epoch nanoseconds.
     */
    long endNs();

    /**
     * Returns whether the type declares a field.
     *
     * @param field The field's name.
     * @return {@code true} when it does.
     */
    boolean has(String field);

    long longOr(String field, long otherwise);

    int intOr(String field, int otherwise);

    double doubleOr(String field, double otherwise);

    boolean booleanOr(String field, boolean otherwise);

    String stringOr(String field, String otherwise);

    /**
     * Returns a timespan field in nanoseconds, converted through the field's {@code @Timespan} unit.
     *
     * @param field The field's name.
     * @return The nanoseconds, or -1 when the field is missing, unset ({@code Long.MIN_VALUE}, shown by JFR as
     *         N/A) or out of range.
     */
    long spanNs(String field);

    /**
     * Returns a thread field, converted.
     *
     * @param field The field's name.
     * @return The reference, or {@code null} when the field is missing, null, or names no thread.
     */
    JfrThread thread(String field);

    /**
     * Returns a class field's name.
     *
     * @param field The field's name.
     * @return The class's binary name, or {@code null} when the field is missing or null.
     */
    String className(String field);

    /**
     * Returns what the event's stack says.
     *
     * @return The summary; {@link Frames.Summary#NONE} when the type records no stack or this event has none.
     */
    Frames.Summary stack();
}
