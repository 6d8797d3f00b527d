package pxlab.rules;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.IScalarAffineTransform;
import org.openjdk.jmc.common.unit.IUnit;
import org.openjdk.jmc.common.unit.UnitLookup;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventSink;
import pxlab.jfr.ExecutionSampleEvent;
import pxlab.jfr.Frames;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LockHoldEvent;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.MonitorEnterEvent;
import pxlab.jfr.MonitorWaitEvent;
import pxlab.jfr.PxlabEvents;
import pxlab.jfr.RecordingInfo;
import pxlab.jfr.RequestEvent;
import pxlab.jfr.ThreadCpuEvent;
import pxlab.jfr.ThreadCpuLoadEvent;
import pxlab.jfr.ThreadEndEvent;
import pxlab.jfr.ThreadParkEvent;
import pxlab.jfr.ThreadSchedEvent;
import pxlab.jfr.ThreadSleepEvent;
import pxlab.jfr.ThreadStartEvent;
import pxlab.jfr.VirtualThreadPinnedEvent;

/**
 * Feeds the analyzer's event records from a JMC {@link IItemCollection} instead of a file: the same records
 * {@code pxlab.jfr.chunk.RecordingReader} makes, so the trace, the classification and the replay are the library's own.
 *
 * <p>Fields are looked up by name, whatever content type JMC's parser gave them (a {@code long} without a unit
 * annotation is a raw number, one with {@code @Timespan} a timespan quantity), and a field a recording lacks reads
 * as the same default the analyzer's reader uses. Stacks go through {@link Frames#summarize(List)}.
 *
 * <p><b>Note</b>: JMC's {@link IMCThread} carries no OS thread id; the events that need one ({@code pxlab.*}) carry
 * it in a field of their own.
 */
final class ItemsReader {

    private final EventSink sink;
    /** A chunk's events share their stack objects; summarize each once. */
    private final Map<IMCStackTrace, Frames.Summary> stacks = new IdentityHashMap<>();
    private final Map<IMCThread, JfrThread> threads = new IdentityHashMap<>();
    private final Converter toEpochNs = new Converter(UnitLookup.EPOCH_NS);
    private final Converter toNs = new Converter(UnitLookup.NANOSECOND);
    private long lastEndNs = -1;
    /** The start {@link #start} read last. */
    private long startNs;

    private ItemsReader(EventSink sink) {
        this.sink = sink;
    }

    /**
     * Sends every event of the types the analyzer reads to a sink, then {@link EventSink#end}.
     *
     * @param items The recording as JMC loaded it.
     * @param name  What to call the recording in the trace.
     * @param sink  The sink, usually a {@code TraceBuilder}.
     */
    static void read(IItemCollection items, String name, EventSink sink) {
        Set<String> types = new LinkedHashSet<>();
        for (IItemIterable it : items) types.add(it.getType().getIdentifier());
        // Start and duration 0: the builder takes the span of the events it receives.
        sink.begin(new RecordingInfo(name, 0, 0, 1, types));
        ItemsReader r = new ItemsReader(sink);
        for (IItemIterable it : items) {
            if (it.hasItems()) r.read(it);
        }
        sink.end(r.lastEndNs);
    }

