package pxlab.sim;

/**
 * The simulator's timer queue: a binary min-heap ordered by {@code (timeNs, seq)}, where {@code seq} is the
 * insertion count, so events at the same time fire in the order they were armed. Primitive arrays, no allocation
 * per event.
 */
final class EventQueue {

    private long[] time = new long[64];
    private long[] seq = new long[64];
    private long[] payload = new long[64];
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
        return time[0];
    }

    /** Arms an event; {@code payload} is opaque to the queue. */
    void add(long timeNs, long payloadBits) {
        if (size == time.length) grow();
        int i = size++;
        long s = nextSeq++;
        // Sift up.
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(timeNs, s, time[parent], seq[parent])) break;
            time[i] = time[parent];
            seq[i] = seq[parent];
            payload[i] = payload[parent];
            i = parent;
        }
        time[i] = timeNs;
        seq[i] = s;
        payload[i] = payloadBits;
    }

    /** Removes the earliest event and returns its payload; read its time with {@link #peekTime()} first. */
    long poll() {
        long result = payload[0];
        int n = --size;
        if (n > 0) {
            long t = time[n], s = seq[n], p = payload[n];
            int i = 0;
            // Sift down.
            while (true) {
                int child = 2 * i + 1;
                if (child >= n) break;
                if (child + 1 < n && less(time[child + 1], seq[child + 1], time[child], seq[child])) child++;
                if (!less(time[child], seq[child], t, s)) break;
                time[i] = time[child];
                seq[i] = seq[child];
                payload[i] = payload[child];
                i = child;
            }
            time[i] = t;
            seq[i] = s;
            payload[i] = p;
        }
        return result;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void grow() {
        int n = time.length * 2;
        time = java.util.Arrays.copyOf(time, n);
        seq = java.util.Arrays.copyOf(seq, n);
        payload = java.util.Arrays.copyOf(payload, n);
    }
}
