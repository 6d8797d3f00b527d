package pxlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventSink;
import pxlab.jfr.ExecutionSampleEvent;
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
import pxlab.trace.ThreadRegistry.Entry;
import pxlab.trace.TraceLock.IdSpace;

/**
 * Builds a {@link Trace} from a recording's events: give it to {@link pxlab.jfr.chunk.RecordingReader#read}, or feed it
 * records by hand (tests, synthetic traces), then call {@link #build()} once.
 *
 * <p>While reading it keeps only the records, never JFR's objects. {@link #build()} then settles thread identities
 * and names ({@link ThreadRegistry}), keeps one wait where the agent and the JDK both recorded it
 * ({@link WaitMerger}), and sorts everything by time.
 *
 * <p><b>Note</b>: a builder is single-use and not thread-safe.
 */
public final class TraceBuilder implements EventSink {

    private static final String PXLAB_PREFIX = "pxlab.";

    private final ThreadRegistry registry = new ThreadRegistry();
    private final PendingWaits waits = new PendingWaits();
    private final List<PendingHold> holds = new ArrayList<>();
    private final List<PendingRequest> requests = new ArrayList<>();
    /** One instance per lock, shared by all its waits and holds: a recording names few locks many times. */
    private final Map<TraceLock, TraceLock> locks = new HashMap<>();
    private RecordingInfo info;
    private long seq;
    private int cpus = -1;
    private final EventSpan span = new EventSpan();
    private boolean pxlabSeen;
    private int schedEvents;
    private int threadCpuEvents;
    private int executionSamples;
    private int sleepEvents;
    private int recorderWaits;
    private boolean built;

    private record PendingHold(Entry holder, TraceLock lock, LockKind kind, long startNs, long endNs, long cpuNs,
                               long rqNs, int waiters, List<String> stack, long seq) {
    }

    private record PendingRequest(Entry thread, String name, long startNs, long endNs, boolean failed, long seq) {
    }

    /**
     * {@link Wait#ORDER} written out: the same order without a lambda per key, and without comparing the names of
     * one thread's waits that start together.
     */
    private static final Comparator<Wait> WAIT_ORDER = (a, b) -> {
        int c = Long.compare(a.startNs(), b.startNs());
        if (c != 0) return c;
        if (a.waiter() != b.waiter()) {
            c = TraceThread.ORDER.compare(a.waiter(), b.waiter());
            if (c != 0) return c;
        }
        return Long.compare(a.seq(), b.seq());
    };

    /** Creates an empty builder. */
    public TraceBuilder() {
    }

    @Override
    public void begin(RecordingInfo info) {
        this.info = info;
    }

    @Override
    public void lockWait(LockWaitEvent e) {
        pxlabSeen = true;
        seen(e.startNs(), e.endNs());
        if (e.inRecorder()) {
            recorderWaits++;
            return;
        }
        LockKind kind = LockKind.of(e.kind());
        // A read wait names the writer holding the lock; behind readers the agent names no one.
        Entry owner = e.owner() == null ? null : registry.resolve(e.owner());
        waits.add(registry.resolve(e.waiter()), owner, lock(e.lockClass(), e.lockId(), IdSpace.IDENTITY_HASH), kind,
                e.startNs(), e.endNs(), e.acquired(), e.ownerCpuNs(), e.ownerRunqueueNs(), Wait.Source.PXLAB,
                e.stack(), seq++);
    }

    @Override
    public void lockHold(LockHoldEvent e) {
        pxlabSeen = true;
        seen(e.startNs(), e.endNs());
        holds.add(new PendingHold(registry.resolve(e.holder()),
                lock(e.lockClass(), e.lockId(), IdSpace.IDENTITY_HASH), LockKind.of(e.kind()),
                e.startNs(), e.endNs(), e.holderCpuNs(), e.holderRunqueueNs(), e.waiters(), e.stack(), seq++));
    }

    @Override
    public void threadSched(ThreadSchedEvent e) {
        pxlabSeen = true;
        seen(e.timeNs(), e.timeNs());
        schedEvents++;
        registry.resolve(e.thread()).sched.add(new SchedAttributes(e.timeNs(), e.policy(), e.nice(),
                e.rtPriority(), e.javaPriority(), e.affinity(), e.cgroup(), e.cpuWeight()));
    }

    @Override
    public void threadCpu(ThreadCpuEvent e) {
        pxlabSeen = true;
        seen(e.timeNs(), e.timeNs());
        threadCpuEvents++;
        registry.resolve(e.thread()).cpu.add(new CpuSample(e.timeNs(), e.cpuNs(), e.runqueueNs()));
    }

    @Override
    public void request(RequestEvent e) {
        pxlabSeen = true;
        seen(e.startNs(), e.endNs());
        requests.add(new PendingRequest(registry.resolve(e.thread()), e.name(), e.startNs(), e.endNs(), e.failed(),
                seq++));
    }

