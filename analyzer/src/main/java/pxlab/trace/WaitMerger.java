package pxlab.trace;

import java.util.Arrays;
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
     * The merged waits and how many JDK waits were dropped.
     *
     * @param kept    The indices into the pending waits of the waits to keep, ascending.
     * @param dropped How many JDK waits duplicated a pxlab wait.
     */
    record Result(int[] kept, int dropped) {
    }

    /** One thread's pxlab waits, by start: their starts and ends side by side. */
    private static final class AgentWaits {
        int[] index = new int[16];
        int size;
        long[] starts;
        long[] ends;

        void add(int i) {
            if (size == index.length) index = Arrays.copyOf(index, size * 2);
            index[size++] = i;
        }

        /** Orders the waits by start, equal starts in arrival order, and fills the two arrays. */
        void sort(PendingWaits waits) {
            int[] order = Arrays.copyOf(index, size);
            starts = new long[size];
            for (int k = 0; k < size; k++) starts[k] = waits.startNs(order[k]);
            if (!sorted(starts)) {
                Integer[] boxed = new Integer[size];
                for (int k = 0; k < size; k++) boxed[k] = order[k];
                // Stable, as the list sort before: equal starts keep their arrival order.
                Arrays.sort(boxed, (a, b) -> Long.compare(waits.startNs(a), waits.startNs(b)));
                for (int k = 0; k < size; k++) {
                    order[k] = boxed[k];
                    starts[k] = waits.startNs(order[k]);
                }
            }
            ends = new long[size];
            for (int k = 0; k < size; k++) ends[k] = waits.endNs(order[k]);
        }

        private static boolean sorted(long[] a) {
            for (int k = 1; k < a.length; k++) {
                if (a[k - 1] > a[k]) return false;
            }
            return true;
        }
    }

    private WaitMerger() {
    }

    /**
     * Drops each JDK wait that overlaps a pxlab wait of the same thread.
     *
     * @param waits   All waits read, after the registry merged its entries: waits of one thread are matched through
     *                their waiters' canonical entries.
     * @param entries How many entries the registry has.
     * @return The waits kept.
     */
    static Result merge(PendingWaits waits, int entries) {
        int n = waits.size();
        // By the canonical entry's index: one canonical entry per thread.
        AgentWaits[] agentWaits = new AgentWaits[entries];
        for (int i = 0; i < n; i++) {
            if (waits.source(i) != Wait.Source.PXLAB) continue;
            Entry e = waits.waiter(i).canonical();
            AgentWaits a = agentWaits[e.index];
            if (a == null) agentWaits[e.index] = a = new AgentWaits();
            a.add(i);
        }
        for (AgentWaits a : agentWaits) {
            if (a != null) a.sort(waits);
        }
        int[] kept = new int[n];
        int keptCount = 0;
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            if (waits.source(i) != Wait.Source.PXLAB && overlapsAny(agentWaits[waits.waiter(i).canonical().index],
                    waits.startNs(i), waits.endNs(i))) {
                dropped++;
            } else {
                kept[keptCount++] = i;
            }
        }
        return new Result(Arrays.copyOf(kept, keptCount), dropped);
    }

    /** Whether {@code [startNs, endNs]} overlaps one of a thread's pxlab waits, which do not overlap each other. */
    private static boolean overlapsAny(AgentWaits sorted, long startNs, long endNs) {
        if (sorted == null) return false;
        // The last pxlab wait starting before w ends is the only one that can still be open when w starts.
        int lo = 0;
        int hi = sorted.size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.starts[mid] < endNs) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && sorted.ends[found] > startNs;
    }
}
