package pxlab.trace;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a lock was asked for: the {@code kind} field of {@code pxlab.LockWait} and {@code pxlab.LockHold}, or what
 * the JDK's events show.
 */
public enum LockKind {
    /** {@code synchronized}. */
    MONITOR,
    /** An exclusive {@code java.util.concurrent} lock, e.g. {@code ReentrantLock}. */
    MUTEX,
    /** The read lock of a {@code ReentrantReadWriteLock}: shared, so it has no single owner. */
    READ,
    /** The write lock of a {@code ReentrantReadWriteLock}. */
    WRITE,
    /** A {@code StampedLock} read lock. */
    STAMPED_READ,
    /** A {@code StampedLock} write lock. */
    STAMPED_WRITE,
    /**
     * Not shown by the recording: a park on a read-write or stamped lock without a stack that says which side,
     * or a kind this version does not know (written by a newer agent).
     */
    UNKNOWN;

    /** Every kind by its spelling: {@link #of} runs once per lock event, and {@link #key()} builds a new string. */
    private static final Map<String, LockKind> BY_KEY = byKey();

    /**
     * Returns the contract's spelling.
     *
     * @return e.g. {@code stamped-read}.
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the kind a recording spells {@code key}.
     *
     * @param key The spelling, e.g. {@code mutex}, or {@code null}.
     * @return The kind, {@link #UNKNOWN} for {@code null} or a spelling this version does not know.
     */
    public static LockKind of(String key) {
        if (key == null) return UNKNOWN;
        return BY_KEY.getOrDefault(key, UNKNOWN);
    }

    /**
     * Returns whether this kind is a shared acquisition, which has no single owner.
     *
     * @return {@code true} for {@link #READ} and {@link #STAMPED_READ}.
     */
    public boolean shared() {
        return this == READ || this == STAMPED_READ;
    }

    private static Map<String, LockKind> byKey() {
        Map<String, LockKind> out = new HashMap<>();
        for (LockKind k : values()) out.put(k.key(), k);
        return out;
    }
}
