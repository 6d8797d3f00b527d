package pxlab.jfr.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import pxlab.jfr.Frames;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LongMap;
import pxlab.jfr.chunk.ChunkMetadata.Field;
import pxlab.jfr.chunk.ChunkMetadata.Type;

/**
 * The constants of one chunk that events refer to, converted to what the analyzer keeps of them: threads to
 * {@link JfrThread}s, classes to their names, stacks to {@link Frames.Summary}s, strings. Each is read from its
 * offset ({@link ConstantPools}) the first time an event names it, then remembered by key.
 *
 * <p>Field names are those of the JDK's types ({@code java.lang.Thread}: {@code osName}, {@code osThreadId},
 * {@code javaName}, {@code javaThreadId}, {@code virtual} from JDK 21; {@code java.lang.Class}: {@code name}, a
 * {@code jdk.types.Symbol}; {@code jdk.types.StackTrace}: {@code frames}, each a method, a line number...), looked
 * up by name, so a field a JDK lacks reads as the JDK's own parser gives it: null or -1.
 */
final class ChunkConstants {

    private static final String THREAD = "java.lang.Thread";
    private static final String CLASS = "java.lang.Class";
    private static final String STACK_TRACE = "jdk.types.StackTrace";
    private static final String METHOD = "jdk.types.Method";
    private static final String SYMBOL = "jdk.types.Symbol";
    private static final String STRING = "java.lang.String";

    private final ChunkInput in;
    private final ChunkMetadata metadata;
    private final ConstantPools pools;
    private final ValueWalker walker;
    private final LongMap<Object> threads = new LongMap<>();
    private final LongMap<Object> classNames = new LongMap<>();
    private final LongMap<Frames.Summary> stacks = new LongMap<>();
    private final LongMap<Object> methods = new LongMap<>();
    private final LongMap<Object> symbols = new LongMap<>();
    private final LongMap<Object> strings = new LongMap<>();
    /** Stands for a constant that converts to {@code null}, so that it too is converted once. */
    private static final Object NULL = new Object();
    /** The conversions, made once: a method reference made at each call would be an object per event. */
    private final LongFunction<Object> readThread = this::readThread;
    private final LongFunction<Object> readClassName = this::readClassName;
    private final LongFunction<Object> readMethod = this::readMethod;
    private final LongFunction<Object> readSymbol = this::readSymbol;
    private final LongFunction<Object> readString = this::readString;

    ChunkConstants(ChunkInput in, ChunkMetadata metadata, ConstantPools pools, ValueWalker walker) {
        this.in = in;
        this.metadata = metadata;
        this.pools = pools;
        this.walker = walker;
    }

    /**
     * Returns a thread constant, as {@link Values#thread} converts the JDK's.
     *
     * @param key The constant's key.
     * @return The thread, or {@code null} when the key names none or the thread carries no id.
     */
    JfrThread thread(long key) {
        return (JfrThread) remembered(threads, key, readThread);
    }

    /**
     * Returns a class constant's name, as {@code RecordedClass.getName()} gives it.
     *
     * @param key The constant's key.
     * @return The binary name, or {@code null}.
     */
    String className(long key) {
        return (String) remembered(classNames, key, readClassName);
    }

    /**
     * Returns a stack constant, summarized.
     *
     * @param key The constant's key.
     * @return The summary; {@link Frames.Summary#NONE} when the key names no stack.
     */
    Frames.Summary stack(long key) {
        Frames.Summary s = stacks.get(key);
        if (s == null) {
            s = Frames.summarize(readFrames(key));
            stacks.putIfAbsent(key, s);
        }
        return s;
    }

    /**
     * Returns a string constant.
     *
     * @param key The constant's key.
     * @return The string, or {@code null}.
     */
    String string(long key) {
        return (String) remembered(strings, key, readString);
    }

    /** A constant converted once: {@code read} the first time, then what it gave ({@code null} too). */
    private static Object remembered(LongMap<Object> memo, long key, LongFunction<Object> read) {
        Object v = memo.get(key);
        if (v == null) {
            v = read.apply(key);
            memo.putIfAbsent(key, v == null ? NULL : v);
        }
        return v == NULL ? null : v;
    }

    private JfrThread readThread(long key) {
        Object[] v = struct(THREAD, key);
        if (v == null) return null;
        Type t = metadata.type(THREAD);
        JfrThread ref = new JfrThread(number(t, v, "javaThreadId"), number(t, v, "osThreadId"),
                text(t, v, "javaName"), text(t, v, "osName"), Boolean.TRUE.equals(value(t, v, "virtual")));
        return ref.identified() ? ref : null;
    }

    private String readClassName(long key) {
        Object[] v = struct(CLASS, key);
        if (v == null) return null;
        Type t = metadata.type(CLASS);
        String name = text(t, v, "name");
        return name == null ? null : name.replace('/', '.');
    }

    /** A method constant as a frame without its line: its class's name and its own. */
    private Frames.Frame method(long key) {
        return (Frames.Frame) remembered(methods, key, readMethod);
    }

