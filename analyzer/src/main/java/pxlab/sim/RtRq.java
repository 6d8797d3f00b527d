package pxlab.sim;

/**
 * The real-time run queue of one CPU ({@code struct rt_prio_array}): a FIFO list per priority and a bitmap of
 * non-empty lists. Tasks stay queued while they run, as in the kernel, so a preempted FIFO task keeps its place.
 */
final class RtRq {

    private final Task[] head = new Task[100];
    private final Task[] tail = new Task[100];
    private long bitmapLow;   // priorities 0..63
    private long bitmapHigh;  // priorities 64..99
    int nrRunning;

    /** Appends a task to its priority's list ({@code enqueue_rt_entity()}), or puts it first. */
    void enqueue(Task p, boolean atHead) {
        int prio = p.prio;
        if (head[prio] == null) {
            head[prio] = tail[prio] = p;
            p.rtNext = p.rtPrev = null;
            if (prio < 64) bitmapLow |= 1L << prio; else bitmapHigh |= 1L << (prio - 64);
        } else if (atHead) {
            p.rtPrev = null;
            p.rtNext = head[prio];
            head[prio].rtPrev = p;
            head[prio] = p;
        } else {
            p.rtNext = null;
            p.rtPrev = tail[prio];
            tail[prio].rtNext = p;
            tail[prio] = p;
        }
        nrRunning++;
    }

    /** Removes a task queued at its current {@code prio}. */
    void dequeue(Task p) {
        int prio = p.prio;
        if (p.rtPrev != null) p.rtPrev.rtNext = p.rtNext; else head[prio] = p.rtNext;
        if (p.rtNext != null) p.rtNext.rtPrev = p.rtPrev; else tail[prio] = p.rtPrev;
        p.rtNext = p.rtPrev = null;
        if (head[prio] == null) {
            if (prio < 64) bitmapLow &= ~(1L << prio); else bitmapHigh &= ~(1L << (prio - 64));
        }
        nrRunning--;
    }

    /** Moves a task to the end of its priority's list ({@code requeue_task_rt()}), for round robin. */
    void requeue(Task p) {
        if (tail[p.prio] == p) return;
        dequeue(p);
        enqueue(p, false);
    }

    /** Returns the highest queued priority, or 0 when the queue is empty. */
    int highestPrio() {
        if (bitmapHigh != 0) return 127 - Long.numberOfLeadingZeros(bitmapHigh);
        if (bitmapLow != 0) return 63 - Long.numberOfLeadingZeros(bitmapLow);
        return 0;
    }

    /** Returns the first task of the highest priority ({@code pick_next_rt_entity()}), or {@code null}. */
    Task pick() {
        int prio = highestPrio();
        return prio == 0 ? null : head[prio];
    }

    /** Returns the first task of a priority, or {@code null}; walk on with {@code rtNext}. */
    Task first(int prio) {
        return head[prio];
    }
}
