package pxlab.agent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The monitors one thread holds, and those it released last, published for the owner lookup
 * ({@link MonitorOwners}), which can then name a monitor's owner without the JVM: even while the waiter is not
 * blocked where the JVM would report the owner (preempted before {@code monitorenter}, or spinning in it), and while
 * the monitor is between two owners (released, its next owner woken but not yet running).
 * <pre>
 *   holder                                      lookup, for a waiter whose entry began at startNs
 *   timed entry of inflated m: publish(m)
 *     cell = m, held                            stateOf(m) == HELD: this thread holds m now
 *   before its last monitorexit: exiting(m)
 *     released at nanoTime                      stateOf(m) &gt;= startNs: this thread held m after the wait began
 *   monitorexit m
 * </pre>
 * The release time is taken before the release, so a thread named by it did hold the monitor then (on an
 * exceptional exit, just after: see {@code MonitorProbe.exited}). Only monitors inflated when entered are published
 * as held: an inflated monitor stays so while it has an owner, so every exit of it is seen by the exit hook, which
 * only looks further for inflated monitors, and so is every re-entry, which the cell counts. A thread that entered a
 * monitor thin (uncontended) and finds it inflated at its exit (a waiter came) publishes the release only. A released
 * cell is kept until the thread needs it for another monitor.
 *
 * <p>One writer (the thread), one reader (the lookup): the cells are guarded by a sequence lock, {@link #version},
 * odd while the thread changes them, so the lookup never pairs a monitor with another's release time.
 */
final class HeldMonitors {

    /** The value of {@link #stateOf} for a monitor the thread does not publish. */
    static final long NONE = Long.MIN_VALUE;
    /** The value of {@link #stateOf} for a monitor the thread holds. */
    static final long HELD = Long.MAX_VALUE;
    /** What {@link #exiting} returns for a monitor the thread does not publish as held. */
    static final int UNPUBLISHED = 0;
    /** What {@link #exiting} returns for an exit that leaves the monitor held (a re-entered one). */
    static final int NESTED = 1;
    /** What {@link #exiting} returns for the last exit: the monitor is published as released from now on. */
    static final int LAST = 2;
    /** Monitors remembered at once. */
    private static final int CELLS = 4;
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(HeldMonitors.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] monitors = new Object[CELLS];
    /** For each cell: whether its monitor is held. */
    private final boolean[] held = new boolean[CELLS];
    /** For each cell not held: the {@code System.nanoTime()} of its monitor's release. */
    private final long[] releasedNs = new long[CELLS];
    /** For each held cell: its entries not yet exited. The thread's own. */
    private final int[] depth = new int[CELLS];
    private long version;

    /**
     * Publishes that the calling thread holds {@code lock}, unless already published; called by the owning thread
     * just after a timed entry, inside the critical section.
     *
     * @param lock An inflated monitor the calling thread holds.
     */
    void publish(Object lock) {
        int cell = -1;
        for (int i = 0; i < CELLS; i++) {
            if (monitors[i] == lock) {
                if (held[i]) {   // re-entered
                    depth[i]++;
                    return;
                }
                cell = i;   // its own cell, released: take it back
                break;
            }
        }
        if (cell < 0) cell = freeCell();
        if (cell < 0) return;   // more monitors held than cells: the later ones go unpublished
        depth[cell] = 1;
        beginWrite();
        monitors[cell] = lock;
        held[cell] = true;
        endWrite();
    }

    /**
     * Counts an exit of {@code lock}, an inflated monitor; called by the owning thread just before its
     * {@code monitorexit}. The last exit publishes the monitor as released, from now. A monitor the thread did not
     * publish (it entered it thin, without contention, and a waiter inflated it since) is published as released at
     * each exit, nested or not: either way the thread held it until now.
     *
     * @param lock The monitor about to be released.
     * @return {@link #LAST}, {@link #NESTED}, or {@link #UNPUBLISHED} when the monitor was not published as held.
     */
    int exiting(Object lock) {
        int i = heldCell(lock);
        if (i < 0) {
            releasedUnpublished(lock);
            return UNPUBLISHED;
        }
        if (--depth[i] > 0) return NESTED;
        released(i);
        return LAST;
    }

    /**
     * Publishes {@code lock} as released, however often it was entered; called by the owning thread before
     * {@code Object.wait}, which releases it. When the wait returns the monitor is held again, unpublished.
     *
     * @param lock The monitor waited on.
     */
    void waiting(Object lock) {
        int i = heldCell(lock);
        if (i >= 0) released(i);
        else releasedUnpublished(lock);
    }

    private int heldCell(Object lock) {
        for (int i = 0; i < CELLS; i++) {
            if (monitors[i] == lock) return held[i] ? i : -1;
        }
        return -1;
    }

    /** Publishes a monitor the thread held without publishing it as released, from now. */
    private void releasedUnpublished(Object lock) {
        int cell = -1;
        for (int i = 0; i < CELLS && cell < 0; i++) {
            if (monitors[i] == lock) cell = i;   // released before: not held, or heldCell would have found it
        }
        if (cell < 0) cell = freeCell();
        if (cell < 0) return;
        depth[cell] = 0;
        beginWrite();
        monitors[cell] = lock;
        held[cell] = false;
        releasedNs[cell] = System.nanoTime();
        endWrite();
    }

    private void released(int cell) {
        depth[cell] = 0;
        beginWrite();
        releasedNs[cell] = System.nanoTime();
        held[cell] = false;
        endWrite();
    }

    /**
     * Returns what the thread published about {@code lock}; for the lookup thread.
     *
     * @param lock A monitor.
     * @return {@link #HELD}, the {@code System.nanoTime()} of its release when released, or {@link #NONE} when it
     *         is not published (or the thread kept changing its cells while read).
     */
    long stateOf(Object lock) {
        for (int attempt = 0; attempt < 3; attempt++) {
            long v = (long) VERSION.getAcquire(this);
            if ((v & 1) != 0) continue;
            long state = NONE;
            for (int i = 0; i < CELLS; i++) {
                if (monitors[i] == lock) {
                    state = held[i] ? HELD : releasedNs[i];
                    break;
                }
            }
            VarHandle.loadLoadFence();
            if ((long) VERSION.getOpaque(this) == v) return state;
        }
        return NONE;
    }

    /**
     * Returns an empty cell, else the one released longest ago, else one whose monitor the thread no longer holds
     * (its release went unseen: a monitor released inside code the agent does not instrument); -1 if none.
     */
    private int freeCell() {
        int oldest = -1;
        for (int i = 0; i < CELLS; i++) {
            if (monitors[i] == null) return i;
            if (!held[i] && (oldest < 0 || releasedNs[i] - releasedNs[oldest] < 0)) oldest = i;
        }
        if (oldest >= 0) return oldest;
        for (int i = 0; i < CELLS; i++) {
            if (!Thread.holdsLock(monitors[i])) return i;
        }
        return -1;
    }

    private void beginWrite() {
        VERSION.setOpaque(this, version + 1);
        VarHandle.storeStoreFence();
    }

    private void endWrite() {
        VERSION.setRelease(this, version + 1);
    }
}