    @Override
    public void monitorEnter(MonitorEnterEvent e) {
        seen(e.startNs(), e.endNs());
        if (e.inRecorder()) {
            recorderWaits++;
            return;
        }
        // previousOwner: the last owner before the waiter entered (Wait.Source.MONITOR_ENTER says so).
        Entry owner = e.previousOwner() == null ? null : registry.resolve(e.previousOwner());
        waits.add(registry.resolve(e.waiter()), owner, lock(e.monitorClass(), e.address(), IdSpace.ADDRESS),
                LockKind.MONITOR, e.startNs(), e.endNs(), true, Wait.UNKNOWN, Wait.UNKNOWN, Wait.Source.MONITOR_ENTER,
                e.stack(), seq++);
    }

    @Override
    public void monitorWait(MonitorWaitEvent e) {
        seen(e.startNs(), e.endNs());
        sleep(e.thread(), e.startNs(), e.endNs(), "Object.wait");
    }

    @Override
    public void threadPark(ThreadParkEvent e) {
        seen(e.startNs(), e.endNs());
        LockKind kind = JucLocks.kindOf(e.parkedClass(), e.acquire());
        if (kind == null) {
            sleep(e.thread(), e.startNs(), e.endNs(), JucLocks.parkReason(e.parkedClass()));
            return;
        }
        if (e.inRecorder()) {
            recorderWaits++;
            return;
        }
        // A park does not say whether the lock was acquired when it ended; it usually was, or the thread parks again.
        waits.add(registry.resolve(e.thread()), null, lock(e.parkedClass(), e.address(), IdSpace.ADDRESS), kind,
                e.startNs(), e.endNs(), true, Wait.UNKNOWN, Wait.UNKNOWN, Wait.Source.THREAD_PARK, e.stack(), seq++);
    }

    @Override
    public void threadSleep(ThreadSleepEvent e) {
        seen(e.startNs(), e.endNs());
        sleep(e.thread(), e.startNs(), e.endNs(), "Thread.sleep");
    }

    @Override
    public void threadStart(ThreadStartEvent e) {
        seen(e.timeNs(), e.timeNs());
        Entry t = registry.resolve(e.thread());
        if (t.startNs == Wait.UNKNOWN || e.timeNs() < t.startNs) t.startNs = e.timeNs();
    }

    @Override
    public void threadEnd(ThreadEndEvent e) {
        seen(e.timeNs(), e.timeNs());
        Entry t = registry.resolve(e.thread());
        t.endNs = Math.max(t.endNs, e.timeNs());
    }

    @Override
    public void threadCpuLoad(ThreadCpuLoadEvent e) {
        seen(e.timeNs(), e.timeNs());
        registry.resolve(e.thread()).load.add(new CpuLoad(e.timeNs(), e.user(), e.system()));
    }

    @Override
    public void executionSample(ExecutionSampleEvent e) {
        seen(e.timeNs(), e.timeNs());
        executionSamples++;
        registry.resolve(e.thread()).addSample(e.timeNs());
    }

    @Override
    public void cpuInformation(CpuInformationEvent e) {
        seen(e.timeNs(), e.timeNs());
        if (e.hwThreads() > 0) cpus = e.hwThreads();
    }

    @Override
    public void virtualThreadPinned(VirtualThreadPinnedEvent e) {
        seen(e.startNs(), e.endNs());
        registry.resolve(e.thread()).pinned.add(new Interval(e.startNs(), e.endNs()));
    }

    /**
     * Returns the sequence number the next wait, hold or request will get. Numbers follow arrival, so the
     * numbers taken while some events were fed tell which of the trace's waits came from them.
     *
     * @return The next sequence number.
     */
    public long nextSeq() {
        return seq;
    }

    /**
     * Builds the trace from everything received.
     *
     * @return The trace; empty lists when no events arrived.
     * @throws IllegalStateException When called twice.
     */
    public Trace build() {
        if (built) throw new IllegalStateException("TraceBuilder.build() may be called once");
        built = true;
        Map<Entry, TraceThread> threads = registry.freeze();
        WaitMerger.Result merged = WaitMerger.merge(waits, registry.size());

        List<Wait> allWaits = new ArrayList<>(merged.kept().length);
        for (int i : merged.kept()) allWaits.add(waits.toWait(i));
        allWaits.sort(WAIT_ORDER);
        List<Hold> allHolds = new ArrayList<>(holds.size());
        for (PendingHold h : holds) {
            allHolds.add(new Hold(threads.get(h.holder().canonical()), h.lock(), h.kind(), h.startNs(), h.endNs(),
                    h.cpuNs(), h.rqNs(), h.waiters(), h.stack(), h.seq()));
        }
        allHolds.sort(Comparator.comparingLong(Hold::startNs).thenComparing(Hold::holder, TraceThread.ORDER)
                .thenComparingLong(Hold::seq));
        List<Request> allRequests = new ArrayList<>(requests.size());
        for (PendingRequest r : requests) {
            allRequests.add(new Request(threads.get(r.thread().canonical()), r.name(), r.startNs(), r.endNs(),
                    r.failed(), r.seq()));
        }
        allRequests.sort(Comparator.comparingLong(Request::startNs)
                .thenComparing(Request::thread, TraceThread.ORDER).thenComparingLong(Request::seq));

        List<ThreadTimeline> timelines = timelines(threads, allWaits, allHolds);
        return new Trace(info == null ? "(built)" : info.file(), cpus, span.startNs(info), span.durationNs(info),
                timelines, lockList(allWaits, allHolds), allWaits, allHolds, allRequests,
                coverage(allWaits, merged.dropped()));
    }

