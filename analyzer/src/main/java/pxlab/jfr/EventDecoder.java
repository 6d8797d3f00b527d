package pxlab.jfr;

import static pxlab.jfr.Values.booleanOr;
import static pxlab.jfr.Values.className;
import static pxlab.jfr.Values.doubleOr;
import static pxlab.jfr.Values.endNs;
import static pxlab.jfr.Values.intOr;
import static pxlab.jfr.Values.longOr;
import static pxlab.jfr.Values.spanNs;
import static pxlab.jfr.Values.startNs;
import static pxlab.jfr.Values.stringOr;
import static pxlab.jfr.Values.thread;

import jdk.jfr.consumer.RecordedEvent;
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
 * method per type; every field read goes through {@link Values}, which checks that the field exists.
 *
 * <p>Events whose thread cannot be identified at all (no Java id and no OS id) are dropped: nothing can be said
 * about them, and no later step has to cope with a thread-less wait.
 */
final class EventDecoder {

    private final EventSink sink;
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
        switch (e.getEventType().getName()) {
            case LockWait.NAME: lockWait(e); break;
            case LockHold.NAME: lockHold(e); break;
            case ThreadSched.NAME: threadSched(e); break;
            case ThreadCpu.NAME: threadCpu(e); break;
            case Request.NAME: request(e); break;
            case MonitorEnter.NAME: monitorEnter(e); break;
            case MonitorWait.NAME: monitorWait(e); break;
            case ThreadPark.NAME: threadPark(e); break;
            case ThreadSleep.NAME: threadSleep(e); break;
            case ThreadStart.NAME: threadStart(e); break;
            case ThreadEnd.NAME: threadEnd(e); break;
            case ThreadCpuLoad.NAME: threadCpuLoad(e); break;
            case ExecutionSample.NAME: executionSample(e); break;
            case CpuInformation.NAME: cpuInformation(e); break;
            case VirtualThreadPinned.NAME: virtualThreadPinned(e); break;
            default: return;
        }
        lastEndNs = Math.max(lastEndNs, endNs(e));
    }

    private void lockWait(RecordedEvent e) {
        JfrThread waiter = thread(e, PxlabEvents.EVENT_THREAD);
        if (waiter == null) return;
        JfrThread owner = withOsId(thread(e, LockWait.OWNER), longOr(e, LockWait.OWNER_OS_THREAD_ID, -1));
        sink.lockWait(new LockWaitEvent(startNs(e), endNs(e), waiter, longOr(e, LockWait.LOCK_ID, 0),
                className(e, LockWait.LOCK_CLASS), stringOr(e, LockWait.KIND, null), owner,
                booleanOr(e, LockWait.ACQUIRED, true), spanNs(e, LockWait.OWNER_CPU_TIME),
                spanNs(e, LockWait.OWNER_RUNQUEUE_WAIT), Frames.top(e.getStackTrace()),
                Frames.inRecorder(e.getStackTrace(), true)));
    }

    private void lockHold(RecordedEvent e) {
        // Before the holder field, the event thread was the holder; since, it is whoever ended the hold.
        String holderField = e.hasField(LockHold.HOLDER) ? LockHold.HOLDER : PxlabEvents.EVENT_THREAD;
        JfrThread holder = withOsId(thread(e, holderField), longOr(e, LockHold.HOLDER_OS_THREAD_ID, -1));
        if (holder == null) return;
        sink.lockHold(new LockHoldEvent(startNs(e), endNs(e), holder, longOr(e, LockHold.LOCK_ID, 0),
                className(e, LockHold.LOCK_CLASS), stringOr(e, LockHold.KIND, null),
                spanNs(e, LockHold.HOLDER_CPU_TIME), spanNs(e, LockHold.HOLDER_RUNQUEUE_WAIT),
                intOr(e, LockHold.WAITERS, 0), Frames.top(e.getStackTrace())));
    }

    private void threadSched(RecordedEvent e) {
        JfrThread t = withOsId(thread(e, ThreadSched.THREAD), longOr(e, ThreadSched.OS_THREAD_ID, -1));
        if (t == null) return;
        sink.threadSched(new ThreadSchedEvent(startNs(e), t, intOr(e, ThreadSched.JAVA_PRIORITY, 5),
                stringOr(e, ThreadSched.POLICY, null), intOr(e, ThreadSched.NICE, 0),
                intOr(e, ThreadSched.RT_PRIORITY, 0), stringOr(e, ThreadSched.AFFINITY, null),
                stringOr(e, ThreadSched.CGROUP, null), intOr(e, ThreadSched.CPU_WEIGHT, -1)));
    }

    private void threadCpu(RecordedEvent e) {
        long osId = longOr(e, ThreadCpu.OS_THREAD_ID, -1);
        String osName = stringOr(e, ThreadCpu.OS_THREAD_NAME, null);
        JfrThread t = thread(e, ThreadCpu.THREAD);
        t = t == null ? JfrThread.ofOs(osId, osName) : withOsId(t, osId);
        if (!t.identified()) return;
        sink.threadCpu(new ThreadCpuEvent(startNs(e), t, spanNs(e, ThreadCpu.CPU_TIME),
                spanNs(e, ThreadCpu.RUNQUEUE_WAIT)));
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

    private void request(RecordedEvent e) {
        JfrThread t = thread(e, PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        sink.request(new RequestEvent(startNs(e), endNs(e), t, stringOr(e, Request.REQUEST, "?"),
                booleanOr(e, Request.FAILED, false)));
    }

    private void monitorEnter(RecordedEvent e) {
        JfrThread waiter = thread(e, PxlabEvents.EVENT_THREAD);
        if (waiter == null) return;
        sink.monitorEnter(new MonitorEnterEvent(startNs(e), endNs(e), waiter, className(e, MonitorEnter.MONITOR_CLASS),
                longOr(e, MonitorEnter.ADDRESS, 0), thread(e, MonitorEnter.PREVIOUS_OWNER),
                Frames.top(e.getStackTrace()), Frames.inRecorder(e.getStackTrace(), false)));
    }

    private void monitorWait(RecordedEvent e) {
        JfrThread t = thread(e, PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        sink.monitorWait(new MonitorWaitEvent(startNs(e), endNs(e), t, className(e, MonitorWait.MONITOR_CLASS)));
    }

    private void threadPark(RecordedEvent e) {
        JfrThread t = thread(e, PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        sink.threadPark(new ThreadParkEvent(startNs(e), endNs(e), t, className(e, ThreadPark.PARKED_CLASS),
                longOr(e, ThreadPark.ADDRESS, 0), Frames.acquireMode(e.getStackTrace()),
                Frames.top(e.getStackTrace()), Frames.inRecorder(e.getStackTrace(), false)));
    }

    private void threadSleep(RecordedEvent e) {
        JfrThread t = thread(e, PxlabEvents.EVENT_THREAD);
        if (t != null) sink.threadSleep(new ThreadSleepEvent(startNs(e), endNs(e), t));
    }

    private void threadStart(RecordedEvent e) {
        JfrThread t = thread(e, ThreadStart.THREAD);
        if (t != null) sink.threadStart(new ThreadStartEvent(startNs(e), t));
    }

    private void threadEnd(RecordedEvent e) {
        JfrThread t = thread(e, ThreadEnd.THREAD);
        if (t != null) sink.threadEnd(new ThreadEndEvent(startNs(e), t));
    }

    private void threadCpuLoad(RecordedEvent e) {
        JfrThread t = thread(e, PxlabEvents.EVENT_THREAD);
        if (t != null) sink.threadCpuLoad(new ThreadCpuLoadEvent(startNs(e), t,
                doubleOr(e, ThreadCpuLoad.USER, 0), doubleOr(e, ThreadCpuLoad.SYSTEM, 0)));
    }

    private void executionSample(RecordedEvent e) {
        JfrThread t = thread(e, ExecutionSample.SAMPLED_THREAD);
        if (t != null) sink.executionSample(new ExecutionSampleEvent(startNs(e), t));
    }

    private void cpuInformation(RecordedEvent e) {
        sink.cpuInformation(new CpuInformationEvent(startNs(e), intOr(e, CpuInformation.HW_THREADS, -1)));
    }

    private void virtualThreadPinned(RecordedEvent e) {
        JfrThread t = thread(e, PxlabEvents.EVENT_THREAD);
        if (t != null) sink.virtualThreadPinned(new VirtualThreadPinnedEvent(startNs(e), endNs(e), t));
    }
}
