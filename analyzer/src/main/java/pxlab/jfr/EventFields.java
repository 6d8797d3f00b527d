package pxlab.jfr;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import jdk.jfr.EventType;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads the fields of one event type into plain values, with a default when the type lacks a field (old agent,
 * other JDK) or the value is null. Timespans become nanoseconds through the field's {@code @Timespan} unit (never
 * guessed from the name).
 *
 * <p>Which fields exist, of what type and in what unit is settled once, when the type is first seen:
 * {@code RecordedObject} scans its type's fields by name on every {@code hasField} and every getter (twice for the
 * typed object getters), and {@code getDuration} looks the {@code @Timespan} annotation up on every call. Asked of a
 * dozen fields per event, that was a large part of the time spent reading a recording; here each field of an event
 * costs one scan, the one that finds its value.
 *
 * <p><b>Note</b>: an {@code EventType} describes one chunk's metadata, which a later chunk may change (another
 * agent version); such a chunk comes with its own {@code EventType} and so gets its own {@code EventFields}.
 */
final class EventFields {

    /**
     * What the type says about one field.
     *
     * @param name        The field's name, the very string the metadata holds: {@code RecordedObject} finds a
     *                    field by {@code name.equals(descriptor.getName())}, which this instance settles at once.
     * @param typeName    The declared type, e.g. {@code java.lang.Thread}.
     * @param nanoseconds Whether it is a timespan in nanoseconds.
     */
    private record Field(String name, String typeName, boolean nanoseconds) {
    }

    private static final String STRING = "java.lang.String";
    private static final String CLASS = "java.lang.Class";
    private static final String THREAD = "java.lang.Thread";
    private static final String STACK_TRACE = "jdk.types.StackTrace";

    private final Map<String, Field> byName = new HashMap<>();

    private EventFields(EventType type) {
        for (ValueDescriptor d : type.getFields()) {
            Timespan unit = d.getAnnotation(Timespan.class);
            byName.put(d.getName(),
                    new Field(d.getName(), d.getTypeName(), unit != null && Timespan.NANOSECONDS.equals(unit.value())));
        }
    }

    /**
     * Resolves the fields of an event type.
     *
     * @param type The type.
     * @return Its fields.
     */
    static EventFields of(EventType type) {
        return new EventFields(type);
    }

    /**
     * Returns a timespan field in nanoseconds.
     *
     * @param e     An event of this type.
     * @param field The field's name.
     * @return The nanoseconds, or -1 when the field is missing, unset ({@code Long.MIN_VALUE}, shown by JFR as
     *         N/A) or out of range.
     */
    long spanNs(RecordedEvent e, String field) {
        Field f = byName.get(field);
        if (f == null) return -1;
        if (f.nanoseconds()) {
            // What getDuration(field).toNanos() gives, without its per-call annotation lookup: the N/A marker
            // Long.MIN_VALUE (and any other negative) and "forever", Long.MAX_VALUE, are not lengths.
            long ns = e.getLong(f.name());
            return ns < 0 || ns == Long.MAX_VALUE ? -1 : ns;
        }
        // Other units, ticks among them, need the JDK's conversion. It maps the N/A marker to a negative duration
        // and Long.MAX_VALUE to "forever", which toNanos() refuses.
        Duration d = e.getDuration(f.name());
        if (d.isNegative()) return -1;
        try {
            return d.toNanos();
        } catch (ArithmeticException x) {
            return -1;
        }
    }

    long longOr(RecordedEvent e, String field, long otherwise) {
        Field f = byName.get(field);
        return f == null ? otherwise : e.getLong(f.name());
    }

    int intOr(RecordedEvent e, String field, int otherwise) {
        Field f = byName.get(field);
        return f == null ? otherwise : e.getInt(f.name());
    }

    double doubleOr(RecordedEvent e, String field, double otherwise) {
        Field f = byName.get(field);
        return f == null ? otherwise : e.getDouble(f.name());
    }

    boolean booleanOr(RecordedEvent e, String field, boolean otherwise) {
        Field f = byName.get(field);
        return f == null ? otherwise : e.getBoolean(f.name());
    }

    String stringOr(RecordedEvent e, String field, String otherwise) {
        String s = object(e, field, STRING, RecordedEvent::getString);
        return s == null ? otherwise : s;
    }

    /**
     * Returns a class field as the reader gives it.
     *
     * @param e     An event of this type.
     * @param field The field's name.
     * @return The class, or {@code null} when the field is missing or null.
     */
    RecordedClass recordedClass(RecordedEvent e, String field) {
        return object(e, field, CLASS, (o, name) -> o.getClass(name));
    }

    /**
     * Returns a thread field as the reader gives it; {@link Values#thread(RecordedThread)} converts it.
     *
     * @param e     An event of this type.
     * @param field The field's name.
     * @return The thread, or {@code null} when the field is missing or null.
     */
    RecordedThread thread(RecordedEvent e, String field) {
        return object(e, field, THREAD, RecordedEvent::getThread);
    }

    /**
     * Returns the event's stack.
     *
     * @param e An event of this type.
     * @return The stack, or {@code null} when the type records none or this event has none.
     */
    RecordedStackTrace stackTrace(RecordedEvent e) {
        return object(e, PxlabEvents.STACK_TRACE, STACK_TRACE, (o, name) -> o.getStackTrace());
    }

    /**
     * Returns an object field. The typed getters ({@code getThread}, {@code getString}, ...) check the field's
     * declared type on every call, a second scan of the fields on top of the one that finds the value; the type
     * is known from the metadata, so it is checked here, and a field declared with another type goes to the typed
     * getter, to fail or default just as it always did.
     */
    private <T> T object(RecordedEvent e, String field, String typeName, BiFunction<RecordedEvent, String, T> typed) {
        Field f = byName.get(field);
        if (f == null) return null;
        return typeName.equals(f.typeName()) ? e.getValue(f.name()) : typed.apply(e, f.name());
    }

    /**
     * Returns whether the type declares a field.
     *
     * @param field The field's name.
     * @return {@code true} when it does.
     */
    boolean has(String field) {
        return byName.containsKey(field);
    }
}
