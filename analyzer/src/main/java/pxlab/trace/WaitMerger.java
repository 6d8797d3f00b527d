package pxlab.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pxlab.trace.ThreadRegistry.Entry;

/**
 * Keeps one wait where the agent and the JDK both recorded it. A {@code synchronized} wait under the agent yields
 * a {@code pxlab.LockWait} of kind {@code monitor} and a {@code jdk.JavaMonitorEnter}; a {@code ReentrantLock} wait
 * yields a {@code pxlab.LockWait} and one or more {@code jdk.ThreadPark}s. A thread waits for one lock at a time,
 * so a JDK wait that overlaps a pxlab wait of the same thread is that wait, and the pxlab one is kept: it names the
 * owner when the wait began and measures what the owner did.
 */
final class WaitMerger {

    /**
     * A wait as read, before its threads have their final names.
     *
     * @param waiter   The waiter's entry.
     * @param owner    The owner's entry, or {@code null}.
     * @param lock     The lock.
     * @param kind     Its kind.
     * @param startNs  Start, epoch nanoseconds.
     * @param endNs    End.
     * @param acquired Whether it ended with the lock.
     * @param cpuNs    The owner's CPU time during the wait, or {@link Wait#UNKNOWN}.
     * @param rqNs     The owner's run-queue wait, or {@link Wait#UNKNOWN}.
     * @param source   The event it came from.
     * @param stack    The top frames.
     * @param seq      Its position in the file.
     */
    record Pending(Entry waiter, Entry owner, TraceLock lock, LockKind kind, long startNs, long endNs,
                   boolean acquired, long cpuNs, long rqNs, Wait.Source source, List<String> stack, long seq) {
    }

    /**
     * The merged waits and how many JDK waits were dropped.
     *
     * @param kept    The waits to keep, in no particular order.
     * @param dropped How many JDK waits duplicated a pxlab wait.
     */
    record Result(List<Pending> kept, int dropped) {
    }

    private WaitMerger() {
    }

    /**
     * Drops each JDK wait that overlaps a pxlab wait of the same thread.
     *
     * @param waits All waits read, after the registry merged its entries: waits of one thread are matched through
     *              their waiters' canonical entries.
     * @return The waits kept.
     */
    static Result merge(List<Pending> waits) {
        Map<Entry, List<Pending>> agentWaits = new HashMap<>();
        for (Pending w : waits) {
            if (w.source() == Wait.Source.PXLAB) {
                agentWaits.computeIfAbsent(w.waiter().canonical(), k -> new ArrayList<>()).add(w);
            }
        }
        for (List<Pending> l : agentWaits.values()) l.sort(Comparator.comparingLong(Pending::startNs));
        List<Pending> kept = new ArrayList<>(waits.size());
        int dropped = 0;
        for (Pending w : waits) {
            if (w.source() != Wait.Source.PXLAB && overlapsAny(agentWaits.get(w.waiter().canonical()), w)) {
                dropped++;
            } else {
                kept.add(w);
            }
        }
        return new Result(kept, dropped);
    }

    /** Whether {@code w} overlaps one of {@code sorted}, pxlab waits of one thread that do not overlap each other. */
    private static boolean overlapsAny(List<Pending> sorted, Pending w) {
        if (sorted == null) return false;
        // The last pxlab wait starting before w ends is the only one that can still be open when w starts.
        int lo = 0;
        int hi = sorted.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).startNs() < w.endNs()) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && sorted.get(found).endNs() > w.startNs();
    }
}
