package pxlab.inversion;

/**
 * What a lock's owner did while a waiter waited (docs: DESIGN §4), which decides whether proxy execution — running
 * the owner with the waiter's scheduling context — would have shortened the wait.
 */
public enum WaitClass {
    /** The owner was on a CPU most of the time: the wait is the critical section's own length. */
    OWNER_RUNNING("owner-running"),
    /** The owner was runnable but not running for a substantial part: resolvable by proxy execution. */
    OWNER_PREEMPTED("owner-preempted"),
    /**
     * The owner was itself waiting for another lock: a chain, resolvable when it ends in a preempted owner
     * (proxy execution follows blocked_on → owner to the end).
     */
    OWNER_BLOCKED("owner-blocked"),
    /** The owner was off CPU by its own doing (sleep, I/O, condition wait): proxy execution cannot run a sleeper. */
    OWNER_SLEEPING("owner-sleeping");

    private final String key;

    WaitClass(String key) {
        this.key = key;
    }

    /**
     * Returns the spelling used in JSON and text reports.
     *
     * @return e.g. {@code owner-preempted}.
     */
    public String key() {
        return key;
    }

    /**
     * Returns the class a report spells {@code key}.
     *
     * @param key e.g. {@code owner-running}.
     * @return The class.
     * @throws IllegalArgumentException When no class is spelled so.
     */
    public static WaitClass of(String key) {
        for (WaitClass c : values()) {
            if (c.key.equals(key)) return c;
        }
        throw new IllegalArgumentException("unknown wait class: " + key);
    }
}
