package pxlab.jfr.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
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

/** Every record, in the order the parser handed them out. */
final class Records implements EventSink {
    final List<Object> all = new ArrayList<>();
    /** What {@link #begin} was handed, and whether {@link #end} came: not records, so not in {@link #all}. */
    RecordingInfo info;
    boolean ended;

    <T> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : all) if (type.isInstance(o)) out.add(type.cast(o));
        return out;
    }

    /** The first record of a type that matches, or a failure. */
    <T> T first(Class<T> type, Predicate<? super T> which) {
        return of(type).stream().filter(which).findFirst().orElseThrow();
    }

    @Override public void begin(RecordingInfo i) { info = i; }
    @Override public void end(long lastEventNs) { ended = true; }
    @Override public void lockWait(LockWaitEvent e) { all.add(e); }
    @Override public void lockHold(LockHoldEvent e) { all.add(e); }
    @Override public void threadSched(ThreadSchedEvent e) { all.add(e); }
    @Override public void threadCpu(ThreadCpuEvent e) { all.add(e); }
    @Override public void request(RequestEvent e) { all.add(e); }
    @Override public void monitorEnter(MonitorEnterEvent e) { all.add(e); }
    @Override public void monitorWait(MonitorWaitEvent e) { all.add(e); }
    @Override public void threadPark(ThreadParkEvent e) { all.add(e); }
    @Override public void threadSleep(ThreadSleepEvent e) { all.add(e); }
    @Override public void threadStart(ThreadStartEvent e) { all.add(e); }
    @Override public void threadEnd(ThreadEndEvent e) { all.add(e); }
    @Override public void threadCpuLoad(ThreadCpuLoadEvent e) { all.add(e); }
    @Override public void executionSample(ExecutionSampleEvent e) { all.add(e); }
    @Override public void cpuInformation(CpuInformationEvent e) { all.add(e); }
    @Override public void virtualThreadPinned(VirtualThreadPinnedEvent e) { all.add(e); }
}
