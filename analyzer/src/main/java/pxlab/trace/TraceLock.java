package pxlab.trace;

import java.util.Comparator;
import java.util.Objects;

/**
 * A lock as a recording identifies it: its class and a number.
 *
 * <p><b>Note</b>: neither number is a perfect identity. The agent's identity hashes may collide between two locks,
 * and the JDK's addresses change when the collector moves an object. Waits on one lock recorded by both the agent
 * and the JDK carry different numbers, so they appear as two locks unless the trace merged the waits.
 *
 * @param className The lock's class, e.g. {@code java.util.concurrent.locks.ReentrantLock$NonfairSync}, or
 *                  {@code "?"} when the recording does not say.
 * @param id        The identity hash or address.
 * @param idSpace   What {@code id} is.
 */
public record TraceLock(String className, long id, IdSpace idSpace) {

    /** Orders locks by name, then id space: the order of every lock listing. */
    public static final Comparator<TraceLock> ORDER = Comparator.comparing(TraceLock::name)
            .thenComparing(TraceLock::idSpace);

    /** What a lock's number is. */
    public enum IdSpace {
        /** {@code System.identityHashCode} of the synchronizer or monitor object (the agent). */
        IDENTITY_HASH,
        /** The object's address when the event was written (the JDK's events). */
        ADDRESS
    }

    public TraceLock {
        if (className == null) className = "?";
        Objects.requireNonNull(idSpace);
    }

    /**
     * Returns the lock's display name: the class without its package, {@code @}, and the id in hex, as
     * {@code Object.toString()} would print it.
     *
     * @return e.g. {@code ReentrantLock$NonfairSync@1b6d3586}.
     */
    public String name() {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple + "@" + Long.toHexString(id);
    }
}
