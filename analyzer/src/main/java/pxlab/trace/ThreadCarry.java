package pxlab.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventSink;
import pxlab.jfr.JfrThread;
import pxlab.jfr.ThreadEndEvent;
import pxlab.jfr.ThreadSchedEvent;
import pxlab.jfr.ThreadStartEvent;

/**
 * The thread facts a chunk-by-chunk reading carries past the chunks that recorded them: each thread's latest
 * scheduling reading (a wait is judged by the reading in force when it ended, however old), thread starts and
 * ends, and the CPU count. Its size grows with the threads, not with the events.
 */
public final class ThreadCarry implements EventSink {

    /** Insertion order, so feeding is deterministic. */
    private final Map<JfrThread, ThreadSchedEvent> sched = new LinkedHashMap<>();
    private final List<Object> lifetimes = new ArrayList<>();
    private CpuInformationEvent cpu;

    /** Creates an empty carry. */
    public ThreadCarry() {
    }

    private ThreadCarry(ThreadCarry from) {
        sched.putAll(from.sched);
        lifetimes.addAll(from.lifetimes);
        cpu = from.cpu;
    }

    /**
     * Returns a copy that later changes to this carry do not reach.
     *
     * @return The copy.
     */
    public ThreadCarry snapshot() {
        return new ThreadCarry(this);
    }

    /**
     * Feeds what is carried to a sink (a window's trace builder), before the window's own events.
     *
     * @param sink The sink.
     */
    public void feed(EventSink sink) {
        if (cpu != null) sink.cpuInformation(cpu);
        for (Object e : lifetimes) Dispatch.to(sink, e);
        for (ThreadSchedEvent e : sched.values()) sink.threadSched(e);
    }

    @Override
    public void threadSched(ThreadSchedEvent e) {
        ThreadSchedEvent known = sched.get(e.thread());
        if (known == null || known.timeNs() <= e.timeNs()) sched.put(e.thread(), e);
    }

    @Override
    public void threadStart(ThreadStartEvent e) {
        lifetimes.add(e);
    }

    @Override
    public void threadEnd(ThreadEndEvent e) {
        lifetimes.add(e);
    }

    @Override
    public void cpuInformation(CpuInformationEvent e) {
        if (e.hwThreads() > 0) cpu = e;
    }
}
