package pxlab.inversion;

/**
 * How the part of a wait the owner is answerable for splits up: what the classification was decided on.
 *
 * @param windowNs   The part of the wait the split covers: the wait, or, when the owner's hold of the lock was
 *                   recorded, the wait's overlap with that hold (before the hold the probe had not yet read the
 *                   owner's schedstat; after it the owner had let go and the waiter was waking up).
 * @param cpuNs      The owner's CPU time in the window, or -1 when not measured (scaled from the hold for
 *                   {@link Evidence#HOLD_CHARGES}).
 * @param runqueueNs Its time runnable but not running, or -1 when not measured.
 * @param blockedNs  Its time waiting for other locks, from its own recorded waits.
 * @param offCpuNs   The rest: with charges, the window less CPU, run-queue and blocked time; from events, the
 *                   owner's recorded sleeps and non-lock parks.
 * @param samples    Execution samples of the owner in the window.
 */
public record OwnerTime(long windowNs, long cpuNs, long runqueueNs, long blockedNs, long offCpuNs, int samples) {

    /** Nothing known about the owner. */
    public static final OwnerTime UNKNOWN = new OwnerTime(0, -1, -1, 0, 0, 0);
}