    private void read(IItemIterable it) {
        Fields f = new Fields(it.getType(), toNs);
        switch (it.getType().getIdentifier()) {
            case PxlabEvents.LockWait.NAME: {
                LockWaitFields lw = new LockWaitFields(f);
                for (IItem i : it) lockWait(f, lw, i);
                break;
            }
            case PxlabEvents.LockHold.NAME: for (IItem i : it) lockHold(f, i); break;
            case PxlabEvents.ThreadSched.NAME: for (IItem i : it) threadSched(f, i); break;
            case PxlabEvents.ThreadCpu.NAME: for (IItem i : it) threadCpu(f, i); break;
            case PxlabEvents.Request.NAME: for (IItem i : it) request(f, i); break;
            case PxlabEvents.MonitorEnter.NAME: {
                MonitorEnterFields me = new MonitorEnterFields(f);
                for (IItem i : it) monitorEnter(f, me, i);
                break;
            }
            case PxlabEvents.MonitorWait.NAME: for (IItem i : it) monitorWait(f, i); break;
            case PxlabEvents.ThreadPark.NAME: for (IItem i : it) threadPark(f, i); break;
            case PxlabEvents.ThreadSleep.NAME: for (IItem i : it) threadSleep(f, i); break;
            case PxlabEvents.ThreadStart.NAME: for (IItem i : it) threadStart(f, i); break;
            case PxlabEvents.ThreadEnd.NAME: for (IItem i : it) threadEnd(f, i); break;
            case PxlabEvents.ThreadCpuLoad.NAME: for (IItem i : it) threadCpuLoad(f, i); break;
            case PxlabEvents.ExecutionSample.NAME: for (IItem i : it) executionSample(f, i); break;
            case PxlabEvents.CpuInformation.NAME: for (IItem i : it) cpuInformation(f, i); break;
            case PxlabEvents.VirtualThreadPinned.NAME: for (IItem i : it) virtualThreadPinned(f, i); break;
            default: break;
        }
    }

    /** {@code pxlab.LockWait}'s own accessors, resolved once per event type: the most numerous event. */
    private static final class LockWaitFields {
        final IMemberAccessor<?, IItem> lockId;
        final IMemberAccessor<?, IItem> lockClass;
        final IMemberAccessor<?, IItem> kind;
        final IMemberAccessor<?, IItem> owner;
        final IMemberAccessor<?, IItem> ownerOsThreadId;
        final IMemberAccessor<?, IItem> acquired;
        final IMemberAccessor<?, IItem> ownerCpuTime;
        final IMemberAccessor<?, IItem> ownerRunqueueWait;

        LockWaitFields(Fields f) {
            lockId = f.accessor(PxlabEvents.LockWait.LOCK_ID);
            lockClass = f.accessor(PxlabEvents.LockWait.LOCK_CLASS);
            kind = f.accessor(PxlabEvents.LockWait.KIND);
            owner = f.accessor(PxlabEvents.LockWait.OWNER);
            ownerOsThreadId = f.accessor(PxlabEvents.LockWait.OWNER_OS_THREAD_ID);
            acquired = f.accessor(PxlabEvents.LockWait.ACQUIRED);
            ownerCpuTime = f.accessor(PxlabEvents.LockWait.OWNER_CPU_TIME);
            ownerRunqueueWait = f.accessor(PxlabEvents.LockWait.OWNER_RUNQUEUE_WAIT);
        }
    }

    private void lockWait(Fields f, LockWaitFields lw, IItem i) {
        JfrThread waiter = thread(i, f.eventThread, -1);
        if (waiter == null) return;
        Frames.Summary stack = stack(f, i);
        sink.lockWait(new LockWaitEvent(start(f, i), endAfterStart(f, i), waiter, Fields.longOr(i, lw.lockId, 0),
                className(i, lw.lockClass), Fields.string(i, lw.kind),
                thread(i, lw.owner, Fields.longOr(i, lw.ownerOsThreadId, -1)),
                Fields.bool(i, lw.acquired, true), Fields.spanNs(i, lw.ownerCpuTime, toNs),
                Fields.spanNs(i, lw.ownerRunqueueWait, toNs), stack.top(), stack.inRecorderBelowProbe()));
    }

    private void lockHold(Fields f, IItem i) {
        // Before the holder field, the event thread was the holder (as in the analyzer's reader).
        String field = f.has(PxlabEvents.LockHold.HOLDER) ? PxlabEvents.LockHold.HOLDER : PxlabEvents.EVENT_THREAD;
        JfrThread holder = thread(f, i, field, f.longOr(i, PxlabEvents.LockHold.HOLDER_OS_THREAD_ID, -1));
        if (holder == null) return;
        sink.lockHold(new LockHoldEvent(start(f, i), endAfterStart(f, i), holder, f.longOr(i, PxlabEvents.LockHold.LOCK_ID, 0),
                className(f, i, PxlabEvents.LockHold.LOCK_CLASS), f.string(i, PxlabEvents.LockHold.KIND),
                f.spanNs(i, PxlabEvents.LockHold.HOLDER_CPU_TIME), f.spanNs(i, PxlabEvents.LockHold.HOLDER_RUNQUEUE_WAIT),
                (int) f.longOr(i, PxlabEvents.LockHold.WAITERS, 0), stack(f, i).top()));
    }