    /**
     * Returns the locks the waits and holds name, by {@link TraceLock#ORDER}, then id and class. Duplicates are
     * dropped before sorting: the order formats each lock's name, too dear to do for each of a million waits.
     */
    private static List<TraceLock> lockList(List<Wait> waits, List<Hold> holds) {
        Set<TraceLock> distinct = new HashSet<>();
        for (Wait w : waits) distinct.add(w.lock());
        for (Hold h : holds) distinct.add(h.lock());
        List<TraceLock> out = new ArrayList<>(distinct);
        out.sort(TraceLock.ORDER.thenComparingLong(TraceLock::id).thenComparing(TraceLock::className));
        return out;
    }

    private TraceLock lock(String className, long id, IdSpace idSpace) {
        // Events name few locks many times, often in turns: a small table by id answers most of them without a
        // record made to look the lock up and a hash lookup.
        int slot = (int) (id ^ id >>> 32) * 0x9E3779B9 >>> (32 - RECENT_LOCK_BITS);
        TraceLock last = recentLocks[slot];
        if (last != null && last.id() == id && last.idSpace() == idSpace && Objects.equals(last.className(), className))
            return last;
        TraceLock lock = new TraceLock(className, id, idSpace);
        TraceLock known = locks.putIfAbsent(lock, lock);
        recentLocks[slot] = known == null ? lock : known;
        return recentLocks[slot];
    }

    private static final int RECENT_LOCK_BITS = 6;
    /** Locks {@link #lock} returned lately, by a hash of their id. */
    private final TraceLock[] recentLocks = new TraceLock[1 << RECENT_LOCK_BITS];

    private static TraceThread ownerOf(Map<Entry, TraceThread> threads, Entry owner) {
        return owner == null ? null : threads.get(owner.canonical());
    }

    private static List<ThreadTimeline> timelines(Map<Entry, TraceThread> threads, List<Wait> waits, List<Hold> holds) {
        // By identity: the registry made one thread object per thread, and a record's hash per wait adds up.
        Map<TraceThread, List<Wait>> waitsBy = new IdentityHashMap<>();
        for (Wait w : waits) waitsBy.computeIfAbsent(w.waiter(), k -> new ArrayList<>()).add(w);
        Map<TraceThread, List<Hold>> holdsBy = new IdentityHashMap<>();
        for (Hold h : holds) holdsBy.computeIfAbsent(h.holder(), k -> new ArrayList<>()).add(h);
        List<ThreadTimeline> out = new ArrayList<>(threads.size());
        for (Map.Entry<Entry, TraceThread> t : threads.entrySet()) {
            Entry e = t.getKey();
            e.sched.sort(Comparator.comparingLong(SchedAttributes::timeNs));
            e.cpu.sort(Comparator.comparingLong(CpuSample::timeNs));
            e.load.sort(Comparator.comparingLong(CpuLoad::timeNs));
            e.sleeps.sort(Comparator.comparingLong(Sleep::startNs).thenComparingLong(Sleep::endNs));
            e.pinned.sort(Comparator.comparingLong(Interval::startNs));
            long[] samples = Arrays.copyOf(e.samples, e.sampleCount);
            Arrays.sort(samples);
            out.add(new ThreadTimeline(t.getValue(), e.startNs, e.endNs, e.sched, e.cpu, e.load,
                    waitsBy.getOrDefault(t.getValue(), List.of()), holdsBy.getOrDefault(t.getValue(), List.of()),
                    e.sleeps, e.pinned, samples));
        }
        out.sort(Comparator.comparing(ThreadTimeline::thread, TraceThread.ORDER));
        return out;
    }

    private Coverage coverage(List<Wait> waits, int dropped) {
        int pxlab = 0;
        int monitor = 0;
        int park = 0;
        for (Wait w : waits) {
            switch (w.source()) {
                case PXLAB: pxlab++; break;
                case MONITOR_ENTER: monitor++; break;
                default: park++;
            }
        }
        boolean agent = pxlabSeen || declaresPxlab();
        boolean holdType = !holds.isEmpty() || info == null || info.declares(PxlabEvents.LockHold.NAME);
        return Coverage.of(agent, holdType, pxlab, monitor, park, dropped, recorderWaits, schedEvents,
                threadCpuEvents, executionSamples, sleepEvents, cpus > 0);
    }

    private boolean declaresPxlab() {
        if (info == null) return false;
        for (String type : info.eventTypes()) {
            if (type.startsWith(PXLAB_PREFIX)) return true;
        }
        return false;
    }

    private void sleep(JfrThread thread, long startNs, long endNs, String reason) {
        sleepEvents++;
        registry.resolve(thread).sleeps.add(new Sleep(startNs, endNs, reason));
    }

    private void seen(long startNs, long endNs) {
        span.seen(startNs, endNs);
    }
}
