package pxlab.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything a recording says about one thread over time: its lifetime, scheduling attributes, CPU accounting,
 * lock waits and holds, sleeps, and execution samples. Every list is sorted by time and cannot be changed.
 */
public final class ThreadTimeline {

    private final TraceThread thread;
    private final long startNs;
    private final long endNs;
    private final List<SchedAttributes> sched;
    private final List<CpuSample> cpu;
    private final List<CpuLoad> load;
    private final List<Wait> waits;
    private final List<Hold> holds;
    private final List<Sleep> sleeps;
    private final List<Interval> pinned;
    private final long[] sampleNs;
    private final long[] waitStarts;
    /** The waits' ends, beside {@link #waitStarts}: window queries read the arrays, not a million wait objects. */
    private final long[] waitEnds;
    private final long[] sleepStarts;

    /**
     * Creates a timeline; lists must already be sorted by time.
     *
     * @param thread   The thread.
     * @param startNs  When it started ({@code jdk.ThreadStart}), or {@link Wait#UNKNOWN}.
     * @param endNs    When it ended ({@code jdk.ThreadEnd}), or {@link Wait#UNKNOWN}.
     * @param sched    Its scheduling attributes, each from the time it was read.
     * @param cpu      Its cumulative schedstat samples.
     * @param load     Its CPU load samples.
     * @param waits    Its lock waits, as the waiter, in {@link Wait#ORDER}.
     * @param holds    Its contended holds.
     * @param sleeps   Its sleeps and non-lock parks.
     * @param pinned   The times it blocked while pinned to a carrier (virtual threads).
     * @param sampleNs When it was found executing Java code ({@code jdk.ExecutionSample}), sorted.
     */
    ThreadTimeline(TraceThread thread, long startNs, long endNs, List<SchedAttributes> sched, List<CpuSample> cpu,
                   List<CpuLoad> load, List<Wait> waits, List<Hold> holds, List<Sleep> sleeps,
                   List<Interval> pinned, long[] sampleNs) {
        this.thread = Objects.requireNonNull(thread);
        this.startNs = startNs;
        this.endNs = endNs;
        this.sched = List.copyOf(sched);
        this.cpu = List.copyOf(cpu);
        this.load = List.copyOf(load);
        this.waits = List.copyOf(waits);
        this.holds = List.copyOf(holds);
        this.sleeps = List.copyOf(sleeps);
        this.pinned = List.copyOf(pinned);
        this.sampleNs = sampleNs.clone();
        this.waitStarts = new long[this.waits.size()];
        this.waitEnds = new long[this.waits.size()];
        for (int i = 0; i < waitStarts.length; i++) {
            Wait w = this.waits.get(i);
            waitStarts[i] = w.startNs();
            waitEnds[i] = w.endNs();
        }
        this.sleepStarts = this.sleeps.stream().mapToLong(Sleep::startNs).toArray();
    }

    /**
     * Returns the thread.
     *
     * @return The thread.
     */
    public TraceThread thread() {
        return thread;
    }

    /**
     * Returns when the thread started, or {@link Wait#UNKNOWN} (it started before the recording).
     *
     * @return When the thread started, or {@link Wait#UNKNOWN} (it started before the recording).
     */
    public long startNs() {
        return startNs;
    }

    /**
     * Returns when the thread ended, or {@link Wait#UNKNOWN} (it outlived the recording).
     *
     * @return When the thread ended, or {@link Wait#UNKNOWN} (it outlived the recording).
     */
    public long endNs() {
        return endNs;
    }

    /**
     * Returns its scheduling attributes, each from the time it was read; empty without the agent.
     *
     * @return Its scheduling attributes, each from the time it was read; empty without the agent.
     */
    public List<SchedAttributes> sched() {
        return sched;
    }

    /**
     * Returns its cumulative schedstat samples ({@code pxlab.ThreadCpu}).
     *
     * @return Its cumulative schedstat samples ({@code pxlab.ThreadCpu}).
     */
    public List<CpuSample> cpu() {
        return cpu;
    }

    /**
     * Returns its CPU load samples ({@code jdk.ThreadCPULoad}).
     *
     * @return Its CPU load samples ({@code jdk.ThreadCPULoad}).
     */
    public List<CpuLoad> load() {
        return load;
    }

    /**
     * Returns its lock waits, as the waiter, in {@link Wait#ORDER}.
     *
     * @return Its lock waits, as the waiter, in {@link Wait#ORDER}.
     */
    public List<Wait> waits() {
        return waits;
    }

    /**
     * Returns its contended holds, by start.
     *
     * @return Its contended holds, by start.
     */
    public List<Hold> holds() {
        return holds;
    }

    /**
     * Returns its sleeps, {@code Object.wait}s and non-lock parks, by start.
     *
     * @return Its sleeps, {@code Object.wait}s and non-lock parks, by start.
     */
    public List<Sleep> sleeps() {
        return sleeps;
    }

