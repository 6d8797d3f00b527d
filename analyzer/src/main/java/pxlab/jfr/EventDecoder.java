package pxlab.jfr;

import java.util.List;
import java.util.Set;
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
 * Converts each event of a type the analyzer reads into its record and hands it to the sink. One method per type;
 * every field read goes through the {@link EventView}, which knows whether the field exists, so the same mapping
 * serves every parser: pxlab's own chunk parser, the JDK's (for chunks the former was not made for), and JMC's
 * items in the rules.
 *
 * <p>Events whose thread cannot be identified at all (no Java id and no OS id) are dropped: nothing can be said
 * about them, and no later step has to cope with a thread-less wait.
 */
public final class EventDecoder {

    /** The types {@link #decode} reads; a parser may skip events of any other type unread. */
    public static final Set<String> READ = Set.of(LockWait.NAME, LockHold.NAME, ThreadSched.NAME, ThreadCpu.NAME,
            Request.NAME, MonitorEnter.NAME, MonitorWait.NAME, ThreadPark.NAME, ThreadSleep.NAME, ThreadStart.NAME,
            ThreadEnd.NAME, ThreadCpuLoad.NAME, ExecutionSample.NAME, CpuInformation.NAME, VirtualThreadPinned.NAME);

    private final EventSink sink;
    private final long endsFromNs;
    private final long endsToNs;
    private final long startsFromNs;
    private long lastEndNs = -1;

    /**
     * Creates a decoder.
     *
     * @param sink What receives the records.
     */
    public EventDecoder(EventSink sink) {
        this.sink = sink;
        this.endsFromNs = Long.MIN_VALUE;
        this.endsToNs = Long.MAX_VALUE;
        this.startsFromNs = Long.MIN_VALUE;
    }

    /**
     * Creates a decoder of events whose times are known to lie in a span, such as a chunk's: one that ends outside
     * it, or starts before 1970, is damage. Such times come from damaged ticks that the parser cannot tell from
     * others, and would reach the model as waits of centuries.
     *
     * @param sink       What receives the records.
     * @param endsFromNs The earliest end an event may have, epoch nanoseconds.
     * @param endsToNs   The latest.
     */
    public EventDecoder(EventSink sink, long endsFromNs, long endsToNs) {
        this.sink = sink;
        this.endsFromNs = endsFromNs;
        this.endsToNs = endsToNs;
        this.startsFromNs = 0;
    }

    /**
     * Returns the latest end time of any event decoded so far.
     *
     * @return Epoch nanoseconds, or -1 before the first event.
     */
    public long lastEndNs() {
        return lastEndNs;
    }

