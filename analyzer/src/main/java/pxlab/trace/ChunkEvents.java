package pxlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventSink;
import pxlab.jfr.ExecutionSampleEvent;
import pxlab.jfr.LockHoldEvent;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.MonitorEnterEvent;
import pxlab.jfr.MonitorWaitEvent;
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
 * One chunk's events as records, in file order, so that they can be fed to more than one {@link TraceBuilder}
 * (as the core of one window and the context of its neighbours) after being decoded once. Lock waits, nearly all
 * of a large recording, are held as columns ({@link LockWaitColumns}); the other events as records.
 *
 * <p>Also remembers the span of the chunk's events, which bounds the context its waits can need: an event of a
 * neighbouring chunk matters to this chunk's waits only if it overlaps that span.
 */
public final class ChunkEvents implements EventSink {

    private final LockWaitColumns waits = new LockWaitColumns();
    private final List<Object> others = new ArrayList<>();
    /** File order: an index into {@link #waits}, or the complement ({@code ~i}) of an index into {@link #others}. */
    private int[] order = new int[1024];
    private int size;
    private long fromNs = Long.MAX_VALUE;
    private long toNs = Long.MIN_VALUE;

    /** Creates an empty buffer; give it to {@link pxlab.jfr.chunk.ChunkedRecording#read}. */
    public ChunkEvents() {
    }

    /**
     * Returns how many events the chunk held.
     *
     * @return The count.
     */
    public int size() {
        return size;
    }

    /**
     * Returns the earliest start of any event, epoch nanoseconds.
     *
     * @return The earliest start, or {@link Long#MAX_VALUE} when there is none.
     */
    public long fromNs() {
        return fromNs;
    }

    /**
     * Returns the latest end of any event, epoch nanoseconds.
     *
     * @return The latest end, or {@link Long#MIN_VALUE} when there is none.
     */
    public long toNs() {
        return toNs;
    }

    /**
     * Feeds every event to a sink, in file order.
     *
     * @param sink The sink.
     */
    public void feed(EventSink sink) {
        for (int k = 0; k < size; k++) {
            int i = order[k];
            if (i >= 0) sink.lockWait(waits.get(i));
            else Dispatch.to(sink, others.get(~i));
        }
    }

    /**
     * Counts every event, in file order, as {@link #feed} would: without making each lock wait's record again.
     *
     * @param count The count.
     */
    public void countInto(CoverageCount count) {
        for (int k = 0; k < size; k++) {
            int i = order[k];
            if (i >= 0) count.lockWait(waits.startNs(i), waits.endNs(i), waits.inRecorder(i));
            else Dispatch.to(count, others.get(~i));
        }
    }

    /**
     * Feeds every event but the lock waits to a sink, in file order: for a sink that reads none.
     *
     * @param sink The sink.
     */
    public void feedAllButLockWaits(EventSink sink) {
        for (Object e : others) Dispatch.to(sink, e);
    }

    /**
     * Feeds a sink the events that can matter to waits inside {@code [fromNs, toNs]}: those overlapping it, the
     * CPU samples up to {@code sampleMarginNs} either side (a share of CPU time is read between the samples around
     * a stretch), and the thread facts that stay true until replaced (scheduling readings, starts and ends, the
     * CPU count) from before it.
     *
     * @param sink           The sink.
     * @param fromNs         The start of the span, epoch nanoseconds.
     * @param toNs           Its end.
     * @param sampleMarginNs How far outside the span {@code pxlab.ThreadCpu} and {@code jdk.ThreadCPULoad}
     *                       samples still count.
     */
    public void feedOverlapping(EventSink sink, long fromNs, long toNs, long sampleMarginNs) {
        for (int k = 0; k < size; k++) {
            int i = order[k];
            if (i >= 0) {
                if (waits.startNs(i) <= toNs && waits.endNs(i) >= fromNs) sink.lockWait(waits.get(i));
                continue;
            }
            Object e = others.get(~i);
            long start = Dispatch.startNs(e);
            boolean sample = Dispatch.cpuSample(e);
            long margin = sample ? sampleMarginNs : 0;
            if (start > toNs + margin) continue;
            if (Dispatch.lasting(e) || Dispatch.endNs(e) >= fromNs - margin) Dispatch.to(sink, e);
        }
    }

    /**
     * Passes the lasting thread facts (see {@link #feedOverlapping}) to a carry, for the chunks after the next.
     *
     * @param carry The carry.
     */
    public void carryInto(ThreadCarry carry) {
        for (Object e : others) if (Dispatch.lasting(e)) Dispatch.to(carry, e);
    }

    private void seen(long startNs, long endNs) {
        fromNs = Math.min(fromNs, startNs);
        toNs = Math.max(toNs, endNs);
    }

    private void add(Object e) {
        append(~others.size());
        others.add(e);
        seen(Dispatch.startNs(e), Dispatch.endNs(e));
    }

    private void append(int index) {
        if (size == order.length) order = Arrays.copyOf(order, size * 2);
        order[size++] = index;
    }

    @Override
    public void lockWait(LockWaitEvent e) {
        append(waits.add(e));
        seen(e.startNs(), e.endNs());
    }

    @Override public void lockHold(LockHoldEvent e) { add(e); }
    @Override public void threadSched(ThreadSchedEvent e) { add(e); }
    @Override public void threadCpu(ThreadCpuEvent e) { add(e); }
    @Override public void request(RequestEvent e) { add(e); }
    @Override public void monitorEnter(MonitorEnterEvent e) { add(e); }
    @Override public void monitorWait(MonitorWaitEvent e) { add(e); }
    @Override public void threadPark(ThreadParkEvent e) { add(e); }
    @Override public void threadSleep(ThreadSleepEvent e) { add(e); }
    @Override public void threadStart(ThreadStartEvent e) { add(e); }
    @Override public void threadEnd(ThreadEndEvent e) { add(e); }
    @Override public void threadCpuLoad(ThreadCpuLoadEvent e) { add(e); }
    @Override public void executionSample(ExecutionSampleEvent e) { add(e); }
    @Override public void cpuInformation(CpuInformationEvent e) { add(e); }
    @Override public void virtualThreadPinned(VirtualThreadPinnedEvent e) { add(e); }
}