    /**
     * Returns the times it blocked while pinned to its carrier, by start.
     *
     * @return The times it blocked while pinned to its carrier, by start.
     */
    public List<Interval> pinned() {
        return pinned;
    }

    /**
     * Returns how many times it was found executing Java code.
     *
     * @return How many times it was found executing Java code.
     */
    public int executionSamples() {
        return sampleNs.length;
    }

    /**
     * Returns the attributes in force at a time: the last reading at or before {@code timeNs}, or, when the
     * thread was first read later, that first reading (attributes seldom change, and the agent reads a thread
     * only once it has taken part in a long wait).
     *
     * @param timeNs The time, epoch nanoseconds.
     * @return The attributes, or {@code null} when none were recorded.
     */
    public SchedAttributes schedAt(long timeNs) {
        if (sched.isEmpty()) return null;
        SchedAttributes found = sched.get(0);
        for (SchedAttributes a : sched) {
            if (a.timeNs() > timeNs) break;
            found = a;
        }
        return found;
    }

    /**
     * Returns how many execution samples fall in {@code [fromNs, toNs)}.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The count.
     */
    public int samplesIn(long fromNs, long toNs) {
        if (toNs <= fromNs) return 0;
        return firstAtOrAfter(toNs) - firstAtOrAfter(fromNs);
    }

    /**
     * Returns how much of {@code [fromNs, toNs)} the thread spent in sleeps and non-lock parks.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The nanoseconds, at most the window's length.
     */
    public long sleepNsIn(long fromNs, long toNs) {
        long sum = 0;
        for (int i = firstCandidate(sleepStarts, fromNs); i < sleeps.size() && sleeps.get(i).startNs() < toNs; i++) {
            sum += sleeps.get(i).overlapNs(fromNs, toNs);
        }
        return Math.min(sum, Math.max(0, toNs - fromNs));   // a sleep that parks inside would count twice
    }

    /**
     * Returns how much of {@code [fromNs, toNs)} the thread spent waiting for locks.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The nanoseconds.
     */
    public long waitNsIn(long fromNs, long toNs) {
        int from = firstCandidate(waitStarts, fromNs);
        int to = lowerBound(waitStarts, from, toNs);
        while (from < to && waitEnds[from] <= fromNs) from++;
        long sum = 0;
        for (int i = from; i < to; i++) sum += Math.max(0, Math.min(waitEnds[i], toNs) - Math.max(waitStarts[i], fromNs));
        return Math.min(sum, Math.max(0, toNs - fromNs));
    }

    /**
     * Returns the waits that overlap {@code [fromNs, toNs)}.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The waits, by start; a view that cannot be changed.
     */
    public List<Wait> waitsOverlapping(long fromNs, long toNs) {
        int from = firstCandidate(waitStarts, fromNs);
        int to = lowerBound(waitStarts, from, toNs);
        while (from < to && waitEnds[from] <= fromNs) from++;
        return waits.subList(from, to);
    }

    /**
     * Returns the sleeps and non-lock parks that overlap {@code [fromNs, toNs)}.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The sleeps, by start; a view that cannot be changed.
     */
    public List<Sleep> sleepsOverlapping(long fromNs, long toNs) {
        int from = firstCandidate(sleepStarts, fromNs);
        int to = lowerBound(sleepStarts, from, toNs);
        while (from < to && sleeps.get(from).endNs() <= fromNs) from++;
        return sleeps.subList(from, to);
    }

    /**
     * Returns the wait that overlaps {@code [fromNs, toNs)} most: of equal overlaps the earliest in
     * {@link Wait#ORDER}; the first of {@link #waitsOverlapping} when none overlaps by more than zero.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The wait, or {@code null} when none overlaps the window.
     */
    public Wait longestWaitOverlapping(long fromNs, long toNs) {
        int i = longestWaitOverlappingIndex(fromNs, toNs);
        return i < 0 ? null : waits.get(i);
    }

    /**
     * Returns where {@link #longestWaitOverlapping} finds its wait in {@link #waits()}, for callers that keep
     * something per wait of the thread in an array beside the list.
     *
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The index into {@link #waits()}, or -1 when no wait overlaps the window.
     */
    public int longestWaitOverlappingIndex(long fromNs, long toNs) {
        int from = firstCandidate(waitStarts, fromNs);
        int to = lowerBound(waitStarts, from, toNs);
        return longestAmong(from, to, fromNs, toNs);
    }

    /**
     * Returns the wait among {@code [from, to)} (by start) that overlaps the window most, the first of equals.
     *
     * @return Its index, or -1 when none overlaps.
     */
    private int longestAmong(int from, int to, long fromNs, long toNs) {
        while (from < to && waitEnds[from] <= fromNs) from++;
        int best = -1;
        long bestNs = 0;
        for (int i = from; i < to; i++) {
            long ns = Math.max(0, Math.min(waitEnds[i], toNs) - Math.max(waitStarts[i], fromNs));
            if (best < 0 || ns > bestNs) {
                best = i;
                bestNs = ns;
            }
        }
        return best;
    }

