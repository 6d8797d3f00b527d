package pxlab.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import pxlab.jfr.EventSink;
import pxlab.jfr.VirtualThreadPinnedEvent;
import pxlab.trace.ChunkEvents;
import pxlab.trace.Interval;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.TraceThread;

/**
 * The {@link Analysis.Pinning} of a recording summed interval by interval, from a whole trace or from a recording
 * read chunk by chunk, so that both readings give the same figures.
 *
 * <p>Threads are told apart by a key: their name in a whole trace (names are unique there), their Java id (else OS
 * id) across chunks, where a thread's name can differ between windows (see {@link LargeAnalysis}).
 */
final class PinningTotals {

    /** One thread's sums, under the name it is reported by. */
    private static final class PerThread {
        String name;
        int count;
        long totalNs;
        long longestNs;
    }

    private final Map<String, PerThread> byThread = new HashMap<>();
    private int count;
    private long totalNs;
    private long longestNs = -1;
    private long longestStartNs;
    private String longestKey;

    /**
     * Returns the pinning of a whole trace.
     *
     * @param trace The trace.
     * @param scope The report's thread pattern, or {@code null} for every thread.
     * @param top   How many threads to list; 0 for all.
     * @return The pinning.
     */
    static Analysis.Pinning of(Trace trace, Pattern scope, int top) {
        PinningTotals totals = new PinningTotals();
        for (ThreadTimeline t : trace.threads()) {
            String name = t.thread().name();
            if (t.pinned().isEmpty() || !Analysis.inScope(scope, name)) continue;
            for (Interval i : t.pinned()) totals.add(name, name, i.startNs(), i.endNs());
        }
        return totals.pinning(top);
    }

    /**
     * Adds one chunk's own pinned intervals: those recorded in the chunk, named as in the trace of its window (which
     * also holds the neighbours' overlapping events, so cannot tell which intervals are the chunk's).
     *
     * @param core   The chunk's events.
     * @param window The trace built from them and their context.
     * @param scope  The report's thread pattern, or {@code null}.
     */
    void addChunk(ChunkEvents core, Trace window, Pattern scope) {
        List<VirtualThreadPinnedEvent> own = new ArrayList<>();
        core.feedAllButLockWaits(new EventSink() {
            @Override
            public void virtualThreadPinned(VirtualThreadPinnedEvent e) {
                own.add(e);
            }
        });
        if (own.isEmpty()) return;
        Map<String, TraceThread> byId = new HashMap<>();
        for (ThreadTimeline t : window.threads()) {
            if (t.thread().javaId() > 0) byId.put("j" + t.thread().javaId(), t.thread());
            if (t.thread().osId() > 0) byId.putIfAbsent("tid" + t.thread().osId(), t.thread());
        }
        for (VirtualThreadPinnedEvent e : own) {
            TraceThread t = byId.get(e.thread().javaId() > 0 ? "j" + e.thread().javaId() : "tid" + e.thread().osId());
            if (t == null || !Analysis.inScope(scope, t.name())) continue;   // null: never, the window was fed it
            add(identity(t), t.name(), e.startNs(), e.endNs());
        }
    }

    /**
     * Returns how a thread is counted across a recording read in parts: as {@link LargeAnalysis} counts threads.
     *
     * @param t The thread.
     * @return {@code j<java id>}, else {@code tid<os id>}.
     */
    static String identity(TraceThread t) {
        return t.javaId() > 0 ? "j" + t.javaId() : "tid" + t.osId();
    }

    private void add(String key, String name, long startNs, long endNs) {
        long d = Math.max(0, endNs - startNs);
        PerThread p = byThread.computeIfAbsent(key, k -> new PerThread());
        // A bare name in one window may be name#id in another that sees a namesake; the whole file sees both.
        if (p.name == null || name.length() > p.name.length()) p.name = name;
        p.count++;
        p.totalNs += d;
        p.longestNs = Math.max(p.longestNs, d);
        count++;
        totalNs += d;
        // Ties go to the earlier start, then the key: the same in whole and chunked readings, whatever the order.
        if (d > longestNs || d == longestNs && (startNs < longestStartNs
                || startNs == longestStartNs && key.compareTo(longestKey) < 0)) {
            longestNs = d;
            longestStartNs = startNs;
            longestKey = key;
        }
    }

    /**
     * Returns the sums.
     *
     * @param top How many threads to list; 0 for all.
     * @return The pinning; {@link Analysis.Pinning#NONE} when nothing was added.
     */
    Analysis.Pinning pinning(int top) {
        if (count == 0) return Analysis.Pinning.NONE;
        List<Analysis.PinnedThread> threads = new ArrayList<>(byThread.size());
        for (PerThread p : byThread.values()) {
            threads.add(new Analysis.PinnedThread(p.name, p.count, p.totalNs, p.longestNs));
        }
        threads.sort(Comparator.comparingLong(Analysis.PinnedThread::totalNs).reversed()
                .thenComparing(Analysis.PinnedThread::thread).thenComparingInt(Analysis.PinnedThread::count));
        List<Analysis.PinnedThread> listed = top == 0 || threads.size() <= top ? threads : threads.subList(0, top);
        return new Analysis.Pinning(count, totalNs, longestNs, byThread.get(longestKey).name, byThread.size(), listed);
    }
}
