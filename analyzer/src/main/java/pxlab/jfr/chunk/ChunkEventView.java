package pxlab.jfr.chunk;

import java.util.Map;
import pxlab.jfr.EventView;
import pxlab.jfr.Frames;
import pxlab.jfr.JfrThread;
import pxlab.jfr.PxlabEvents;
import pxlab.jfr.chunk.ChunkMetadata.Field;
import pxlab.jfr.chunk.ChunkMetadata.Kind;
import pxlab.jfr.chunk.ChunkMetadata.Type;

/**
 * One event of a chunk as {@link ChunkParser} read it, as an {@link EventView}: {@link #at} reads the event's
 * values into slots, one per field, and the getters convert them as the JDK's parser would. Times are converted
 * from ticks as the JDK does ({@code jdk.jfr.internal.consumer.TimeConverter}): timestamps relative to the chunk's
 * start, in floating point, truncated toward zero, so both parsers give the same nanosecond.
 *
 * <p><b>Note</b>: a getter asked for a field of another kind than its own (a thread field read as a string) throws
 * {@link IllegalStateException}: the recording does not follow the event contract.
 */
final class ChunkEventView implements EventView {

    private static final String START_TIME = "startTime";
    private static final String DURATION = "duration";
    private static final String NANOSECONDS = "NANOSECONDS";
    private static final String TICKS = "TICKS";
    /** Nanoseconds per unit of the other {@code @Timespan} units. */
    private static final Map<String, Long> SCALES = Map.of("MICROSECONDS", 1_000L, "MILLISECONDS", 1_000_000L,
            "SECONDS", 1_000_000_000L);

    private final ChunkInput in;
    private final ValueWalker walker;
    private final ChunkConstants constants;
    private final long startNanos;
    private final long startTicks;
    private final double ticksPerNs;

    private Type type;
    private long startNs;
    private long endNs;
    private int startAt;
    private int durationAt;
    private int stackAt;
    private long[] numbers = new long[32];
    private double[] reals = new double[32];
    private String[] strings = new String[32];

    ChunkEventView(ChunkInput in, ValueWalker walker, ChunkConstants constants, long startNanos, long startTicks,
                   long ticksPerSecond) {
        this.in = in;
        this.walker = walker;
        this.constants = constants;
        this.startNanos = startNanos;
        this.startTicks = startTicks;
        this.ticksPerNs = (double) ticksPerSecond / 1_000_000_000L;
    }

    /**
     * Reads an event's values, the cursor at the first (its start time).
     *
     * @param t The event's type.
     * @return This view.
     */
    ChunkEventView at(Type t) {
        if (t != type) {
            type = t;
            startAt = t.index(START_TIME);
            durationAt = t.index(DURATION);
            stackAt = t.index(PxlabEvents.STACK_TRACE);
            int n = t.fields.size();
            if (numbers.length < n) {
                numbers = new long[n];
                reals = new double[n];
                strings = new String[n];
            }
        }
        Kind[] kinds = t.kinds;
        for (int i = 0; i < kinds.length; i++) {
            Kind k = kinds[i];
            if (k == null) {   // an array or a struct: nothing the decoder reads
                walker.skip(t.fields.get(i));
                continue;
            }
            switch (k) {
                case BOOLEAN: case BYTE: numbers[i] = in.readByte(); break;
                case VARINT: case CONSTANT: numbers[i] = in.readLong(); break;
                case FLOAT: reals[i] = in.readFloat(); break;
                case DOUBLE: reals[i] = in.readDouble(); break;
                default: {
                    byte encoding = in.readByte();
                    if (encoding == ChunkInput.STRING_CONSTANT) {
                        numbers[i] = in.readLong();
                        strings[i] = null;
                    } else {
                        numbers[i] = -1;
                        strings[i] = in.readInline(encoding);
                    }
                }
            }
        }
        startNs = startAt < 0 ? startNanos : timestamp(numbers[startAt]);
        endNs = startAt < 0 || durationAt < 0 ? startNs
                : Math.max(startNs, timestamp(numbers[startAt] + numbers[durationAt]));
        return this;
    }

    @Override
    public String typeName() {
        return type.name;
    }

    @Override
    public long startNs() {
        return startNs;
    }

    @Override
    public long endNs() {
        return endNs;
    }

