package pxlab.sim;

import java.util.Locale;

/**
 * What the scheduler does for a task that blocks on a lock held by another task.
 */
public enum Policy {
    /** Blocked waiters leave the run queue and nobody inherits anything. */
    NONE,
    /** rt_mutex priority inheritance: an owner runs at its top RT waiter's priority; fair weights are not inherited. */
    INHERIT,
    /** Proxy execution: blocked waiters stay queued as donors and run the owner with their scheduling context. */
    PROXY;

    /**
     * Returns the name used on the command line and in reports.
     *
     * @return The lower-case name, e.g. {@code proxy}.
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
