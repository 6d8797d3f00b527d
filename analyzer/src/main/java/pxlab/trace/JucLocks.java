package pxlab.trace;

import pxlab.jfr.ThreadParkEvent;

/**
 * Tells which parks are lock waits: a {@code jdk.ThreadPark} whose blocker is the synchronizer of a
 * {@code java.util.concurrent.locks} lock. Every other park (a condition, a latch, a queue, a future) is time the
 * thread chose to spend off CPU.
 *
 * <p><b>Note</b>: an application's own AQS-based lock parks with its own synchronizer as the blocker, which is not
 * recognised here; without the agent its waits look like sleeps.
 */
final class JucLocks {

    private static final String PACKAGE = "java.util.concurrent.locks.";

    private JucLocks() {
    }

    /**
     * Returns the kind of lock a park waited for.
     *
     * @param parkedClass The blocker's class, or {@code null}.
     * @param acquire     {@link ThreadParkEvent#SHARED}, {@link ThreadParkEvent#EXCLUSIVE} or {@code null}.
     * @return The kind, or {@code null} when the park is not a lock wait.
     */
    static LockKind kindOf(String parkedClass, String acquire) {
        if (parkedClass == null) return null;
        if (parkedClass.startsWith(PACKAGE + "ReentrantLock$")) return LockKind.MUTEX;
        if (parkedClass.startsWith(PACKAGE + "ReentrantReadWriteLock$")) {
            return sided(acquire, LockKind.READ, LockKind.WRITE);
        }
        if (parkedClass.equals(PACKAGE + "StampedLock")) {
            return sided(acquire, LockKind.STAMPED_READ, LockKind.STAMPED_WRITE);
        }
        return null;
    }

    private static LockKind sided(String acquire, LockKind shared, LockKind exclusive) {
        if (ThreadParkEvent.SHARED.equals(acquire)) return shared;
        if (ThreadParkEvent.EXCLUSIVE.equals(acquire)) return exclusive;
        return LockKind.UNKNOWN;
    }

    /**
     * Returns how a sleep caused by a non-lock park is described.
     *
     * @param parkedClass The blocker's class, or {@code null}.
     * @return {@code park} or {@code park Class$Inner}.
     */
    static String parkReason(String parkedClass) {
        if (parkedClass == null) return "park";
        return "park " + parkedClass.substring(parkedClass.lastIndexOf('.') + 1);
    }
}
