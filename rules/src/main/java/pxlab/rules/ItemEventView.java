package pxlab.rules;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCThreadGroup;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.IScalarAffineTransform;
import org.openjdk.jmc.common.unit.IUnit;
import org.openjdk.jmc.common.unit.UnitLookup;
import pxlab.jfr.EventDecoder;
import pxlab.jfr.EventView;
import pxlab.jfr.Frames;
import pxlab.jfr.JfrThread;
import pxlab.jfr.PxlabEvents;

/**
 * JMC's items of one item iterable as an {@link EventView}: the third parser {@link EventDecoder} reads, beside
 * pxlab's chunk parser and the JDK's, so the rules get the records {@code pxlab analyze} gets from the same file.
 * {@link ItemsReader} makes one view per iterable (one event type of one chunk) and moves each along its items
 * ({@link #next}) in time order.
 *
 * <p>Fields are looked up by name, whatever content type JMC's parser gave them: a {@code long} without a unit
 * annotation is a raw number, one with {@code @Timespan} a timespan quantity, a {@code float} with
 * {@code @Percentage} a percentage. The type's accessors are resolved once, when the view is made; the thread and
 * stack constants JMC shares between events are converted once each, in {@link Constants} the views share.
 *
 * <p>What JMC's parser gives differently from the JDK's, and how this view gives it back as the JDK would:
 * <ul>
 *   <li>{@code jdk.ExecutionSample}'s {@code sampledThread} is renamed {@code eventThread}; the view names it back.
 *   <li>Array classes are named in Java syntax ({@code int[]}); the view names them as the JDK does ({@code [I}).
 *   <li>{@link IMCThread} exposes only a Java id and one name. JMC's thread objects hold the constant's fields
 *       ({@code javaName}, {@code osName}, {@code javaThreadId}, {@code osThreadId}) in public fields of a
 *       package-private class, which the view reads reflectively ({@link ThreadFields}).
 *   <li>JMC's thread constant drops the {@code virtual} field (JDK 21+). A thread without an OS thread in JFR's
 *       {@code VirtualThreads} group is what the JDK writes for a virtual thread, and the view reads it so.
 * </ul>
 * Times are JMC's quantities converted to nanoseconds. An event's end is its start plus its duration, as the JDK
 * computes it where a tick is a nanosecond (Linux); where it is not, each is converted separately and may round 1 ns
 * differently from the JDK's conversion of the ticks' sum.
 *
 * <p><b>Note</b>: not thread-safe; one reading at a time.
 */
final class ItemEventView implements EventView {

    /** The thread group JFR puts every virtual thread in. */
    private static final String VIRTUAL_THREADS = "VirtualThreads";
    private static final JfrThread NO_THREAD = new JfrThread(-1, -1, null, null, false);

    /**
     * What one reading's views share: the thread and stack objects JMC shares between a chunk's events, each
     * converted once.
     */
    static final class Constants {
        private final Map<IMCStackTrace, Frames.Summary> stacks = new IdentityHashMap<>();
        /** A thread that names no one maps to {@code NO_THREAD}. */
        private final Map<IMCThread, JfrThread> threads = new IdentityHashMap<>();
    }

    private final Constants constants;
    private final Converter toEpochNs = new Converter(UnitLookup.EPOCH_NS);
    private final Converter toNs = new Converter(UnitLookup.NANOSECOND);
    private final String typeName;
    private final Map<String, IMemberAccessor<?, IItem>> fields;
    private final IMemberAccessor<?, IItem> startTime;
    private final IMemberAccessor<?, IItem> duration;
    private final IMemberAccessor<?, IItem> stackTrace;
    private final Iterator<IItem> items;
    /** The iterable's place in JMC's order: breaks ties between views at the same start. */
    private final int lane;

    private IItem item;
    private long startNs;
    private long endNs;

