package pxlab.agent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The monitors one thread holds, and those it released last, each with the owner lookup's scan ({@link
 * MonitorOwners#epoch}) in which it took and released them, published for that lookup. The lookup can then name a
 * monitor's owner without the JVM: even while the waiter is not blocked where the JVM would report the owner
 * (preempted before {@code monitorenter}, or spinning in it), and while the monitor is between two owners (released,
 * its next owner woken but not yet running).
 * <pre>
 *   holder                                   lookup, for a waiter it first saw in scan s
 *   timed entry of inflated m: publish(m)
 *     m held, taken in scan a                a &gt; s: held m during the wait
 *                                            held, a &lt;= s: held m when the lookup saw the waiter
 *   monitorexit m; last exit: exited(m)
 *     m released in scan r                   r &gt; s: held m after the lookup saw the waiter
 * </pre>
 * A scan number is one volatile read. Clock reads instead (24 ns each on the development VM, at the start, the
 * acquisition and the release) made the agent's timed entry and exit of an inflated monitor cost 116 ns instead of
 * 30; with scan numbers it costs 44-54 ns. Two events in one scan are not ordered: the lookup only trusts strict
 * comparisons, and leaves a wait unnamed rather than guess among them.
 *
 * <p>Only monitors inflated when entered are published as held: an inflated monitor stays so while it has an owner,
 * so its exits are seen by the exit hook, which only looks further for inflated monitors, and so is every re-entry,
 * which the cell counts. A thread that entered a monitor thin (uncontended) and finds it inflated at its exit (a
 * waiter came) publishes the release only, with no acquisition. A released cell is kept until the thread needs it for
 * another monitor.
 *
 * <p>One writer (the thread), one reader (the lookup): the cells are guarded by a sequence lock, {@link #version},
 * odd while the thread changes them, so the lookup never pairs a monitor with another's scans.
 */
final class HeldMonitors {

    /** What {@link #stateOf} returns for a monitor the thread does not publish. */
    static final int NONE = 0;
    /** What {@link #stateOf} returns for a monitor the thread holds. */
    static final int HELD = 1;
    /** What {@link #stateOf} returns for a monitor the thread released. */
    static final int RELEASED = 2;
    /** The acquisition scan of a monitor published on its release only. */
    static final long UNKNOWN = Long.MIN_VALUE;
    /** What {@link #exited} returns for an exit that leaves the monitor held (a re-entered one). */
    static final int NESTED = 1;
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
    /** For each cell: the scan its monitor was taken in, or {@link #UNKNOWN}. */
    private final long[] acquired = new long[CELLS];
    /** For each cell not held: the scan its monitor was released in. */
    private final long[] released = new long[CELLS];
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
        write(cell, lock, true, MonitorOwners.epoch(), 0);
    }

    /**
     * Counts an exit of {@code lock}, an inflated monitor; called by the owning thread just after its
     * {@code monitorexit}. The last exit publishes the monitor as released. A monitor the thread did not publish (it
     * entered it thin, and a waiter inflated it since) is published as released once the thread no longer holds it.
     *
     * @param lock The monitor just released.
     * @return {@link #NESTED} when the thread still holds the monitor, else 0.
     */
    int exited(Object lock) {
        int i = heldCell(lock);
        if (i >= 0) {
            if (--depth[i] > 0) return NESTED;
            release(i);
            return 0;
        }
        if (Thread.holdsLock(lock)) return NESTED;
        releaseUnpublished(lock);
        return 0;
    }

    /**
     * Publishes {@code lock} as released, however often it was entered; called by the owning thread before
     * {@code Object.wait}, which releases it. When the wait returns the monitor is held again, unpublished.
     *
     * @param lock The monitor waited on.
     */
    void waiting(Object lock) {
        int i = heldCell(lock);
        if (i >= 0) release(i);
        else releaseUnpublished(lock);
    }

    /**
     * Reads what the thread published about {@code lock}; for the lookup.
     *
     * @param lock  A monitor.
     * @param scans Receives {@code [acquired, released]} when the result is {@link #HELD} or {@link #RELEASED}.
     * @return {@link #HELD}, {@link #RELEASED}, or {@link #NONE} when it is not published (or the thread kept
     *         changing its cells while read).
     */
    int stateOf(Object lock, long[] scans) {
        for (int attempt = 0; attempt < 3; attempt++) {
            long v = (long) VERSION.getAcquire(this);
            if ((v & 1) != 0) continue;
            int state = NONE;
            for (int i = 0; i < CELLS; i++) {
                if (monitors[i] == lock) {
                    state = held[i] ? HELD : RELEASED;
                    scans[0] = acquired[i];
                    scans[1] = released[i];
                    break;
                }
            }
            VarHandle.loadLoadFence();
            if ((long) VERSION.getOpaque(this) == v) return state;
        }
        return NONE;
    }

    private int heldCell(Object lock) {
        for (int i = 0; i < CELLS; i++) {
            if (monitors[i] == lock) return held[i] ? i : -1;
        }
        return -1;
    }

    private void release(int cell) {
        depth[cell] = 0;
        write(cell, monitors[cell], false, acquired[cell], MonitorOwners.epoch());
    }

    /** Publishes a monitor the thread held without publishing it as released. */
    private void releaseUnpublished(Object lock) {
        int cell = -1;
        for (int i = 0; i < CELLS && cell < 0; i++) {
            if (monitors[i] == lock) cell = i;   // released before: not held, or heldCell would have found it
        }
        if (cell < 0) cell = freeCell();
        if (cell < 0) return;
        depth[cell] = 0;
        write(cell, lock, false, UNKNOWN, MonitorOwners.epoch());
    }

    /**
     * Returns an empty cell, else the one released longest ago, else one whose monitor the thread no longer holds
     * (its release went unseen: a monitor released inside code the agent does not instrument); -1 if none.
     */
    private int freeCell() {
        int oldest = -1;
        for (int i = 0; i < CELLS; i++) {
            if (monitors[i] == null) return i;
            if (!held[i] && (oldest < 0 || released[i] < released[oldest])) oldest = i;
        }
        if (oldest >= 0) return oldest;
        for (int i = 0; i < CELLS; i++) {
            if (!Thread.holdsLock(monitors[i])) return i;
        }
        return -1;
    }

    /** Sets one cell, inside the sequence lock: odd version, the fields, even version. */
    private void write(int cell, Object lock, boolean isHeld, long acquiredScan, long releasedScan) {
        VERSION.setOpaque(this, version + 1);
        VarHandle.storeStoreFence();
        monitors[cell] = lock;
        held[cell] = isHeld;
        acquired[cell] = acquiredScan;
        released[cell] = releasedScan;
        VERSION.setRelease(this, version + 1);
    }
}
