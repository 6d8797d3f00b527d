package pxlab.agent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's monitor entry in progress, reused for every entry the thread makes, so that timing an entry that
 * may block allocates nothing and touches no shared structure: the owner lookup ({@link MonitorOwners}) scans the
 * slots instead of being told about each entry.
 *
 * <p>The waiter publishes {@link #lock} with release semantics last when an entry starts, and clears it when the
 * entry ends, with no fence: the entry's end runs inside the application's critical section, and the lookup can
 * live with a stale view. The lookup answers through the fields before {@link #foundSeq}, valid only for the entry
 * whose {@link #seq} they name.
 *
 * <p>The slot also publishes the monitors its thread holds and released last ({@link #held}), so that the lookup can
 * name a monitor's owner by itself.
 */
final class MonitorSlot {

    /** Access to {@link #lock} with explicit memory ordering. */
    static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(MonitorSlot.class, "lock", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /** The thread's OS id, or -1 when it cannot be told. */
    final int tid;
    /** The monitors this thread holds and released last, for the lookup. */
    final HeldMonitors held = new HeldMonitors();
    /** The event of the current entry; begun at each entry, committed only when the wait passes the threshold. */
    final LockWaitEvent event = new LockWaitEvent();
    /** The monitor being entered, or {@code null} between entries; see {@link #LOCK}. */
    Object lock;
    /** Counts timed entries; names the entry a lookup answers for. Written by the waiter before {@link #lock}. */
    long seq;
    /** The lookup's scan in progress when the entry began ({@link MonitorOwners#epoch}); written before {@link #lock}. */
    long startEpoch;
    /** Whether the thread is inside the probe (the probe's own monitors must not be timed). */
    boolean inProbe;
    /** The waiter's own copy of the monitor, for after {@link #lock} is cleared. */
    Object current;

    // Written by the lookup thread only.
    long seenSeq = -1;
    long seenAt;

    int lookups;
    /** Scans that saw the entry long without naming its owner, once the first lookups failed. */
    int sights;
    /** The one thread publishing the monitor as held when the lookup first saw the entry, or {@code null}. */
    MonitorSlot candidate;
    Thread foundOwner;
    /** The owner's OS thread id, or 0 when unknown. */
    int ownerOsThreadId;
    /** The owner's OS thread id when its schedstat was read (the charges can be computed), else -1. */
    int ownerTid = -1;
    long ownerCpuStart;
    long ownerRqStart;
    /** The {@link #seq} of the entry the fields above describe; volatile, written after them. */
    volatile long foundSeq = -1;
    /**
     * The {@link #seq} of the last entry the lookup saw in progress on two scans in a row: a wait long enough to
     * record. Only such entries are finished and committed, so a short wait costs no more than its start.
     */
    volatile long longSeq = -1;

    /**
     * Makes the calling thread's slot.
     *
     * @param tid The calling thread's OS id, or -1.
     */
    MonitorSlot(int tid) {
        this.thread = Thread.currentThread();
        this.tid = tid;
    }
}