    /**
     * Makes a view of one iterable's items, before its first: resolves the type's accessors by field name.
     *
     * @param iterable  The items, one event type of one chunk.
     * @param lane      The iterable's place in JMC's order.
     * @param constants What the reading's views share.
     */
    ItemEventView(IItemIterable iterable, int lane, Constants constants) {
        this.constants = constants;
        this.lane = lane;
        IType<IItem> type = iterable.getType();
        typeName = type.getIdentifier();
        Map<String, IMemberAccessor<?, IItem>> byName = new HashMap<>();
        for (IAccessorKey<?> k : type.getAccessorKeys().keySet()) byName.put(k.getIdentifier(), type.getAccessor(k));
        if (typeName.equals(PxlabEvents.ExecutionSample.NAME) && !byName.containsKey(PxlabEvents.ExecutionSample.SAMPLED_THREAD)) {
            IMemberAccessor<?, IItem> sampled = byName.remove(PxlabEvents.EVENT_THREAD);
            if (sampled != null) byName.put(PxlabEvents.ExecutionSample.SAMPLED_THREAD, sampled);
        }
        fields = byName;
        startTime = byName.get(PxlabEvents.START_TIME);
        duration = byName.get(PxlabEvents.DURATION);
        stackTrace = byName.get(PxlabEvents.STACK_TRACE);
        items = iterable.iterator();
    }

    /**
     * Moves the view to its next item and reads the item's start and end.
     *
     * @return {@code false} when there is none.
     */
    boolean next() {
        if (!items.hasNext()) return false;
        item = items.next();
        startNs = get(startTime) instanceof IQuantity q ? toEpochNs.clampedLongValue(q) : 0;
        long d = get(duration) instanceof IQuantity q ? toNs.clampedLongValue(q) : 0;
        endNs = d > 0 ? startNs + d : startNs;
        return true;
    }

    /** Orders views by their current item's start, then by the iterables' order. */
    static final Comparator<ItemEventView> BY_START = (a, b) -> a.startNs != b.startNs
            ? Long.compare(a.startNs, b.startNs) : Integer.compare(a.lane, b.lane);

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public long startNs() {
        return startNs;
    }

    @Override
    public long endNs() {
        return endNs;
    }

    @Override
    public boolean has(String field) {
        return fields.containsKey(field);
    }

    @Override
    public long longOr(String field, long otherwise) {
        Object v = get(field);
        if (v instanceof IQuantity q) return q.longValue();
        if (v instanceof Number n) return n.longValue();
        return otherwise;
    }

    @Override
    public int intOr(String field, int otherwise) {
        return (int) longOr(field, otherwise);
    }

    @Override
    public double doubleOr(String field, double otherwise) {
        Object v = get(field);
        // A @Percentage float is a fraction to the JDK; JMC makes it a percentage quantity.
        if (v instanceof IQuantity q) {
            return q.getType() == UnitLookup.PERCENTAGE ? q.doubleValueIn(UnitLookup.PERCENT_UNITY) : q.doubleValue();
        }
        if (v instanceof Number n) return n.doubleValue();
        return otherwise;
    }

    @Override
    public boolean booleanOr(String field, boolean otherwise) {
        return get(field) instanceof Boolean b ? b : otherwise;
    }

    @Override
    public String stringOr(String field, String otherwise) {
        return get(field) instanceof String s ? s : otherwise;
    }

    @Override
    public long spanNs(String field) {
        if (!(get(field) instanceof IQuantity q)) return -1;
        // JFR's N/A marker (Long.MIN_VALUE) reads as a negative length, "forever" (Long.MAX_VALUE) as the largest.
        long ns = toNs.clampedLongValue(q);
        return ns < 0 || ns == Long.MAX_VALUE ? -1 : ns;
    }

    @Override
    public JfrThread thread(String field) {
        if (!(get(field) instanceof IMCThread m)) return null;
        JfrThread t = constants.threads.get(m);
        if (t == null) {
            t = ThreadFields.convert(m);
            constants.threads.put(m, t == null ? NO_THREAD : t);
        }
        return t == NO_THREAD ? null : t;
    }

    @Override
    public String className(String field) {
        return get(field) instanceof IMCType t ? binaryName(t.getFullName()) : null;
    }