    private Frames.Frame readMethod(long key) {
        Object[] v = struct(METHOD, key);
        if (v == null) return null;
        Type t = metadata.type(METHOD);
        return new Frames.Frame(value(t, v, "type") instanceof Long k ? className(k) : null, text(t, v, "name"), 0);
    }

    private List<Frames.Frame> readFrames(long key) {
        Object[] v = struct(STACK_TRACE, key);
        if (v == null) return null;
        Type t = metadata.type(STACK_TRACE);
        int framesAt = t.index("frames");
        if (framesAt < 0 || !(v[framesAt] instanceof Integer at)) return List.of();
        Field framesField = t.fields.get(framesAt);
        Type frameType = metadata.type(framesField.typeId());
        in.position(at);
        int n = in.readCount(1, "stack frames");
        List<Object[]> raw = new ArrayList<>(n);
        for (int i = 0; i < n; i++) raw.add(values(frameType));
        List<Frames.Frame> frames = new ArrayList<>(n);
        for (Object[] f : raw) {
            Object methodKey = value(frameType, f, "method");
            Frames.Frame m = methodKey instanceof Long k ? method(k) : null;
            Object line = value(frameType, f, "lineNumber");
            int lineNumber = line instanceof Long l ? (int) (long) l : -1;
            frames.add(m == null ? new Frames.Frame(null, null, lineNumber)
                    : new Frames.Frame(m.type(), m.method(), lineNumber));
        }
        return frames;
    }

    private String readString(long key) {
        int at = pools.offset(typeId(STRING), key);
        if (at < 0) return null;
        in.position(at);
        byte encoding = in.readByte();
        if (encoding == ChunkInput.STRING_CONSTANT)
            throw new IllegalStateException("string constant " + key + " refers to another constant");
        return in.readInline(encoding);
    }

    private String symbol(long key) {
        return (String) remembered(symbols, key, readSymbol);
    }

    private String readSymbol(long key) {
        Object[] v = struct(SYMBOL, key);
        return v == null ? null : text(metadata.type(SYMBOL), v, "string");
    }

    private long typeId(String typeName) {
        Type t = metadata.type(typeName);
        return t == null ? -1 : t.id;
    }

    /** A constant struct's values by field, or {@code null} when the chunk defines no such constant. */
    private Object[] struct(String typeName, long key) {
        Type t = metadata.type(typeName);
        if (t == null) return null;
        int at = pools.offset(t.id, key);
        if (at < 0) return null;
        in.position(at);
        return values(t);
    }

    /**
     * Reads a struct's values: numbers as {@code Long} (constant-pool keys too), booleans, floating point as
     * {@code Double}, strings resolved, and nested structs and arrays as their offset ({@code Integer}), stepped
     * over.
     */
    private Object[] values(Type t) {
        Object[] v = new Object[t.fields.size()];
        for (int i = 0; i < v.length; i++) {
            Field f = t.fields.get(i);
            if (f.array() || f.kind() == ChunkMetadata.Kind.STRUCT) {
                v[i] = in.position();
                walker.skip(f);
                continue;
            }
            switch (f.kind()) {
                case BOOLEAN: v[i] = in.readBoolean(); break;
                case BYTE: v[i] = (long) in.readByte(); break;
                case VARINT: case CONSTANT: v[i] = in.readLong(); break;
                case FLOAT: v[i] = (double) in.readFloat(); break;
                case DOUBLE: v[i] = in.readDouble(); break;
                default: v[i] = new StringRef(in.readByte(), in);
            }
        }
        return v;
    }

    /**
     * A string field of a constant: read inline at once (the cursor moves on), or a key into the string pool or,
     * for a {@code jdk.types.Symbol} field, the symbol pool, resolved when asked for.
     */
    private static final class StringRef {
        final byte encoding;
        final long key;
        final String inline;

        StringRef(byte encoding, ChunkInput in) {
            this.encoding = encoding;
            this.key = encoding == ChunkInput.STRING_CONSTANT ? in.readLong() : 0;
            this.inline = encoding == ChunkInput.STRING_CONSTANT ? null : in.readInline(encoding);
        }
    }

    private Object value(Type t, Object[] v, String field) {
        int i = t.index(field);
        return i < 0 ? null : v[i];
    }

    private long number(Type t, Object[] v, String field) {
        return value(t, v, field) instanceof Long n ? n : -1;
    }

    /** A text field: a string, or a constant-pool reference to a string or a symbol. */
    private String text(Type t, Object[] v, String field) {
        int i = t.index(field);
        if (i < 0) return null;
        Object o = v[i];
        if (o instanceof StringRef s) return s.encoding == ChunkInput.STRING_CONSTANT ? string(s.key) : s.inline;
        if (o instanceof Long key) {
            String typeName = t.fields.get(i).typeName();
            if (SYMBOL.equals(typeName)) return symbol(key);
            if (STRING.equals(typeName)) return string(key);
        }
        return null;
    }
}