    /**
     * Returns a cursor over this timeline's waits: it answers {@link #waitNsIn} and
     * {@link #longestWaitOverlappingIndex} exactly as the timeline does, and faster when each window starts near
     * the last one it was asked about.
     *
     * @return A new cursor, at the first wait.
     */
    public Cursor cursor() {
        return new Cursor();
    }

    /**
     * Window queries over the timeline's waits that start their search where the last one ended. A pass over a
     * trace in time order asks each thread about windows that move forward a little at a time; a binary search
     * over the whole thread each time reads a cache line per level from arrays of hundreds of thousands of waits,
     * where a gallop from the last position reads one or two.
     *
     * <p><b>Note</b>: a cursor is not thread-safe; it is meant for one pass.
     */
    public final class Cursor {

        /** The index the last search found: where the next one starts. */
        private int hint;

        private Cursor() {
        }

        /**
         * Returns the timeline.
         *
         * @return The timeline the cursor walks.
         */
        public ThreadTimeline timeline() {
            return ThreadTimeline.this;
        }

        /**
         * Returns {@link ThreadTimeline#waitNsIn(long, long)}.
         *
         * @param fromNs The window's start.
         * @param toNs   Its end.
         * @return The nanoseconds.
         */
        public long waitNsIn(long fromNs, long toNs) {
            int from = firstCandidate(fromNs);
            int to = Math.max(from, gallop(waitStarts, hint, toNs));
            while (from < to && waitEnds[from] <= fromNs) from++;
            long sum = 0;
            for (int i = from; i < to; i++) sum += Math.max(0, Math.min(waitEnds[i], toNs) - Math.max(waitStarts[i], fromNs));
            return Math.min(sum, Math.max(0, toNs - fromNs));
        }

        /**
         * Returns {@link ThreadTimeline#longestWaitOverlappingIndex(long, long)}.
         *
         * @param fromNs The window's start.
         * @param toNs   Its end.
         * @return The index into {@link #waits()}, or -1 when no wait overlaps the window.
         */
        public int longestWaitOverlappingIndex(long fromNs, long toNs) {
            int from = firstCandidate(fromNs);
            int to = Math.max(from, gallop(waitStarts, hint, toNs));
            return longestAmong(from, to, fromNs, toNs);
        }

        /** {@link ThreadTimeline#firstCandidate}, from the hint; moves the hint to the window's start. */
        private int firstCandidate(long timeNs) {
            hint = gallop(waitStarts, hint, timeNs);
            return Math.max(0, hint - 1);
        }
    }

    /**
     * Returns the first index whose start is not before {@code timeNs} (the length when none): the same index as a
     * binary search over all of {@code starts}, found by galloping from {@code hint} (any index, 0 to the length)
     * in steps of 1, 2, 4, … and then searching between the last two steps. Starts are sorted.
     */
    private static int gallop(long[] starts, int hint, long timeNs) {
        int n = starts.length;
        int lo;
        int hi;
        if (hint < n && starts[hint] < timeNs) {
            // The answer is after the hint.
            lo = hint + 1;
            int step = 1;
            while (hint + step < n && starts[hint + step] < timeNs) {
                lo = hint + step + 1;
                step <<= 1;
            }
            hi = Math.min(n, hint + step);
        } else {
            // The answer is the hint or before it.
            hi = hint;
            int step = 1;
            while (hint - step >= 0 && starts[hint - step] >= timeNs) {
                hi = hint - step;
                step <<= 1;
            }
            lo = Math.max(0, hint - step + 1);
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < timeNs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The first index at or after {@code from} whose start is not before {@code timeNs}; starts are sorted. */
    private static int lowerBound(long[] starts, int from, long timeNs) {
        int lo = from;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < timeNs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * Returns the first index whose interval may reach {@code timeNs}: a thread waits or sleeps on one thing at a
     * time, so only the last interval starting before {@code timeNs} can still be open then.
     */
    private static int firstCandidate(long[] starts, long timeNs) {
        int i = Arrays.binarySearch(starts, timeNs);
        if (i < 0) i = -i - 1;
        while (i > 0 && starts[i - 1] >= timeNs) i--;
        return Math.max(0, i - 1);
    }

    private int firstAtOrAfter(long timeNs) {
        int i = Arrays.binarySearch(sampleNs, timeNs);
        if (i < 0) return -i - 1;
        while (i > 0 && sampleNs[i - 1] == timeNs) i--;   // equal samples: count from the first
        return i;
    }

    @Override
    public String toString() {
        return "ThreadTimeline[" + thread.name() + ", " + waits.size() + " waits, " + sleeps.size() + " sleeps]";
    }
}
