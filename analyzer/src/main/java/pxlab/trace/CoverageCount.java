package pxlab.trace;

import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventSink;
import pxlab.jfr.ExecutionSampleEvent;
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
 * Counts what {@link Coverage} and the recording's span need, as {@link TraceBuilder} does, over events that are
 * each fed once: the whole-file figures of a recording read window by window, where every window's trace also
 * holds its neighbours' events.
 */
public final class CoverageCount implements EventSink {

    private boolean pxlabSeen;
    private int holds;
    private int schedEvents;
    private int threadCpuEvents;
    private int executionSamples;
    private int sleepEvents;
    private int recorderWaits;
    private int cpuLoads;
    private int cpus = -1;
    private final EventSpan span = new EventSpan();

    /** Creates a count of nothing. */
    public CoverageCount() {
    }

    /**
     * Returns the coverage, as {@link TraceBuilder#build()} would give it for the whole file.
     *
     * @param info    The whole file's info.
     * @param pxlab   Waits from the agent, after merging.
     * @param monitor Waits from {@code jdk.JavaMonitorEnter}, after merging.
     * @param park    Waits from {@code jdk.ThreadPark}, after merging.
     * @param dropped JDK waits merged into pxlab ones.
     * @return The coverage.
     */
    public Coverage coverage(RecordingInfo info, int pxlab, int monitor, int park, int dropped) {
        boolean agent = pxlabSeen || info.eventTypes().stream().anyMatch(t -> t.startsWith("pxlab."));
        boolean holdType = holds > 0 || info.declares(PxlabEvents.LockHold.NAME);
        return Coverage.of(agent, holdType, pxlab, monitor, park, dropped, recorderWaits, schedEvents,
                threadCpuEvents, executionSamples, sleepEvents, cpus > 0);
    }

    /**
     * Returns whether any thread's CPU time or load was sampled ({@code pxlab.ThreadCpu}, {@code jdk.ThreadCPULoad}).
     *
     * @return {@code true} when a replay reads CPU shares between samples.
     */
    public boolean cpuSamples() {
        return threadCpuEvents + cpuLoads > 0;
    }

    /**
     * Returns the recording machine's CPU count: the last {@code jdk.CPUInformation} that names one.
     *
     * @return The count, or -1 when unknown.
     */
    public int cpus() {
        return cpus;
    }

    /**
     * Returns when the recording began, as {@link Trace#startNs()}.
     *
     * @param info The whole file's info.
     * @return Epoch nanoseconds.
     */
    public long startNs(RecordingInfo info) {
        return span.startNs(info);
    }

    /**
     * Returns how long the recording lasted, as {@link Trace#durationNs()}.
     *
     * @param info The whole file's info.
     * @return Nanoseconds.
     */
    public long durationNs(RecordingInfo info) {
        return span.durationNs(info);
    }

    private void seen(long startNs, long endNs) {
        span.seen(startNs, endNs);
    }

    @Override
    public void lockWait(LockWaitEvent e) {
        lockWait(e.startNs(), e.endNs(), e.inRecorder());
    }

    /** What {@link #lockWait(LockWaitEvent)} counts of a wait: all a chunk held as columns needs to give. */
    void lockWait(long startNs, long endNs, boolean inRecorder) {
        pxlabSeen = true;
        seen(startNs, endNs);
        if (inRecorder) recorderWaits++;
    }

    @Override
    public void lockHold(LockHoldEvent e) {
        pxlabSeen = true;
        seen(e.startNs(), e.endNs());
        holds++;
    }

    @Override
    public void threadSched(ThreadSchedEvent e) {
        pxlabSeen = true;
        seen(e.timeNs(), e.timeNs());
        schedEvents++;
    }

    @Override
    public void threadCpu(ThreadCpuEvent e) {
        pxlabSeen = true;
        seen(e.timeNs(), e.timeNs());
        threadCpuEvents++;
    }

    @Override
    public void request(RequestEvent e) {
        pxlabSeen = true;
        seen(e.startNs(), e.endNs());
    }

    @Override
    public void monitorEnter(MonitorEnterEvent e) {
        seen(e.startNs(), e.endNs());
        if (e.inRecorder()) recorderWaits++;
    }

    @Override
    public void monitorWait(MonitorWaitEvent e) {
        seen(e.startNs(), e.endNs());
        sleepEvents++;
    }

    @Override
    public void threadPark(ThreadParkEvent e) {
        seen(e.startNs(), e.endNs());
        if (JucLocks.kindOf(e.parkedClass(), e.acquire()) == null) sleepEvents++;
        else if (e.inRecorder()) recorderWaits++;
    }

    @Override
    public void threadSleep(ThreadSleepEvent e) {
        seen(e.startNs(), e.endNs());
        sleepEvents++;
    }

    @Override
    public void threadStart(ThreadStartEvent e) {
        seen(e.timeNs(), e.timeNs());
    }

    @Override
    public void threadEnd(ThreadEndEvent e) {
        seen(e.timeNs(), e.timeNs());
    }

    @Override
    public void threadCpuLoad(ThreadCpuLoadEvent e) {
        seen(e.timeNs(), e.timeNs());
        cpuLoads++;
    }

    @Override
    public void executionSample(ExecutionSampleEvent e) {
        seen(e.timeNs(), e.timeNs());
        executionSamples++;
    }

    @Override
    public void cpuInformation(CpuInformationEvent e) {
        seen(e.timeNs(), e.timeNs());
        if (e.hwThreads() > 0) cpus = e.hwThreads();
    }

    @Override
    public void virtualThreadPinned(VirtualThreadPinnedEvent e) {
        seen(e.startNs(), e.endNs());
    }
}
