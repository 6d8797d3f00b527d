package pxlab.analysis;

import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventSink;
import pxlab.jfr.ExecutionSampleEvent;
import pxlab.jfr.LockHoldEvent;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.MonitorEnterEvent;
import pxlab.jfr.MonitorWaitEvent;
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
 * Passes every event on to another sink and tells a {@link Progress} how far into the recording reading is.
 *
 * <p>The reader does not expose its position in the file, so progress is measured in recording time: an event's
 * time against the span the chunk headers declare. Chunks are written in time order and events within a chunk
 * nearly so, which makes this a fair measure; the bar never moves backwards. Only every
 * {@link #CHECK_EVERY}th event is looked at, so the cost per event is a counter.
 */
final class ProgressSink implements EventSink {

    static final int CHECK_EVERY = 4096;

    private final EventSink next;
    private final Progress bar;
    private long startNs;
    private long spanNs;
    private int events;

    ProgressSink(EventSink next, Progress bar) {
        this.next = next;
        this.bar = bar;
    }

    private void at(long timeNs) {
        if (++events % CHECK_EVERY != 0 || spanNs <= 0) return;
        bar.fraction((timeNs - startNs) / (double) spanNs);
    }

    @Override
    public void begin(RecordingInfo info) {
        startNs = info.startNs();
        spanNs = info.durationNs();
        next.begin(info);
    }

    @Override
    public void lockWait(LockWaitEvent e) {
        at(e.startNs());
        next.lockWait(e);
    }

    @Override
    public void lockHold(LockHoldEvent e) {
        at(e.startNs());
        next.lockHold(e);
    }

    @Override
    public void threadSched(ThreadSchedEvent e) {
        at(e.timeNs());
        next.threadSched(e);
    }

    @Override
    public void threadCpu(ThreadCpuEvent e) {
        at(e.timeNs());
        next.threadCpu(e);
    }

    @Override
    public void request(RequestEvent e) {
        at(e.startNs());
        next.request(e);
    }

    @Override
    public void monitorEnter(MonitorEnterEvent e) {
        at(e.startNs());
        next.monitorEnter(e);
    }

    @Override
    public void monitorWait(MonitorWaitEvent e) {
        at(e.startNs());
        next.monitorWait(e);
    }

    @Override
    public void threadPark(ThreadParkEvent e) {
        at(e.startNs());
        next.threadPark(e);
    }

    @Override
    public void threadSleep(ThreadSleepEvent e) {
        at(e.startNs());
        next.threadSleep(e);
    }

    @Override
    public void threadStart(ThreadStartEvent e) {
        at(e.timeNs());
        next.threadStart(e);
    }

    @Override
    public void threadEnd(ThreadEndEvent e) {
        at(e.timeNs());
        next.threadEnd(e);
    }

    @Override
    public void threadCpuLoad(ThreadCpuLoadEvent e) {
        at(e.timeNs());
        next.threadCpuLoad(e);
    }

    @Override
    public void executionSample(ExecutionSampleEvent e) {
        at(e.timeNs());
        next.executionSample(e);
    }

    @Override
    public void cpuInformation(CpuInformationEvent e) {
        at(e.timeNs());
        next.cpuInformation(e);
    }

    @Override
    public void virtualThreadPinned(VirtualThreadPinnedEvent e) {
        at(e.startNs());
        next.virtualThreadPinned(e);
    }

    @Override
    public void end(long lastEventNs) {
        bar.fraction(1);
        next.end(lastEventNs);
    }
}