    /**
     * Returns a class's name as the JDK's {@code RecordedClass.getName()} gives it: JMC turns an array class's
     * descriptor into Java syntax ({@code [I} into {@code int[]}, {@code [Ljava.lang.Object;} into
     * {@code java.lang.Object[]}), which this turns back. Other names are the same either way.
     */
    static String binaryName(String jmcName) {
        if (jmcName == null || !jmcName.endsWith("[]")) return jmcName;
        int end = jmcName.length();
        StringBuilder sb = new StringBuilder();
        while (end >= 2 && jmcName.startsWith("[]", end - 2)) {
            sb.append('[');
            end -= 2;
        }
        String element = jmcName.substring(0, end);
        String primitive = switch (element) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> null;
        };
        return sb.append(primitive != null ? primitive : "L" + element + ";").toString();
    }

    @Override
    public Frames.Summary stack() {
        if (!(get(stackTrace) instanceof IMCStackTrace st)) return Frames.Summary.NONE;
        return constants.stacks.computeIfAbsent(st, ItemEventView::summarize);
    }

    private Object get(String field) {
        return get(fields.get(field));
    }

    private Object get(IMemberAccessor<?, IItem> a) {
        return a == null ? null : a.getMember(item);
    }

    private static Frames.Summary summarize(IMCStackTrace st) {
        List<Frames.Frame> frames = new ArrayList<>(st.getFrames().size());
        for (IMCFrame fr : st.getFrames()) {
            IMCMethod m = fr.getMethod();
            String type = m == null || m.getType() == null ? null : m.getType().getFullName();
            Integer line = fr.getFrameLineNumber();
            frames.add(new Frames.Frame(type, m == null ? null : m.getMethodName(), line == null ? -1 : line));
        }
        return Frames.summarize(frames);
    }

    /**
     * Reads a JFR thread constant out of JMC's thread object, as the JDK's {@code RecordedThread} gives it: JMC's
     * parser keeps the constant's fields in public fields of its (package-private) thread class, of which
     * {@link IMCThread} exposes only the Java id and the Java name (or the OS name when there is none).
     */
    private static final class ThreadFields {

        private static volatile ThreadFields known;

        private final Class<?> type;
        private final Field javaName;
        private final Field osName;
        private final Field javaThreadId;
        private final Field osThreadId;

        private ThreadFields(Class<?> type) throws ReflectiveOperationException {
            this.type = type;
            javaName = field(type, "javaName");
            osName = field(type, "osName");
            javaThreadId = field(type, "javaThreadId");
            osThreadId = field(type, "osThreadId");
        }

        private static Field field(Class<?> type, String name) throws ReflectiveOperationException {
            Field f = type.getField(name);
            f.setAccessible(true);   // the field is public, its class package-private
            return f;
        }

        /**
         * Converts a thread as {@code pxlab.jfr.chunk}'s readers convert the JDK's.
         *
         * @return The reference, or {@code null} when it carries no id at all.
         */
        static JfrThread convert(IMCThread m) {
            ThreadFields f = known;
            try {
                if (f == null || f.type != m.getClass()) known = f = new ThreadFields(m.getClass());
                long osId = number(f.osThreadId.get(m));
                boolean virtual = osId <= 0 && inVirtualThreadsGroup(m);
                JfrThread t = new JfrThread(number(f.javaThreadId.get(m)), osId, (String) f.javaName.get(m),
                        (String) f.osName.get(m), virtual);
                return t.identified() ? t : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Another JMC's thread class: the interface's id and name, and no OS id.
                Long id = m.getThreadId();
                JfrThread t = new JfrThread(id == null ? -1 : id, -1, m.getThreadName(), m.getThreadName(), false);
                return t.identified() ? t : null;
            }
        }

        private static long number(Object v) {
            return v instanceof Number n ? n.longValue() : -1;
        }

        private static boolean inVirtualThreadsGroup(IMCThread m) {
            IMCThreadGroup g = m.getThreadGroup();
            return g != null && VIRTUAL_THREADS.equals(g.getName());
        }
    }

    /**
     * {@link IQuantity#clampedLongValueIn} into one unit, with the last transform kept: JMC builds the transform
     * from a quantity's unit anew for every call (an object or two per timestamp and duration of a million
     * events), and a recording's events of one field share a unit. Only quantities that store a {@code long}
     * take the short way, where JMC's own conversion is exactly the unit's transform applied to that value.
     */
    private static final class Converter {

        /** JMC's class for a quantity that stores a {@code long}; not a type a client can name. */
        private static final Class<?> LONG_STORED = UnitLookup.NANOSECOND.quantity(0L).getClass();

        private final IUnit target;
        private IUnit lastUnit;
        private IScalarAffineTransform lastTransform;

        Converter(IUnit target) {
            this.target = target;
        }

        long clampedLongValue(IQuantity q) {
            if (q.getClass() != LONG_STORED) return q.clampedLongValueIn(target);
            IUnit unit = q.getUnit();
            if (unit != lastUnit) {
                lastTransform = unit.valueTransformTo(target);
                lastUnit = unit;
            }
            return lastTransform.targetValue(q.longValue());
        }
    }
}
