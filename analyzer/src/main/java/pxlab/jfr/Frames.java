package pxlab.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a recorded stack into the few frames a person (and a grouping) needs: the code that asked for the lock.
 *
 * <p>A {@code pxlab.LockWait} is committed inside the agent's probe, under the lock's own implementation; a
 * {@code jdk.ThreadPark} is recorded inside {@code Unsafe.park}. Those top frames are the same for every wait on a
 * kind of lock, so they are dropped: what is left starts at the caller of {@code lock()}.
 */
public final class Frames {

    /** How many frames are kept: enough to tell call sites apart, few enough to read and to group by. */
    public static final int DEPTH = 5;

    /** The agent's classes: its probe commits pxlab events, so its frames sit on top of theirs. */
    private static final String AGENT = "pxlab.agent.";
    /** The JDK's lock implementation, above the caller of {@code lock()} in every park. */
    private static final List<String> LOCKS = List.of("java.util.concurrent.locks.", "jdk.internal.misc.Unsafe",
            "sun.misc.Unsafe");
    /** Class-name prefixes of the lock machinery that sits above the caller's frames. */
    private static final List<String> MACHINERY = List.of(AGENT, "java.util.concurrent.locks.",
            "jdk.internal.misc.Unsafe", "sun.misc.Unsafe");
    private static final List<String> AGENT_ONLY = List.of(AGENT);
    /** The recorder: JFR's own Java code and the agent's. */
    private static final List<String> RECORDER = List.of("jdk.jfr.", AGENT);

    private static final Set<String> SHARED_METHODS = Set.of("acquireShared", "acquireSharedInterruptibly",
            "tryAcquireSharedNanos", "acquireRead", "readLock", "readLockInterruptibly", "tryReadLock");
    private static final Set<String> EXCLUSIVE_METHODS = Set.of("acquireWrite", "writeLock",
            "writeLockInterruptibly", "tryWriteLock");

    /**
     * What the analyzer takes from one recorded stack, worked out once per stack: a chunk's events share their
     * stacks, and so do the waits made from them.
     *
     * @param top                  {@link #top}: the frames that asked for the lock.
     * @param acquireMode          {@link #acquireMode}: shared, exclusive, or {@code null}.
     * @param inRecorder           {@link #inRecorder} for an event the JDK committed.
     * @param inRecorderBelowProbe {@link #inRecorder} for an event the agent's probe committed.
     */
    public record Summary(List<String> top, String acquireMode, boolean inRecorder, boolean inRecorderBelowProbe) {

        /** For an event without a stack. */
        public static final Summary NONE = summarize((List<Frame>) null);

        public Summary {
            top = List.copyOf(top);
        }
    }

    /**
     * One frame, as any JFR parser names it: so a reader other than {@link pxlab.jfr.chunk.RecordingReader} (JMC's, in the rules)
     * summarizes stacks with the same rules.
     *
     * @param type   The declaring class's binary name, or {@code null} when unknown.
     * @param method The method's name, or {@code null} when unknown.
     * @param line   The line number, or 0 or less when unknown.
     */
    public record Frame(String type, String method, int line) {
    }

    private Frames() {
    }

    /**
     * Summarizes a stack given as frames, top first.
     *
     * @param frames The frames, or {@code null} when no stack was recorded.
     * @return What the analyzer reads of it.
     */
    public static Summary summarize(List<Frame> frames) {
        return new Summary(top(frames), acquireMode(frames), inRecorder(frames, false), inRecorder(frames, true));
    }

    /**
     * Returns the top frames below the lock machinery, as {@code package.Class.method:line}.
     *
     * @param frames The frames, top first, or {@code null} when none was recorded.
     * @return Up to {@link #DEPTH} frames, top first; all top frames if every frame is machinery; empty without a
     *         stack.
     */
    static List<String> top(List<Frame> frames) {
        if (frames == null) return List.of();
        int first = 0;
        while (first < frames.size() && isMachinery(frames.get(first))) first++;
        if (first == frames.size()) first = 0;
        List<String> out = new ArrayList<>(DEPTH);
        for (int i = first; i < frames.size() && out.size() < DEPTH; i++) {
            out.add(format(frames.get(i)));
        }
        return out;
    }

    /**
     * Returns whether the frames show a shared (read) or exclusive (write) lock acquisition: the first frame that
     * is a read or write entry point of {@code ReentrantReadWriteLock}, {@code StampedLock} or AQS decides.
     *
     * @param frames The frames, top first, or {@code null}.
     * @return {@link ThreadParkEvent#SHARED}, {@link ThreadParkEvent#EXCLUSIVE}, or {@code null}.
     */
    static String acquireMode(List<Frame> frames) {
        if (frames == null) return null;
        for (Frame f : frames) {
            if (f.method() == null || f.type() == null) continue;
            String type = f.type();
            if (type.endsWith("$ReadLock") || SHARED_METHODS.contains(f.method())) return ThreadParkEvent.SHARED;
            if (type.endsWith("$WriteLock") || EXCLUSIVE_METHODS.contains(f.method())) {
                return ThreadParkEvent.EXCLUSIVE;
            }
        }
        return null;
    }

    /**
     * Returns whether the code that waited is the recorder's own: JFR writing an event, or the agent. Such waits
     * are the recording's cost, not the application's contention (JFR serializes some event writes on a monitor,
     * and a preempted thread that holds it makes others wait).
     *
     * @param frames           The frames, top first, or {@code null}.
     * @param committedByProbe Whether the event was committed by the agent's probe, whose frames on top say
     *                         where it was committed, not who waited; they are skipped.
     * @return {@code true} when the first frame below the lock machinery is JFR's or the agent's.
     */
    static boolean inRecorder(List<Frame> frames, boolean committedByProbe) {
        if (frames == null) return false;
        for (Frame f : frames) {
            if (startsWithAny(f, LOCKS) || committedByProbe && startsWithAny(f, AGENT_ONLY)) continue;
            return startsWithAny(f, RECORDER);
        }
        return false;
    }

    private static boolean isMachinery(Frame f) {
        return startsWithAny(f, MACHINERY);
    }

    private static boolean startsWithAny(Frame f, List<String> prefixes) {
        if (f.method() == null || f.type() == null) return false;
        String type = f.type();
        for (String prefix : prefixes) {
            if (type.startsWith(prefix)) return true;
        }
        return false;
    }

    private static String format(Frame f) {
        if (f.method() == null) return "?";
        String type = f.type() == null ? "?" : f.type();
        int line = f.line();
        return type + "." + f.method() + (line > 0 ? ":" + line : "");
    }
}
