package pxlab.trace;

import java.util.ArrayList;
import java.util.List;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LockWaitEvent;

/**
 * {@code pxlab.LockWait} records held as columns, in blocks of primitive and reference arrays, rather than one
 * object each. A chunk's lock waits stay in memory while the windows of three chunks are classified: as objects, a
 * million of them were most of what each young collection had to copy; as columns they are a few dozen arrays.
 * {@link #get} makes the record again, for a consumer that takes it and lets it go.
 */
final class LockWaitColumns {

    /** Entries per block: arrays of 8192 longs stay below the size at which G1 treats an array as humongous. */
    private static final int BLOCK = 8192;
    private static final int SHIFT = 13;
    private static final byte ACQUIRED = 1;
    private static final byte IN_RECORDER = 2;

    /** One block: the record's fields, each in its array. */
    private static final class Block {
        final long[] startNs = new long[BLOCK];
        final long[] endNs = new long[BLOCK];
        final long[] lockId = new long[BLOCK];
        final long[] ownerCpuNs = new long[BLOCK];
        final long[] ownerRunqueueNs = new long[BLOCK];
        final JfrThread[] waiter = new JfrThread[BLOCK];
        final JfrThread[] owner = new JfrThread[BLOCK];
        final String[] lockClass = new String[BLOCK];
        final String[] kind = new String[BLOCK];
        final Object[] stack = new Object[BLOCK];
        final byte[] flags = new byte[BLOCK];
    }

    private final List<Block> blocks = new ArrayList<>();
    private int size;

    int size() {
        return size;
    }

    /**
     * Appends a record.
     *
     * @param e The record.
     * @return Its index.
     */
    int add(LockWaitEvent e) {
        int i = size & (BLOCK - 1);
        if (i == 0) blocks.add(new Block());
        Block b = blocks.get(size >>> SHIFT);
        b.startNs[i] = e.startNs();
        b.endNs[i] = e.endNs();
        b.lockId[i] = e.lockId();
        b.ownerCpuNs[i] = e.ownerCpuNs();
        b.ownerRunqueueNs[i] = e.ownerRunqueueNs();
        b.waiter[i] = e.waiter();
        b.owner[i] = e.owner();
        b.lockClass[i] = e.lockClass();
        b.kind[i] = e.kind();
        b.stack[i] = e.stack();
        b.flags[i] = (byte) ((e.acquired() ? ACQUIRED : 0) | (e.inRecorder() ? IN_RECORDER : 0));
        return size++;
    }

    long startNs(int index) {
        return blocks.get(index >>> SHIFT).startNs[index & (BLOCK - 1)];
    }

    long endNs(int index) {
        return blocks.get(index >>> SHIFT).endNs[index & (BLOCK - 1)];
    }

    boolean inRecorder(int index) {
        return (blocks.get(index >>> SHIFT).flags[index & (BLOCK - 1)] & IN_RECORDER) != 0;
    }

    /**
     * Returns a record, made anew from its columns: equal to the one added, not the same object.
     *
     * @param index The record's index.
     * @return The record.
     */
    @SuppressWarnings("unchecked")
    LockWaitEvent get(int index) {
        Block b = blocks.get(index >>> SHIFT);
        int i = index & (BLOCK - 1);
        return new LockWaitEvent(b.startNs[i], b.endNs[i], b.waiter[i], b.lockId[i], b.lockClass[i], b.kind[i],
                b.owner[i], (b.flags[i] & ACQUIRED) != 0, b.ownerCpuNs[i], b.ownerRunqueueNs[i],
                (List<String>) b.stack[i], (b.flags[i] & IN_RECORDER) != 0);
    }
}