    private void threadSched(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.ThreadSched.THREAD, f.longOr(i, PxlabEvents.ThreadSched.OS_THREAD_ID, -1));
        if (t == null) return;
        sink.threadSched(new ThreadSchedEvent(start(f, i), t, (int) f.longOr(i, PxlabEvents.ThreadSched.JAVA_PRIORITY, 5),
                f.string(i, PxlabEvents.ThreadSched.POLICY), (int) f.longOr(i, PxlabEvents.ThreadSched.NICE, 0),
                (int) f.longOr(i, PxlabEvents.ThreadSched.RT_PRIORITY, 0), f.string(i, PxlabEvents.ThreadSched.AFFINITY),
                f.string(i, PxlabEvents.ThreadSched.CGROUP), (int) f.longOr(i, PxlabEvents.ThreadSched.CPU_WEIGHT, -1)));
    }

    private void threadCpu(Fields f, IItem i) {
        long osId = f.longOr(i, PxlabEvents.ThreadCpu.OS_THREAD_ID, -1);
        JfrThread t = thread(f, i, PxlabEvents.ThreadCpu.THREAD, osId);
        if (t == null) t = JfrThread.ofOs(osId, f.string(i, PxlabEvents.ThreadCpu.OS_THREAD_NAME));
        if (!t.identified()) return;
        sink.threadCpu(new ThreadCpuEvent(start(f, i), t, f.spanNs(i, PxlabEvents.ThreadCpu.CPU_TIME),
                f.spanNs(i, PxlabEvents.ThreadCpu.RUNQUEUE_WAIT)));
    }

    private void request(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.EVENT_THREAD, -1);
        if (t == null) return;
        String name = f.string(i, PxlabEvents.Request.REQUEST);
        sink.request(new RequestEvent(start(f, i), endAfterStart(f, i), t, name == null ? "?" : name,
                f.bool(i, PxlabEvents.Request.FAILED, false)));
    }

    /** {@code jdk.JavaMonitorEnter}'s own accessors, resolved once per event type. */
    private static final class MonitorEnterFields {
        final IMemberAccessor<?, IItem> monitorClass;
        final IMemberAccessor<?, IItem> address;
        final IMemberAccessor<?, IItem> previousOwner;

        MonitorEnterFields(Fields f) {
            monitorClass = f.accessor(PxlabEvents.MonitorEnter.MONITOR_CLASS);
            address = f.accessor(PxlabEvents.MonitorEnter.ADDRESS);
            previousOwner = f.accessor(PxlabEvents.MonitorEnter.PREVIOUS_OWNER);
        }
    }

    private void monitorEnter(Fields f, MonitorEnterFields me, IItem i) {
        JfrThread waiter = thread(i, f.eventThread, -1);
        if (waiter == null) return;
        Frames.Summary stack = stack(f, i);
        sink.monitorEnter(new MonitorEnterEvent(start(f, i), endAfterStart(f, i), waiter,
                className(i, me.monitorClass), Fields.longOr(i, me.address, 0),
                thread(i, me.previousOwner, -1), stack.top(), stack.inRecorder()));
    }

    private void monitorWait(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.EVENT_THREAD, -1);
        if (t != null) sink.monitorWait(new MonitorWaitEvent(start(f, i), endAfterStart(f, i), t,
                className(f, i, PxlabEvents.MonitorWait.MONITOR_CLASS)));
    }

    private void threadPark(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.EVENT_THREAD, -1);
        if (t == null) return;
        Frames.Summary stack = stack(f, i);
        sink.threadPark(new ThreadParkEvent(start(f, i), endAfterStart(f, i), t, className(f, i, PxlabEvents.ThreadPark.PARKED_CLASS),
                f.longOr(i, PxlabEvents.ThreadPark.ADDRESS, 0), stack.acquireMode(), stack.top(), stack.inRecorder()));
    }

    private void threadSleep(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.EVENT_THREAD, -1);
        if (t != null) sink.threadSleep(new ThreadSleepEvent(start(f, i), endAfterStart(f, i), t));
    }

    private void threadStart(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.ThreadStart.THREAD, -1);
        if (t != null) sink.threadStart(new ThreadStartEvent(start(f, i), t));
    }

    private void threadEnd(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.ThreadEnd.THREAD, -1);
        if (t != null) sink.threadEnd(new ThreadEndEvent(start(f, i), t));
    }

    private void threadCpuLoad(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.EVENT_THREAD, -1);
        if (t != null) sink.threadCpuLoad(new ThreadCpuLoadEvent(start(f, i), t,
                f.fraction(i, PxlabEvents.ThreadCpuLoad.USER), f.fraction(i, PxlabEvents.ThreadCpuLoad.SYSTEM)));
    }

    private void executionSample(Fields f, IItem i) {
        // JMC's parser renames the JDK's sampledThread to eventThread.
        String field = f.has(PxlabEvents.ExecutionSample.SAMPLED_THREAD) ? PxlabEvents.ExecutionSample.SAMPLED_THREAD
                : PxlabEvents.EVENT_THREAD;
        JfrThread t = thread(f, i, field, -1);
        if (t != null) sink.executionSample(new ExecutionSampleEvent(start(f, i), t));
    }

    private void cpuInformation(Fields f, IItem i) {
        sink.cpuInformation(new CpuInformationEvent(start(f, i),
                (int) f.longOr(i, PxlabEvents.CpuInformation.HW_THREADS, -1)));
    }

    private void virtualThreadPinned(Fields f, IItem i) {
        JfrThread t = thread(f, i, PxlabEvents.EVENT_THREAD, -1);
        if (t != null) sink.virtualThreadPinned(new VirtualThreadPinnedEvent(start(f, i), endAfterStart(f, i), t));
    }

    private long start(Fields f, IItem i) {
        return startNs = Fields.epochNs(i, f.startTime, toEpochNs);
    }

    /**
     * The end: start plus duration, as the analyzer's reader computes it; an instant ends where it starts. Called
     * right after {@link #start} for the same item (the argument before it), whose start it reuses rather than
     * read and convert JMC's timestamp twice.
     */
    private long endAfterStart(Fields f, IItem i) {
        long start = startNs;
        long d = Fields.spanNs(i, f.duration, toNs);
        long end = d > 0 ? start + d : start;
        lastEndNs = Math.max(lastEndNs, end);
        return end;
    }

    /**
     * Converts a thread field, completed with an OS id the event gives in a field of its own.
     *
     * @return The reference, {@code null} when neither names a thread.
     */
    private JfrThread thread(Fields f, IItem i, String field, long osId) {
        return thread(i, f.accessor(field), osId);
    }

    private JfrThread thread(IItem i, IMemberAccessor<?, IItem> field, long osId) {
        Object v = Fields.get(i, field);
        JfrThread t = v instanceof IMCThread m ? threads.computeIfAbsent(m, ItemsReader::convert) : null;
        if (osId <= 0) return t;
        if (t == null) return JfrThread.ofOs(osId, null);
        return t.osId() > 0 ? t : new JfrThread(t.javaId(), osId, t.javaName(), t.osName(), t.virtual());
    }

    private static JfrThread convert(IMCThread m) {
        Long id = m.getThreadId();
        return new JfrThread(id == null ? -1 : id, osThreadId(m), m.getThreadName(), m.getThreadName(), false);
    }

    /** JMC's parser keeps the thread constant's OS id in a field its IMCThread interface does not expose. */
    private static volatile Field osThreadIdField;

    /**
     * Returns the OS thread id of JMC's thread object: the analyzer joins a Java thread to the OS-only threads of
     * {@code pxlab.ThreadCpu} (CPU hogs that never lock) by it, as its own reader does from the thread constant.
     *
     * @return The id, or -1 when this JMC version's thread class has no such field or hides it.
     */
    private static long osThreadId(IMCThread m) {
        try {
            Field f = osThreadIdField;
            if (f == null || f.getDeclaringClass() != m.getClass()) {
                f = m.getClass().getField("osThreadId");
                f.setAccessible(true);   // the field is public, its class package-private
                osThreadIdField = f;
            }
            return f.get(m) instanceof Number n ? n.longValue() : -1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    private static String className(Fields f, IItem i, String field) {
        return className(i, f.accessor(field));
    }

    private static String className(IItem i, IMemberAccessor<?, IItem> field) {
        return Fields.get(i, field) instanceof IMCType t ? t.getFullName() : null;
    }

    private Frames.Summary stack(Fields f, IItem i) {
        if (!(Fields.get(i, f.stackTrace) instanceof IMCStackTrace st)) return Frames.Summary.NONE;
        return stacks.computeIfAbsent(st, ItemsReader::summarize);
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
     * One event type's accessors by field name, whatever content type JMC gave each field; the fields every
     * event reads resolved once, here, rather than by name for each item. A missing field's accessor is
     * {@code null} and reads as missing.
     */
    private static final class Fields {
        private final Map<String, IMemberAccessor<?, IItem>> byName = new HashMap<>();
        final IMemberAccessor<?, IItem> startTime;
        final IMemberAccessor<?, IItem> duration;
        final IMemberAccessor<?, IItem> eventThread;
        final IMemberAccessor<?, IItem> stackTrace;
        private final Converter toNs;

        Fields(IType<IItem> type, Converter toNs) {
            this.toNs = toNs;
            for (IAccessorKey<?> k : type.getAccessorKeys().keySet()) {
                byName.put(k.getIdentifier(), type.getAccessor(k));
            }
            startTime = accessor(PxlabEvents.START_TIME);
            duration = accessor(PxlabEvents.DURATION);
            eventThread = accessor(PxlabEvents.EVENT_THREAD);
            stackTrace = accessor(PxlabEvents.STACK_TRACE);
        }

        boolean has(String field) {
            return byName.containsKey(field);
        }

        IMemberAccessor<?, IItem> accessor(String field) {
            return byName.get(field);
        }

        Object get(IItem i, String field) {
            return get(i, accessor(field));
        }

        long longOr(IItem i, String field, long dflt) {
            return longOr(i, accessor(field), dflt);
        }

        long spanNs(IItem i, String field) {
            return spanNs(i, accessor(field), toNs);
        }

        String string(IItem i, String field) {
            return string(i, accessor(field));
        }

        boolean bool(IItem i, String field, boolean dflt) {
            return bool(i, accessor(field), dflt);
        }

        double fraction(IItem i, String field) {
            return get(i, field) instanceof IQuantity q ? q.doubleValueIn(UnitLookup.PERCENT_UNITY) : 0;
        }

        static Object get(IItem i, IMemberAccessor<?, IItem> a) {
            return a == null ? null : a.getMember(i);
        }

        static long longOr(IItem i, IMemberAccessor<?, IItem> a, long dflt) {
            Object v = get(i, a);
            if (v instanceof IQuantity q) return q.longValue();
            if (v instanceof Number n) return n.longValue();
            return dflt;
        }

        /** Nanoseconds of a timespan field; -1 when missing or JFR's N/A (negative) or "forever". */
        static long spanNs(IItem i, IMemberAccessor<?, IItem> a, Converter toNs) {
            if (!(get(i, a) instanceof IQuantity q)) return -1;
            long ns = toNs.clampedLongValue(q);
            return ns < 0 || ns == Long.MAX_VALUE ? -1 : ns;
        }

        static long epochNs(IItem i, IMemberAccessor<?, IItem> a, Converter toEpochNs) {
            return get(i, a) instanceof IQuantity q ? toEpochNs.clampedLongValue(q) : 0;
        }

        static String string(IItem i, IMemberAccessor<?, IItem> a) {
            return get(i, a) instanceof String s ? s : null;
        }

        static boolean bool(IItem i, IMemberAccessor<?, IItem> a, boolean dflt) {
            return get(i, a) instanceof Boolean b ? b : dflt;
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
