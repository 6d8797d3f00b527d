package pxlab.sim;

import java.util.Locale;

/**
 * How a task acquires a contended lock. Mirrors the choices in kernel/locking/mutex.c.
 */
public enum LockMode {
    /**
     * Optimistic spinning: while the owner is running on a CPU, the waiter stays on its CPU and retries
     * ({@code mutex_optimistic_spin()}); it blocks once the owner stops running or it must reschedule.
     * An unlock wakes the first waiter, which competes again (the lock may be stolen).
     */
    SPIN,
    /** Plain blocking: no spinning; an unlock wakes the first waiter, which competes again. */
    BLOCK,
    /** Handoff: no spinning; an unlock gives the lock to the first waiter directly ({@code MUTEX_FLAG_HANDOFF}). */
    HANDOFF;

    /**
     * Returns the name used in scenario files.
     *
     * @return The lower-case name, e.g. {@code handoff}.
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
