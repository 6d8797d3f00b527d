package pxlab.trace;

import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventSink;
import pxlab.jfr.ExecutionSampleEvent;
import pxlab.jfr.LockHoldEvent;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.MonitorEnterEvent;
import pxlab.jfr.MonitorWaitEvent;
import pxlab.jfr.RequestEvent;
import pxlab.jfr.Span;
import pxlab.jfr.ThreadCpuEvent;
import pxlab.jfr.ThreadCpuLoadEvent;
import pxlab.jfr.ThreadEndEvent;
import pxlab.jfr.ThreadParkEvent;
import pxlab.jfr.ThreadSchedEvent;
import pxlab.jfr.ThreadSleepEvent;
import pxlab.jfr.ThreadStartEvent;
import pxlab.jfr.VirtualThreadPinnedEvent;

/** Hands a buffered event record back to the {@link EventSink} method of its type, and tells its times. */
final class Dispatch {

    private Dispatch() {
    }

    /** Lock waits first: they are nearly all of a large recording. */
    static void to(EventSink sink, Object e) {
        if (e instanceof LockWaitEvent x) sink.lockWait(x);
        else if (e instanceof LockHoldEvent x) sink.lockHold(x);
        else if (e instanceof MonitorEnterEvent x) sink.monitorEnter(x);
        else if (e instanceof ThreadParkEvent x) sink.threadPark(x);
        else if (e instanceof ThreadCpuEvent x) sink.threadCpu(x);
        else if (e instanceof ExecutionSampleEvent x) sink.executionSample(x);
        else if (e instanceof ThreadSchedEvent x) sink.threadSched(x);
        else if (e instanceof RequestEvent x) sink.request(x);
        else if (e instanceof MonitorWaitEvent x) sink.monitorWait(x);
        else if (e instanceof ThreadSleepEvent x) sink.threadSleep(x);
        else if (e instanceof ThreadStartEvent x) sink.threadStart(x);
        else if (e instanceof ThreadEndEvent x) sink.threadEnd(x);
        else if (e instanceof ThreadCpuLoadEvent x) sink.threadCpuLoad(x);
        else if (e instanceof CpuInformationEvent x) sink.cpuInformation(x);
        else if (e instanceof VirtualThreadPinnedEvent x) sink.virtualThreadPinned(x);
        else throw new IllegalArgumentException("not an event record: " + e.getClass());
    }

    /** Facts that hold until replaced, whatever their time: needed by waits long after they were recorded. */
    static boolean lasting(Object e) {
        return e instanceof ThreadSchedEvent || e instanceof ThreadStartEvent || e instanceof ThreadEndEvent
                || e instanceof CpuInformationEvent;
    }

    /** Samples of a thread's cumulative CPU time or load, read in pairs around a stretch. */
    static boolean cpuSample(Object e) {
        return e instanceof ThreadCpuEvent || e instanceof ThreadCpuLoadEvent;
    }

    static long startNs(Object e) {
        return e instanceof Span x ? x.startNs() : instantNs(e);
    }

    static long endNs(Object e) {
        return e instanceof Span x ? x.endNs() : instantNs(e);
    }

    private static long instantNs(Object e) {
        if (e instanceof ThreadCpuEvent x) return x.timeNs();
        if (e instanceof ExecutionSampleEvent x) return x.timeNs();
        if (e instanceof ThreadSchedEvent x) return x.timeNs();
        if (e instanceof ThreadStartEvent x) return x.timeNs();
        if (e instanceof ThreadEndEvent x) return x.timeNs();
        if (e instanceof ThreadCpuLoadEvent x) return x.timeNs();
        if (e instanceof CpuInformationEvent x) return x.timeNs();
        throw new IllegalArgumentException("not an event record: " + e.getClass());
    }
}
