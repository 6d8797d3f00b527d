package pxlab.trace;

import java.util.List;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LockWaitEvent;

/**
 * {@code pxlab.LockWait} records held as columns ({@link ColumnBlocks}) rather than one object each. A chunk's lock
 * waits stay in memory while the windows of three chunks are classified: as objects, a million of them were most
 * of what each young collection had to copy; as columns they are a few dozen arrays. {@link #get} makes the
 * record again, for a consumer that takes it and lets it go.
 */
final class LockWaitColumns {

    /** Entries per block, 8192: arrays of 8192 longs stay below the size at which G1 treats an array as humongous. */
    private static final int SHIFT = 13;
    private static final int ACQUIRED = 1;
    private static final int IN_RECORDER = 2;

    private final ColumnBlocks rows = new ColumnBlocks(SHIFT);
    private final ColumnBlocks.LongColumn startNs = rows.longColumn();
    private final ColumnBlocks.LongColumn endNs = rows.longColumn();
    private final ColumnBlocks.LongColumn lockId = rows.longColumn();
    private final ColumnBlocks.LongColumn ownerCpuNs = rows.longColumn();
    private final ColumnBlocks.LongColumn ownerRunqueueNs = rows.longColumn();
    private final ColumnBlocks.ObjectColumn<JfrThread> waiter = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<JfrThread> owner = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<String> lockClass = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<String> kind = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<List<String>> stack = rows.objectColumn();
    /** {@link #ACQUIRED} and {@link #IN_RECORDER}. */
    private final ColumnBlocks.IntColumn flags = rows.intColumn();

    int size() {
        return rows.size();
    }

    /**
     * Appends a record.
     *
     * @param e The record.
     * @return Its index.
     */
    int add(LockWaitEvent e) {
        int i = rows.add();
        startNs.set(i, e.startNs());
        endNs.set(i, e.endNs());
        lockId.set(i, e.lockId());
        ownerCpuNs.set(i, e.ownerCpuNs());
        ownerRunqueueNs.set(i, e.ownerRunqueueNs());
        waiter.set(i, e.waiter());
        owner.set(i, e.owner());
        lockClass.set(i, e.lockClass());
        kind.set(i, e.kind());
        stack.set(i, e.stack());
        flags.set(i, (e.acquired() ? ACQUIRED : 0) | (e.inRecorder() ? IN_RECORDER : 0));
        return i;
    }

    long startNs(int index) {
        return startNs.get(index);
    }

    long endNs(int index) {
        return endNs.get(index);
    }

    boolean inRecorder(int index) {
        return (flags.get(index) & IN_RECORDER) != 0;
    }

    /**
     * Returns a record, made anew from its columns: equal to the one added, not the same object.
     *
     * @param index The record's index.
     * @return The record.
     */
    LockWaitEvent get(int index) {
        int f = flags.get(index);
        return new LockWaitEvent(startNs.get(index), endNs.get(index), waiter.get(index), lockId.get(index),
                lockClass.get(index), kind.get(index), owner.get(index), (f & ACQUIRED) != 0, ownerCpuNs.get(index),
                ownerRunqueueNs.get(index), stack.get(index), (f & IN_RECORDER) != 0);
    }
}
