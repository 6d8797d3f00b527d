package pxlab.trace;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pxlab.jfr.RecordingException;
import pxlab.jfr.chunk.RecordingReader;

/**
 * What one recording says about locks and threads: the immutable model the inversion finder, replay and reports
 * read. All times are nanoseconds since the epoch; subtract {@link #startNs()} for offsets into the recording.
 *
 * <p>Lists are sorted and cannot be changed: {@link #waits()} by (start, waiter, seq), {@link #threads()} and
 * {@link #locks()} by name. The same file always gives the same trace.
 *
 * <p>Create one with {@link #read(Path)}, or with a {@link TraceBuilder} fed by hand.
 */
public final class Trace {

    private final String source;
    private final int cpus;
    private final long startNs;
    private final long durationNs;
    private final List<ThreadTimeline> threads;
    private final List<TraceLock> locks;
    private final List<Wait> waits;
    private final List<Hold> holds;
    private final List<Request> requests;
    private final Coverage coverage;
    private final Map<TraceThread, ThreadTimeline> byThread = new HashMap<>();
    private final Map<String, TraceThread> byName = new HashMap<>();

    Trace(String source, int cpus, long startNs, long durationNs, List<ThreadTimeline> threads, List<TraceLock> locks,
          List<Wait> waits, List<Hold> holds, List<Request> requests, Coverage coverage) {
        this.source = source;
        this.cpus = cpus;
        this.startNs = startNs;
        this.durationNs = durationNs;
        this.threads = List.copyOf(threads);
        this.locks = List.copyOf(locks);
        this.waits = List.copyOf(waits);
        this.holds = List.copyOf(holds);
        this.requests = List.copyOf(requests);
        this.coverage = coverage;
        for (ThreadTimeline t : this.threads) {
            byThread.put(t.thread(), t);
            byName.put(t.thread().name(), t.thread());
        }
    }

    /**
     * Reads a recording: one pass over its events, then merging and sorting.
     *
     * @param file The {@code .jfr} file.
     * @return The trace; a valid recording without lock events gives a trace without waits, not an error.
     * @throws RecordingException When the file is missing, empty, not JFR, truncated or damaged.
     */
    public static Trace read(Path file) throws RecordingException {
        TraceBuilder builder = new TraceBuilder();
        RecordingReader.read(file, builder);
        return builder.build();
    }

    /**
     * Returns the file's name as given to {@link #read}, or {@code (built)} for a trace built by hand.
     *
     * @return The file's name as given to {@link #read}, or {@code (built)} for a trace built by hand.
     */
    public String source() {
        return source;
    }

    /**
     * Returns the recording machine's CPU count ({@code jdk.CPUInformation}), or -1 when unknown.
     *
     * @return The recording machine's CPU count ({@code jdk.CPUInformation}), or -1 when unknown.
     */
    public int cpus() {
        return cpus;
    }

    /**
     * Returns when the recording began, epoch nanoseconds.
     *
     * @return When the recording began, epoch nanoseconds.
     */
    public long startNs() {
        return startNs;
    }

    /**
     * Returns how long the recording lasted.
     *
     * @return How long the recording lasted.
     */
    public long durationNs() {
        return durationNs;
    }

    /**
     * Returns every thread any event named, by name.
     *
     * @return Every thread any event named, by name.
     */
    public List<ThreadTimeline> threads() {
        return threads;
    }

    /**
     * Returns every lock a wait or hold named, by name.
     *
     * @return Every lock a wait or hold named, by name.
     */
    public List<TraceLock> locks() {
        return locks;
    }

    /**
     * Returns every lock wait, one per wait even where both the agent and the JDK recorded it, in {@link Wait#ORDER}.
     *
     * @return Every lock wait, one per wait even where both the agent and the JDK recorded it, in {@link Wait#ORDER}.
     */
    public List<Wait> waits() {
        return waits;
    }

    /**
     * Returns every contended hold, by start.
     *
     * @return Every contended hold, by start.
     */
    public List<Hold> holds() {
        return holds;
    }

    /**
     * Returns every timed request, by start.
     *
     * @return Every timed request, by start.
     */
    public List<Request> requests() {
        return requests;
    }

    /**
     * Returns what the recording holds and lacks.
     *
     * @return What the recording holds and lacks.
     */
    public Coverage coverage() {
        return coverage;
    }

    /**
     * Returns a thread's timeline.
     *
     * @param thread A thread of this trace.
     * @return Its timeline.
     * @throws IllegalArgumentException When the thread is not one of this trace's.
     */
    public ThreadTimeline timeline(TraceThread thread) {
        ThreadTimeline t = byThread.get(thread);
        if (t == null) throw new IllegalArgumentException("not a thread of this trace: " + thread);
        return t;
    }

    /**
     * Returns a thread by its name.
     *
     * @param name The name, as {@link TraceThread#name()} spells it.
     * @return The thread, if there is one by that name.
     */
    public Optional<TraceThread> thread(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public String toString() {
        return "Trace[" + source + ", " + threads.size() + " threads, " + waits.size() + " waits, " + holds.size()
                + " holds]";
    }
}