    /**
     * Decodes one event, if its type is one the analyzer reads.
     *
     * @param e The event.
     * @throws IllegalStateException When the event's times lie outside the span this decoder was given.
     */
    public void decode(EventView e) {
        if (e.endNs() < endsFromNs || e.endNs() > endsToNs || e.startNs() < startsFromNs)
            throw new IllegalStateException("a " + e.typeName() + " event from " + e.startNs() + " to " + e.endNs()
                    + " ns since the epoch, outside its chunk's time");
        switch (e.typeName()) {
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
        lastEndNs = Math.max(lastEndNs, e.endNs());
    }

    private void lockWait(EventView e) {
        JfrThread waiter = e.thread(PxlabEvents.EVENT_THREAD);
        if (waiter == null) return;
        JfrThread owner = named(e, LockWait.OWNER, LockWait.OWNER_JAVA_THREAD_ID, LockWait.OWNER_JAVA_THREAD_NAME,
                LockWait.OWNER_OS_THREAD_ID);
        Frames.Summary stack = e.stack();
        sink.lockWait(new LockWaitEvent(e.startNs(), e.endNs(), waiter, e.longOr(LockWait.LOCK_ID, 0),
                e.className(LockWait.LOCK_CLASS), e.stringOr(LockWait.KIND, null), owner,
                e.booleanOr(LockWait.ACQUIRED, true), e.spanNs(LockWait.OWNER_CPU_TIME),
                e.spanNs(LockWait.OWNER_RUNQUEUE_WAIT), stack.top(), stack.inRecorderBelowProbe()));
    }

    private void lockHold(EventView e) {
        // Before the holder field, the event thread was the holder; since, it is whoever ended the hold.
        String holderField = e.has(LockHold.HOLDER) ? LockHold.HOLDER : PxlabEvents.EVENT_THREAD;
        JfrThread holder = named(e, holderField, LockHold.HOLDER_JAVA_THREAD_ID, LockHold.HOLDER_JAVA_THREAD_NAME,
                LockHold.HOLDER_OS_THREAD_ID);
        if (holder == null) return;
        // The stack is the committing thread's: the holder's at its release, but the next owner's when that thread
        // ended the hold first, and then it says nothing of the culprit's code.
        boolean holderCommitted = !differ(e.thread(PxlabEvents.EVENT_THREAD), holder);
        sink.lockHold(new LockHoldEvent(e.startNs(), e.endNs(), holder, e.longOr(LockHold.LOCK_ID, 0),
                e.className(LockHold.LOCK_CLASS), e.stringOr(LockHold.KIND, null),
                e.spanNs(LockHold.HOLDER_CPU_TIME), e.spanNs(LockHold.HOLDER_RUNQUEUE_WAIT),
                e.intOr(LockHold.WAITERS, 0), holderCommitted ? e.stack().top() : List.of()));
    }

    private void threadSched(EventView e) {
        JfrThread t = named(e, ThreadSched.THREAD, ThreadSched.JAVA_THREAD_ID, ThreadSched.JAVA_THREAD_NAME,
                ThreadSched.OS_THREAD_ID);
        if (t == null) return;
        sink.threadSched(new ThreadSchedEvent(e.startNs(), t, e.intOr(ThreadSched.JAVA_PRIORITY, 5),
                e.stringOr(ThreadSched.POLICY, null), e.intOr(ThreadSched.NICE, 0),
                e.intOr(ThreadSched.RT_PRIORITY, 0), e.stringOr(ThreadSched.AFFINITY, null),
                e.stringOr(ThreadSched.CGROUP, null), e.intOr(ThreadSched.CPU_WEIGHT, -1)));
    }

    private void threadCpu(EventView e) {
        long osId = e.longOr(ThreadCpu.OS_THREAD_ID, -1);
        String osName = e.stringOr(ThreadCpu.OS_THREAD_NAME, null);
        JfrThread t = e.thread(ThreadCpu.THREAD);
        t = t == null ? JfrThread.ofOs(osId, osName) : withOsId(t, osId);
        if (!t.identified()) return;
        sink.threadCpu(new ThreadCpuEvent(e.startNs(), t, e.spanNs(ThreadCpu.CPU_TIME),
                e.spanNs(ThreadCpu.RUNQUEUE_WAIT)));
    }

    /**
     * Completes a thread reference with an OS id an event gives in a field of its own: the thread constant may lack
     * it, or be null altogether (JFR writes some ended threads so).
     *
     * @return The reference, {@code null} when neither names a thread.
     */
    /** Whether two references surely name different threads: by Java id where both have one, else by OS id. */
    private static boolean differ(JfrThread a, JfrThread b) {
        if (a == null || b == null) return false;
        if (a.javaId() > 0 && b.javaId() > 0) return a.javaId() != b.javaId();
        return a.osId() > 0 && b.osId() > 0 && a.osId() != b.osId();
    }

    /**
     * Returns the thread a {@code Thread}-typed field names, or, where JFR wrote it as null (JDK 17 does for a thread
     * that had ended by the commit), the thread the agent's plain fields name: its Java id, name and OS id.
     */
    private static JfrThread named(EventView e, String field, String javaIdField, String nameField, String osIdField) {
        long osId = e.longOr(osIdField, -1);
        JfrThread t = e.thread(field);
        long javaId = t == null ? e.longOr(javaIdField, -1) : -1;
        if (javaId > 0) t = new JfrThread(javaId, -1, e.stringOr(nameField, null), null, false);
        return withOsId(t, osId);
    }

    private static JfrThread withOsId(JfrThread t, long osId) {
        if (osId <= 0) return t;
        if (t == null) return JfrThread.ofOs(osId, null);
        if (t.osId() > 0 || t.virtual()) return t;
        return new JfrThread(t.javaId(), osId, t.javaName(), t.osName(), false);
    }

    private void request(EventView e) {
        JfrThread t = e.thread(PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        sink.request(new RequestEvent(e.startNs(), e.endNs(), t, e.stringOr(Request.REQUEST, "?"),
                e.booleanOr(Request.FAILED, false)));
    }

    private void monitorEnter(EventView e) {
        JfrThread waiter = e.thread(PxlabEvents.EVENT_THREAD);
        if (waiter == null) return;
        Frames.Summary stack = e.stack();
        sink.monitorEnter(new MonitorEnterEvent(e.startNs(), e.endNs(), waiter,
                e.className(MonitorEnter.MONITOR_CLASS), e.longOr(MonitorEnter.ADDRESS, 0),
                e.thread(MonitorEnter.PREVIOUS_OWNER), stack.top(), stack.inRecorder()));
    }

    private void monitorWait(EventView e) {
        JfrThread t = e.thread(PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        sink.monitorWait(new MonitorWaitEvent(e.startNs(), e.endNs(), t, e.className(MonitorWait.MONITOR_CLASS)));
    }

    private void threadPark(EventView e) {
        JfrThread t = e.thread(PxlabEvents.EVENT_THREAD);
        if (t == null) return;
        Frames.Summary stack = e.stack();
        sink.threadPark(new ThreadParkEvent(e.startNs(), e.endNs(), t, e.className(ThreadPark.PARKED_CLASS),
                e.longOr(ThreadPark.ADDRESS, 0), stack.acquireMode(), stack.top(), stack.inRecorder()));
    }

    private void threadSleep(EventView e) {
        JfrThread t = e.thread(PxlabEvents.EVENT_THREAD);
        if (t != null) sink.threadSleep(new ThreadSleepEvent(e.startNs(), e.endNs(), t));
    }

    private void threadStart(EventView e) {
        JfrThread t = e.thread(ThreadStart.THREAD);
        if (t != null) sink.threadStart(new ThreadStartEvent(e.startNs(), t));
    }

    private void threadEnd(EventView e) {
        JfrThread t = e.thread(ThreadEnd.THREAD);
        if (t != null) sink.threadEnd(new ThreadEndEvent(e.startNs(), t));
    }

    private void threadCpuLoad(EventView e) {
        JfrThread t = e.thread(PxlabEvents.EVENT_THREAD);
        if (t != null) sink.threadCpuLoad(new ThreadCpuLoadEvent(e.startNs(), t,
                e.doubleOr(ThreadCpuLoad.USER, 0), e.doubleOr(ThreadCpuLoad.SYSTEM, 0)));
    }

    private void executionSample(EventView e) {
        JfrThread t = e.thread(ExecutionSample.SAMPLED_THREAD);
        if (t != null) sink.executionSample(new ExecutionSampleEvent(e.startNs(), t));
    }

    private void cpuInformation(EventView e) {
        sink.cpuInformation(new CpuInformationEvent(e.startNs(), e.intOr(CpuInformation.HW_THREADS, -1)));
    }

    private void virtualThreadPinned(EventView e) {
        JfrThread t = e.thread(PxlabEvents.EVENT_THREAD);
        if (t != null) sink.virtualThreadPinned(new VirtualThreadPinnedEvent(e.startNs(), e.endNs(), t));
    }
}
