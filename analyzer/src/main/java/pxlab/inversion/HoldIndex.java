package pxlab.inversion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pxlab.trace.Hold;
import pxlab.trace.TraceLock;
import pxlab.trace.TraceThread;

/**
 * The trace's contended holds by lock, for the two questions a wait asks of them: who held the lock when the wait
 * did not say, and what the holder's CPU accounting was over the hold.
 */
final class HoldIndex {

    private static final class PerLock {
        final List<Hold> holds = new ArrayList<>();
        long[] starts;
        /** {@code endsBy[i]}: the latest end of {@code holds[0..i]}; never decreases. */
        long[] endsBy;
    }

    private final Map<TraceLock, PerLock> byLock = new HashMap<>();

    HoldIndex(List<Hold> holds) {
        for (Hold h : holds) byLock.computeIfAbsent(h.lock(), k -> new PerLock()).holds.add(h);
        for (PerLock p : byLock.values()) {
            p.holds.sort(Comparator.comparingLong(Hold::startNs));
            p.starts = p.holds.stream().mapToLong(Hold::startNs).toArray();
            p.endsBy = new long[p.holds.size()];
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < p.endsBy.length; i++) p.endsBy[i] = latest = Math.max(latest, p.holds.get(i).endNs());
        }
    }

    /**
     * Returns the one thread that held a lock during a window, other than the waiter.
     *
     * @param lock   The lock.
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @param waiter The thread asking, never its own owner.
     * @return The holder, or {@code null} when no hold, or holds by several threads, overlap the window.
     */
    TraceThread soleHolder(TraceLock lock, long fromNs, long toNs, TraceThread waiter) {
        Set<TraceThread> holders = new HashSet<>();
        for (Hold h : overlapping(lock, fromNs, toNs)) {
            if (!h.holder().equals(waiter)) holders.add(h.holder());
        }
        return holders.size() == 1 ? holders.iterator().next() : null;
    }

    /**
     * Returns a holder's hold of a lock that overlaps a window most.
     *
     * @param holder The holder.
     * @param lock   The lock.
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @return The hold, or {@code null} when none of the holder's holds of the lock overlaps the window.
     */
    Hold longestHold(TraceThread holder, TraceLock lock, long fromNs, long toNs) {
        Hold best = null;
        for (Hold h : overlapping(lock, fromNs, toNs)) {
            if (!h.holder().equals(holder)) continue;
            if (best == null || h.overlapNs(fromNs, toNs) > best.overlapNs(fromNs, toNs)) best = h;
        }
        return best;
    }

    private List<Hold> overlapping(TraceLock lock, long fromNs, long toNs) {
        PerLock p = perLock(lock);
        if (p == null) return List.of();
        // Holds overlapping [from, to) start before `to` and end after `from`. Scanning back from the last that
        // starts before `to`, none is left once no earlier hold ends after `from`. (Bounding the scan by the
        // longest hold instead made one long hold send every wait of the lock back over all the holds it spans.)
        int i = lastStartBefore(p.starts, toNs);
        List<Hold> out = new ArrayList<>(2);
        for (; i >= 0 && p.endsBy[i] > fromNs; i--) {
            Hold h = p.holds.get(i);
            if (h.overlapNs(fromNs, toNs) > 0) out.add(h);
        }
        return out;
    }

    /** The lock {@link #perLock} looked up last, and what it found: consecutive waits mostly name one lock. */
    private TraceLock lastLock;
    private PerLock lastPerLock;

    private PerLock perLock(TraceLock lock) {
        if (byLock.isEmpty()) return null;   // a recording without pxlab.LockHold: no hash per wait
        if (lock != lastLock) {
            lastPerLock = byLock.get(lock);
            lastLock = lock;
        }
        return lastPerLock;
    }

    private static int lastStartBefore(long[] starts, long timeNs) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < timeNs) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
