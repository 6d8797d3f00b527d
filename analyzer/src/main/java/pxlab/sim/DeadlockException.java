package pxlab.sim;

/**
 * Unwinds the simulator when a task closes a lock cycle.
 */
final class DeadlockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Deadlock deadlock;

    DeadlockException(Deadlock deadlock) {
        super(deadlock.describe(), null, false, false);
        this.deadlock = deadlock;
    }
}
