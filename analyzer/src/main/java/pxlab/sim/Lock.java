package pxlab.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A sleeping lock ({@code struct mutex}) with a FIFO wait list.
 */
final class Lock {

    final int id;
    final String name;
    /** The task holding the lock, or {@code null}. */
    Task owner;
    /** Tasks blocked on the lock, in arrival order ({@code lock->wait_list}). */
    final ArrayDeque<Task> waiters = new ArrayDeque<>();
    /** Tasks spinning while the owner runs, in arrival order (the {@code osq} queue). */
    final List<Task> spinners = new ArrayList<>(2);
    /** The first waiter failed after a wakeup and asked for the next unlock to hand it the lock ({@code MUTEX_FLAG_HANDOFF}). */
    Task handoffTo;

    long acquisitions;
    long contended;
    long waitNs;

    Lock(int id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