    /**
     * {@code TimeConverter.convertTimestamp}: the chunk's start plus the ticks since, scaled. Where a tick is a
     * nanosecond (Linux) the division by 1.0 is exact for any span a chunk holds (under 2^53 ns), so it is left out.
     */
    private long timestamp(long ticks) {
        long since = ticks - startTicks;
        return startNanos + (ticksPerNs == 1.0 ? since : (long) (since / ticksPerNs));
    }

    @Override
    public boolean has(String field) {
        return type.index(field) >= 0;
    }

    @Override
    public long longOr(String field, long otherwise) {
        int i = at(field, Kind.VARINT, Kind.BYTE);
        return i < 0 ? otherwise : numbers[i];
    }

    @Override
    public int intOr(String field, int otherwise) {
        int i = at(field, Kind.VARINT, Kind.BYTE);
        return i < 0 ? otherwise : (int) numbers[i];
    }

    @Override
    public double doubleOr(String field, double otherwise) {
        int i = type.index(field);
        if (i < 0) return otherwise;
        Kind k = type.fields.get(i).kind();
        if (k == Kind.FLOAT || k == Kind.DOUBLE) return reals[i];
        return numbers[at(field, Kind.VARINT, Kind.BYTE)];
    }

    @Override
    public boolean booleanOr(String field, boolean otherwise) {
        int i = at(field, Kind.BOOLEAN, Kind.BOOLEAN);
        return i < 0 ? otherwise : numbers[i] != 0;
    }

    @Override
    public String stringOr(String field, String otherwise) {
        int i = at(field, Kind.STRING, Kind.STRING);
        if (i < 0) return otherwise;
        String s = strings[i] != null ? strings[i] : numbers[i] >= 0 ? constants.string(numbers[i]) : null;
        return s == null ? otherwise : s;
    }

    @Override
    public long spanNs(String field) {
        int i = at(field, Kind.VARINT, Kind.VARINT);
        if (i < 0) return -1;
        long v = numbers[i];
        if (v < 0 || v == Long.MAX_VALUE) return -1;   // the N/A marker Long.MIN_VALUE, and "forever"
        String unit = type.fields.get(i).timespan();
        if (NANOSECONDS.equals(unit)) return v;
        if (TICKS.equals(unit)) return (long) (v / ticksPerNs);
        long scale = SCALES.getOrDefault(unit == null ? "" : unit, 0L);
        if (scale == 0)
            throw new IllegalStateException("field " + type.name + "." + field + " is not a timespan: " + unit);
        // As the JDK's getDuration(...).toNanos(): a length beyond what nanoseconds hold is no length.
        return v > Long.MAX_VALUE / scale ? -1 : v * scale;
    }

    @Override
    public JfrThread thread(String field) {
        int i = reference(field, "java.lang.Thread");
        return i < 0 ? null : constants.thread(numbers[i]);
    }

    @Override
    public String className(String field) {
        int i = reference(field, "java.lang.Class");
        return i < 0 ? null : constants.className(numbers[i]);
    }

    @Override
    public Frames.Summary stack() {
        if (stackAt < 0) return Frames.Summary.NONE;
        reference(PxlabEvents.STACK_TRACE, "jdk.types.StackTrace");
        return constants.stack(numbers[stackAt]);
    }

    /** A field's slot, checked to be of one of two kinds; -1 when the type lacks the field. */
    private int at(String field, Kind kind, Kind orKind) {
        int i = type.index(field);
        if (i < 0) return -1;
        Field f = type.fields.get(i);
        if (f.array() || f.kind() != kind && f.kind() != orKind)
            throw new IllegalStateException("field " + type.name + "." + field + " is " + f.typeName()
                    + (f.array() ? "[]" : "") + ", not " + kind.name().toLowerCase());
        return i;
    }

    /** A constant-pool field's slot, checked to refer to constants of a type; -1 when the type lacks it. */
    private int reference(String field, String typeName) {
        int i = type.index(field);
        if (i < 0) return -1;
        Field f = type.fields.get(i);
        if (f.array() || f.kind() != Kind.CONSTANT || !typeName.equals(f.typeName()))
            throw new IllegalStateException("field " + type.name + "." + field + " is " + f.typeName()
                    + (f.array() ? "[]" : "") + ", not a " + typeName + " constant");
        return i;
    }
}
