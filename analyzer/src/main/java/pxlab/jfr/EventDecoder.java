package pxlab.jfr;

import static pxlab.jfr.Values.endNs;
import static pxlab.jfr.Values.startNs;

import java.util.IdentityHashMap;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import pxlab.jfr.PxlabEvents.CpuInformation;
import pxlab.jfr.PxlabEvents.ExecutionSample;
import pxlab.jfr.PxlabEvents.LockHold;
import pxlab.jfr.PxlabEvents.LockWait;
import pxlab.jfr.PxlabEvents.MonitorEnter;
import pxlab.jfr.PxlabEvents.MonitorWait;
import pxlab.jfr.PxlabEvents.Request;
import pxlab.jfr.PxlabEvents.ThreadCpu;
import pxlab.jfr.PxlabEvents.ThreadCpuLoad;
import pxlab.jfr.PxlabEvents.ThreadEnd;
import pxlab.jfr.PxlabEvents.ThreadPark;
import pxlab.jfr.PxlabEvents.ThreadSched;
import pxlab.jfr.PxlabEvents.ThreadSleep;
import pxlab.jfr.PxlabEvents.ThreadStart;
import pxlab.jfr.PxlabEvents.VirtualThreadPinned;

/**
 * Converts each {@link RecordedEvent} of a type the analyzer reads into its record and hands it to the sink. One
 * method per type; every field read goes through the type's {@link EventFields}, which knows whether the field
 * exists.
 *
 * <p>Events whose thread cannot be identified at all (no Java id and no OS id) are dropped: nothing can be said
 * about them, and no later step has to cope with a thread-less wait.
 */
final class EventDecoder {

    private final EventSink sink;
    /** Each event type's fields, resolved when its first event arrives (an {@code EventType} has no equals). */
    private final Map<EventType, EventFields> fields = new IdentityHashMap<>();
    private final PoolMemo<RecordedThread, JfrThread> threads = new PoolMemo<>(Values::thread);
    private final PoolMemo<RecordedClass, String> classNames = new PoolMemo<>(RecordedClass::getName);
    private final PoolMemo<RecordedStackTrace, Frames.Summary> stacks = new PoolMemo<>(Frames::summarize);
    private long lastEndNs = -1;

    EventDecoder(EventSink sink) {
        this.sink = sink;
    }

    /**
     * Returns the latest end time of any event decoded so far.
     *
     * @return Epoch nanoseconds, or -1 before the first event.
     */
    long lastEndNs() {
        return lastEndNs;
    }

    /**
     * Decodes one event, if its type is one the analyzer reads.
     *
     * @param e The event.
     */
    void decode(RecordedEvent e) {
        EventType type = e.getEventType();
        EventFields f = fields.computeIfAbsent(type, EventFields::of);
        switch (type.getName()) {
            case LockWait.NAME: lockWait(e, f); break;
            case LockHold.NAME: lockHold(e, f); break;
            case ThreadSched.NAME: threadSched(e, f); break;
            case ThreadCpu.NAME: threadCpu(e, f); break;
            case Request.NAME: request(e, f); break;
            case MonitorEnter.NAME: monitorEnter(e, f); break;
            case MonitorWait.NAME: monitorWait(e, f); break;
            case ThreadPark.NAME: threadPark(e, f); break;
            case ThreadSleep.NAME: threadSleep(e, f); break;
            case ThreadStart.NAME: threadStart(e, f); break;
            case ThreadEnd.NAME: threadEnd(e, f); break;
            case ThreadCpuLoad.NAME: threadCpuLoad(e, f); break;
            case ExecutionSample.NAME: executionSample(e, f); break;
            case CpuInformation.NAME: cpuInformation(e, f); break;
            case VirtualThreadPinned.NAME: virtualThreadPinned(e, f); break;
            default: return;
        }
        lastEndNs = Math.max(lastEndNs, endNs(e));
    }

    private void lockWait(RecordedEvent e, EventFields f) {
        JfrThread waiter = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (waiter == null) return;
        JfrThread owner = withOsId(thread(f, e, LockWait.OWNER), f.longOr(e, LockWait.OWNER_OS_THREAD_ID, -1));
        Frames.Summary stack = stack(f, e);
        sink.lockWait(new LockWaitEvent(startNs(e), endNs(e), waiter, f.longOr(e, LockWait.LOCK_ID, 0),
                className(f, e, LockWait.LOCK_CLASS), f.stringOr(e, LockWait.KIND, null), owner,
                f.booleanOr(e, LockWait.ACQUIRED, true), f.spanNs(e, LockWait.OWNER_CPU_TIME),
                f.spanNs(e, LockWait.OWNER_RUNQUEUE_WAIT), stack.top(), stack.inRecorderBelowProbe()));
    }

    private void lockHold(RecordedEvent e, EventFields f) {
        // Before the holder field, the event thread was the holder; since, it is whoever ended the hold.
        String holderField = f.has(LockHold.HOLDER) ? LockHold.HOLDER : PxlabEvents.EVENT_THREAD;
        JfrThread holder = withOsId(thread(f, e, holderField), f.longOr(e, LockHold.HOLDER_OS_THREAD_ID, -1));
        if (holder == null) return;
        sink.lockHold(new LockHoldEvent(startNs(e), endNs(e), holder, f.longOr(e, LockHold.LOCK_ID, 0),
                className(f, e, LockHold.LOCK_CLASS), f.stringOr(e, LockHold.KIND, null),
                f.spanNs(e, LockHold.HOLDER_CPU_TIME), f.spanNs(e, LockHold.HOLDER_RUNQUEUE_WAIT),
                f.intOr(e, LockHold.WAITERS, 0), stack(f, e).top()));
    }

