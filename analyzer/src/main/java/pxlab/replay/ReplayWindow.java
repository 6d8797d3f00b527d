package pxlab.replay;

import java.util.List;
import pxlab.trace.Trace;
import pxlab.trace.Wait;

/**
 * Picks the stretch of a recording to replay: the whole recording when it is short enough, else the window of the
 * allowed length in which the most of the given waits (the inversions, when there are any) began. Replay cost grows
 * with the window, and the worst window is where the policies differ.
 *
 * @param fromNs Start, epoch nanoseconds.
 * @param toNs   End.
 */
record ReplayWindow(long fromNs, long toNs) {

    /**
     * Picks the window.
     *
     * @param trace       The recording.
     * @param waits       The waits that matter, sorted by start.
     * @param maxWindowNs The longest window allowed.
     * @return The window.
     */
    static ReplayWindow of(Trace trace, List<Wait> waits, long maxWindowNs) {
        long start = trace.startNs();
        long end = start + trace.durationNs();
        if (end - start <= maxWindowNs) return new ReplayWindow(start, end);
        // Two pointers over waits sorted by start: the window [w.start, w.start + max) with the most wait time.
        long bestFrom = start;
        long bestSum = -1;
        long sum = 0;
        int tail = 0;
        for (int head = 0; head < waits.size(); head++) {
            Wait w = waits.get(head);
            sum += w.durationNs();
            while (waits.get(tail).startNs() < w.startNs() - maxWindowNs) sum -= waits.get(tail++).durationNs();
            if (sum > bestSum) {
                bestSum = sum;
                bestFrom = waits.get(tail).startNs();
            }
        }
        long from = Math.max(start, Math.min(bestFrom, end - maxWindowNs));
        return new ReplayWindow(from, from + maxWindowNs);
    }

    /** Returns the window's length. */
    long lengthNs() {
        return toNs - fromNs;
    }
}
