package pxlab.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Turns a recorded stack into the few frames a person (and a grouping) needs: the code that asked for the lock.
 *
 * <p>A {@code pxlab.LockWait} is committed inside the agent's probe, under the lock's own implementation; a
 * {@code jdk.ThreadPark} is recorded inside {@code Unsafe.park}. Those top frames are the same for every wait on a
 * kind of lock, so they are dropped: what is left starts at the caller of {@code lock()}.
 */
final class Frames {

    /** How many frames are kept: enough to tell call sites apart, few enough to read and to group by. */
    static final int DEPTH = 5;

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
     * stacks (see {@link PoolMemo}), and so do the waits made from them.
     *
     * @param top                  {@link #top}: the frames that asked for the lock.
     * @param acquireMode          {@link #acquireMode}: shared, exclusive, or {@code null}.
     * @param inRecorder           {@link #inRecorder} for an event the JDK committed.
     * @param inRecorderBelowProbe {@link #inRecorder} for an event the agent's probe committed.
     */
    record Summary(List<String> top, String acquireMode, boolean inRecorder, boolean inRecorderBelowProbe) {

        /** For an event without a stack. */
        static final Summary NONE = summarize(null);

        Summary {
            top = List.copyOf(top);
        }
    }

    private Frames() {
    }

    /**
     * Summarizes a stack.
     *
     * @param st The stack, or {@code null} when none was recorded.
     * @return What the analyzer reads of it.
     */
    static Summary summarize(RecordedStackTrace st) {
        return new Summary(top(st), acquireMode(st), inRecorder(st, false), inRecorder(st, true));
    }

    /**
     * Returns the top frames below the lock machinery, as {@code package.Class.method:line}.
     *
     * @param st The stack, or {@code null} when none was recorded.
     * @return Up to {@link #DEPTH} frames, top first; all top frames if every frame is machinery; empty without a
     *         stack.
     */
    static List<String> top(RecordedStackTrace st) {
        if (st == null) return List.of();
        List<RecordedFrame> frames = st.getFrames();
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
     * @param st The stack, or {@code null}.
     * @return {@link ThreadParkEvent#SHARED}, {@link ThreadParkEvent#EXCLUSIVE}, or {@code null}.
     */
    static String acquireMode(RecordedStackTrace st) {
        if (st == null) return null;
        for (RecordedFrame f : st.getFrames()) {
            RecordedMethod m = f.getMethod();
            if (m == null || m.getType() == null) continue;
            String type = m.getType().getName();
            if (type.endsWith("$ReadLock") || SHARED_METHODS.contains(m.getName())) return ThreadParkEvent.SHARED;
            if (type.endsWith("$WriteLock") || EXCLUSIVE_METHODS.contains(m.getName())) {
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
     * @param st               The stack, or {@code null}.
     * @param committedByProbe Whether the event was committed by the agent's probe, whose frames on top say
     *                         where it was committed, not who waited; they are skipped.
     * @return {@code true} when the first frame below the lock machinery is JFR's or the agent's.
     */
    static boolean inRecorder(RecordedStackTrace st, boolean committedByProbe) {
        if (st == null) return false;
        for (RecordedFrame f : st.getFrames()) {
            if (startsWithAny(f, LOCKS) || committedByProbe && startsWithAny(f, AGENT_ONLY)) continue;
            return startsWithAny(f, RECORDER);
        }
        return false;
    }

    private static boolean isMachinery(RecordedFrame f) {
        return startsWithAny(f, MACHINERY);
    }

    private static boolean startsWithAny(RecordedFrame f, List<String> prefixes) {
        RecordedMethod m = f.getMethod();
        if (m == null || m.getType() == null) return false;
        String type = m.getType().getName();
        for (String prefix : prefixes) {
            if (type.startsWith(prefix)) return true;
        }
        return false;
    }

    private static String format(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) return "?";
        String type = m.getType() == null ? "?" : m.getType().getName();
        int line = f.getLineNumber();
        return type + "." + m.getName() + (line > 0 ? ":" + line : "");
    }
}
