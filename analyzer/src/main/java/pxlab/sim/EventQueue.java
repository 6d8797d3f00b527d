package pxlab.sim;

/**
 * The simulator's timer queue: a binary min-heap ordered by {@code (timeNs, seq)}, where {@code seq} is the
 * insertion count, so events at the same time fire in the order they were armed.
 *
 * <p>Entries are stored inline as {@code [time, seq, payload]} triples in one {@code long[]}, so a sift touches
 * adjacent memory and nothing is allocated per event.
 */
final class EventQueue {

    private long[] heap = new long[3 * 64];
    private int size;
    private long nextSeq;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Returns the time of the earliest event; the queue must not be empty. */
    long peekTime() {
        return heap[0];
    }

    /** Arms an event; {@code payload} is opaque to the queue ({@code Simulator.arm()} documents its layout). */
    void add(long timeNs, long payloadBits) {
        if (3 * size == heap.length) heap = java.util.Arrays.copyOf(heap, heap.length * 2);
        long[] h = heap;
        long s = nextSeq++;
        int i = size++;
        while (i > 0) {   // sift up
            int parent = (i - 1) >>> 1;
            int p = 3 * parent;
            if (!less(timeNs, s, h[p], h[p + 1])) break;
            int c = 3 * i;
            h[c] = h[p];
            h[c + 1] = h[p + 1];
            h[c + 2] = h[p + 2];
            i = parent;
        }
        int c = 3 * i;
        h[c] = timeNs;
        h[c + 1] = s;
        h[c + 2] = payloadBits;
    }

    /** Removes the earliest event and returns its payload; read its time with {@link #peekTime()} first. */
    long poll() {
        long[] h = heap;
        long result = h[2];
        int n = --size;
        if (n > 0) {
            int last = 3 * n;
            long t = h[last], s = h[last + 1], pl = h[last + 2];
            int i = 0;
            while (true) {   // sift down
                int child = 2 * i + 1;
                if (child >= n) break;
                int cc = 3 * child;
                if (child + 1 < n && less(h[cc + 3], h[cc + 4], h[cc], h[cc + 1])) {
                    child++;
                    cc += 3;
                }
                if (!less(h[cc], h[cc + 1], t, s)) break;
                int ci = 3 * i;
                h[ci] = h[cc];
                h[ci + 1] = h[cc + 1];
                h[ci + 2] = h[cc + 2];
                i = child;
            }
            int ci = 3 * i;
            h[ci] = t;
            h[ci + 1] = s;
            h[ci + 2] = pl;
        }
        return result;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
