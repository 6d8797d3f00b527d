package pxlab.corpus.truth;

import java.util.concurrent.locks.Lock;

/**
 * One lock of a workload, as its {@link TruthLog} knows it: the workload calls {@link #request()} before it asks
 * for the lock, {@link #acquired()} once it has it and {@link #released()} just before it lets go (so a release is
 * never logged after the next owner's acquisition). Shared (read) acquisitions use the {@code …Shared} calls.
 *
 * @param log  The log it writes to.
 * @param id   Its number in the log.
 * @param name Its name in the workload.
 * @param kind {@code monitor}, {@code mutex}, {@code rw} or {@code stamped}.
 */
public record TrackedLock(TruthLog log, int id, String name, String kind) {

    /** Logs that the calling thread asks for the lock exclusively. */
    public void request() {
        log.event(this, TruthLog.REQUEST);
    }

    /** Logs that the calling thread holds the lock exclusively. */
    public void acquired() {
        log.event(this, TruthLog.ACQUIRED);
    }

    /** Logs that the calling thread is about to release its exclusive hold. */
    public void released() {
        log.event(this, TruthLog.RELEASED);
    }

    /** Logs that the calling thread stopped asking without getting the lock (a {@code tryLock} timed out). */
    public void gaveUp() {
        log.event(this, TruthLog.GAVE_UP);
    }

    /** Logs that the calling thread asks for the lock shared. */
    public void requestShared() {
        log.event(this, TruthLog.REQUEST | TruthLog.SHARED);
    }

    /** Logs that the calling thread holds the lock shared. */
    public void acquiredShared() {
        log.event(this, TruthLog.ACQUIRED | TruthLog.SHARED);
    }

    /** Logs that the calling thread is about to release its shared hold. */
    public void releasedShared() {
        log.event(this, TruthLog.RELEASED | TruthLog.SHARED);
    }

    /**
     * Takes a {@code java.util.concurrent} lock exclusively, logging the request and the acquisition.
     *
     * @param lock The lock this handle stands for (or its write view).
     */
    public void lock(Lock lock) {
        request();
        lock.lock();
        acquired();
    }

    /**
     * Releases a {@code java.util.concurrent} lock taken with {@link #lock(Lock)}, logging the release first.
     *
     * @param lock The same lock.
     */
    public void unlock(Lock lock) {
        released();
        lock.unlock();
    }

    /**
     * Runs a body holding a {@code java.util.concurrent} lock exclusively, logged as {@link #lock(Lock)} and
     * {@link #unlock(Lock)} log it.
     *
     * @param lock The lock (or its write view).
     * @param body What runs holding it.
     */
    public void holding(Lock lock, Runnable body) {
        hold(lock, 0, body);
    }

    /**
     * Runs a body holding a lock's read view, logged as shared.
     *
     * @param readLock The read lock.
     * @param body     What runs holding it.
     */
    public void holdingShared(Lock readLock, Runnable body) {
        hold(readLock, TruthLog.SHARED, body);
    }

    /** Both holds: one body of code, so an exclusive and a shared hold cannot log differently but for the flag. */
    private void hold(Lock lock, int shared, Runnable body) {
        log.event(this, TruthLog.REQUEST | shared);
        lock.lock();
        log.event(this, TruthLog.ACQUIRED | shared);
        try {
            body.run();
        } finally {
            log.event(this, TruthLog.RELEASED | shared);
            lock.unlock();
        }
    }
}
