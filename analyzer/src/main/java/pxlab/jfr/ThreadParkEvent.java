package pxlab.jfr;

import java.util.List;

/**
 * One {@code jdk.ThreadPark} event: the event thread was parked.
 *
 * @param startNs     When it parked, epoch nanoseconds.
 * @param endNs       When it was unparked.
 * @param thread      The parked thread.
 * @param parkedClass The blocker's class name, or {@code null} when it parked without a blocker.
 * @param address     The blocker's address at the time, or 0.
 * @param acquire     What the recorded frames show the thread was doing: {@link #SHARED} (a read lock),
 *                    {@link #EXCLUSIVE} (a write lock), or {@code null} when they do not say.
 * @param stack       The parking code's top frames, lock machinery removed.
 * @param inRecorder  Whether the parking code is JFR's or the agent's own, not the application's.
 */
public record ThreadParkEvent(long startNs, long endNs, JfrThread thread, String parkedClass, long address,
                              String acquire, List<String> stack, boolean inRecorder) implements Span {

    /** The parked thread was acquiring a lock for reading. */
    public static final String SHARED = "shared";
    /** The parked thread was acquiring a lock for writing. */
    public static final String EXCLUSIVE = "exclusive";

    public ThreadParkEvent {
        stack = List.copyOf(stack);
    }
}