    private void threadSched(RecordedEvent e, EventFields f) {
        JfrThread t = withOsId(thread(f, e, ThreadSched.THREAD), f.longOr(e, ThreadSched.OS_THREAD_ID, -1));
        if (t == null) return;
        sink.threadSched(new ThreadSchedEvent(startNs(e), t, f.intOr(e, ThreadSched.JAVA_PRIORITY, 5),
                f.stringOr(e, ThreadSched.POLICY, null), f.intOr(e, ThreadSched.NICE, 0),
                f.intOr(e, ThreadSched.RT_PRIORITY, 0), f.stringOr(e, ThreadSched.AFFINITY, null),
                f.stringOr(e, ThreadSched.CGROUP, null), f.intOr(e, ThreadSched.CPU_WEIGHT, -1)));
    }

    private void threadCpu(RecordedEvent e, EventFields f) {
        long osId = f.longOr(e, ThreadCpu.OS_THREAD_ID, -1);
        String osName = f.stringOr(e, ThreadCpu.OS_THREAD_NAME, null);
        JfrThread t = thread(f, e, ThreadCpu.THREAD);
        t = t == null ? JfrThread.ofOs(osId, osName) : withOsId(t, osId);
        if (!t.identified()) return;
        sink.threadCpu(new ThreadCpuEvent(startNs(e), t, f.spanNs(e, ThreadCpu.CPU_TIME),
                f.spanNs(e, ThreadCpu.RUNQUEUE_WAIT)));
    }

    /**
     * Returns a thread field, converted.
     *
     * @return The reference, or {@code null} when the field is missing, null, or names no thread.
     */
    private JfrThread thread(EventFields f, RecordedEvent e, String field) {
        return threads.get(f.thread(e, field));
    }

    /**
     * Returns a class field's name.
     *
     * @return The class's binary name, or {@code null} when the field is missing or null.
     */
    private String className(EventFields f, RecordedEvent e, String field) {
        return classNames.get(f.recordedClass(e, field));
    }

    /** Returns what the event's stack says; {@link Frames.Summary#NONE} when it has none. */
    private Frames.Summary stack(EventFields f, RecordedEvent e) {
        Frames.Summary s = stacks.get(f.stackTrace(e));
        return s == null ? Frames.Summary.NONE : s;
    }

    /**
     * Completes a thread reference with an OS id an event gives in a field of its own: the thread constant may lack
     * it, or be null altogether (JFR writes some ended threads so).
     *
     * @return The reference, {@code null} when neither names a thread.
     */
    private static JfrThread withOsId(JfrThread t, long osId) {
        if (osId <= 0) return t;
        if (t == null) return JfrThread.ofOs(osId, null);
        if (t.osId() > 0 || t.virtual()) return t;
        return new JfrThread(t.javaId(), osId, t.javaName(), t.osName(), false);
    }

    private void request(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        sink.request(new RequestEvent(startNs(e), endNs(e), t, f.stringOr(e, Request.REQUEST, "?"),
                f.booleanOr(e, Request.FAILED, false)));
    }

    private void monitorEnter(RecordedEvent e, EventFields f) {
        JfrThread waiter = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (waiter == null) return;
        Frames.Summary stack = stack(f, e);
        sink.monitorEnter(new MonitorEnterEvent(startNs(e), endNs(e), waiter,
                className(f, e, MonitorEnter.MONITOR_CLASS), f.longOr(e, MonitorEnter.ADDRESS, 0),
                thread(f, e, MonitorEnter.PREVIOUS_OWNER), stack.top(), stack.inRecorder()));
    }

    private void monitorWait(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        sink.monitorWait(new MonitorWaitEvent(startNs(e), endNs(e), t, className(f, e, MonitorWait.MONITOR_CLASS)));
    }

    private void threadPark(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        Frames.Summary stack = stack(f, e);
        sink.threadPark(new ThreadParkEvent(startNs(e), endNs(e), t, className(f, e, ThreadPark.PARKED_CLASS),
                f.longOr(e, ThreadPark.ADDRESS, 0), stack.acquireMode(), stack.top(), stack.inRecorder()));
    }

    private void threadSleep(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (t != null) sink.threadSleep(new ThreadSleepEvent(startNs(e), endNs(e), t));
    }

    private void threadStart(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, ThreadStart.THREAD);
        if (t != null) sink.threadStart(new ThreadStartEvent(startNs(e), t));
    }

    private void threadEnd(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, ThreadEnd.THREAD);
        if (t != null) sink.threadEnd(new ThreadEndEvent(startNs(e), t));
    }

    private void threadCpuLoad(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (t != null) sink.threadCpuLoad(new ThreadCpuLoadEvent(startNs(e), t,
                f.doubleOr(e, ThreadCpuLoad.USER, 0), f.doubleOr(e, ThreadCpuLoad.SYSTEM, 0)));
    }

    private void executionSample(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, ExecutionSample.SAMPLED_THREAD);
        if (t != null) sink.executionSample(new ExecutionSampleEvent(startNs(e), t));
    }

    private void cpuInformation(RecordedEvent e, EventFields f) {
        sink.cpuInformation(new CpuInformationEvent(startNs(e), f.intOr(e, CpuInformation.HW_THREADS, -1)));
    }

    private void virtualThreadPinned(RecordedEvent e, EventFields f) {
        JfrThread t = thread(f, e, PxlabEvents.EVENT_THREAD);
        if (t != null) sink.virtualThreadPinned(new VirtualThreadPinnedEvent(startNs(e), endNs(e), t));
    }
}
