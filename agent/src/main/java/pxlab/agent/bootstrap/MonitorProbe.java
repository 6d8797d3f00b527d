package pxlab.agent.bootstrap;

/**
 * What instrumented {@code synchronized} code calls: {@link #enter} just before {@code monitorenter},
 * {@link #entered} as the first instruction inside the block's protected range, {@link #exited} just after
 * {@code monitorexit}, and {@link #waiting} before {@code Object.wait}. Each returns at once on the uncontended path:
 * {@code enter} reads the monitor's lock bits ({@link MarkWord}) and only a monitor that is already locked or
 * inflated gets timed.
 *
 * <p><b>Note</b>: never throws, and must not touch a monitor of the application: it runs between the application's
 * own monitor operations.
 */
public final class MonitorProbe {

    private static volatile boolean started;
    /** Set, never cleared, once some thread made a timed entry (see {@link #exited}). */
    private static volatile boolean watchingExits;

    private MonitorProbe() {
    }

    /** Starts the owner lookups; called once by the agent after it put this class on the bootstrap path. */
    public static void start() {
        if (started || !MarkWord.AVAILABLE) return;
        started = true;
        MonitorOwners.start();
    }

    /**
     * Called just before {@code monitorenter}.
     *
     * @param lock The object about to be locked; may be {@code null}, which {@code monitorenter} will reject.
     * @return A token for {@link #entered}, or {@code null} when the entry is not timed.
     */
    public static Object enter(Object lock) {
        if (lock == null || !MarkWord.mayBlock(lock)) return null;
        return LockProbe.monitorEnter(lock);
    }

    /**
     * Called once the monitor is held.
     *
     * @param token What {@link #enter} returned.
     */
    public static void entered(Object token) {
        if (token != null) LockProbe.monitorEntered(token, true);
    }

    /**
     * Called once the monitor is held, in a method where some {@code monitorexit} could not be hooked: the monitor is
     * timed but not published as held, since its release might go unseen.
     *
     * @param token What {@link #enter} returned.
     */
    public static void enteredUntracked(Object token) {
        if (token != null) LockProbe.monitorEntered(token, false);
    }

    /**
     * Called just after {@code monitorexit}. Returns at once, at the cost of one load, until the agent first saw a
     * monitor contended: before that no monitor is published as held, nor has a contended hold open.
     *
     * @param lock The object released.
     */
    public static void exited(Object lock) {
        if (watchingExits) LockProbe.monitorExited(lock);
    }

    /**
     * Called before {@code Object.wait}, which releases the monitor: the hold ends here and a new one begins when
     * the wait returns.
     *
     * @param lock The object waited on.
     */
    public static void waiting(Object lock) {
        if (watchingExits) LockProbe.waiting(lock);
    }

    /** Makes {@link #exited} and {@link #waiting} look further from now on; called once a monitor is contended. */
    static void watchExits() {
        if (!watchingExits) watchingExits = true;
    }
}
