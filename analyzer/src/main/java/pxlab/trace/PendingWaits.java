package pxlab.trace;

import java.util.ArrayList;
import java.util.List;
import pxlab.trace.ThreadRegistry.Entry;

/**
 * The waits as read, before their threads have their final names: one column per field, in blocks of
 * {@value #BLOCK} waits, indexed by the order the waits arrived in.
 *
 * <p>A recording's waits stay alive from the first event read until {@link TraceBuilder#build()}; as a record
 * each, a million of them were a million objects that every young collection during the reading copied again. A
 * block holds the same fields for thousands of waits in a dozen arrays, which the collector copies as a dozen
 * objects. Blocks rather than one growing array per column: growing copies everything read so far, and arrays of a
 * million entries are allocated outside the young generation, one slow allocation each.
 */
final class PendingWaits {

    private static final int SHIFT = 12;
    /** Waits per block. */
    static final int BLOCK = 1 << SHIFT;
    private static final int MASK = BLOCK - 1;

    /** The columns of {@link #BLOCK} waits; a pass over every wait reads them block by block. */
    static final class Block {
        final Entry[] waiter = new Entry[BLOCK];
        final Entry[] owner = new Entry[BLOCK];
        final TraceLock[] lock = new TraceLock[BLOCK];
        final LockKind[] kind = new LockKind[BLOCK];
        final long[] startNs = new long[BLOCK];
        final long[] endNs = new long[BLOCK];
        final boolean[] acquired = new boolean[BLOCK];
        final long[] cpuNs = new long[BLOCK];
        final long[] rqNs = new long[BLOCK];
        final Wait.Source[] source = new Wait.Source[BLOCK];
        final Object[] stack = new Object[BLOCK];
        final long[] seq = new long[BLOCK];
    }

    private final List<Block> blocks = new ArrayList<>();
    private int size;

    /**
     * Returns how many waits were added.
     *
     * @return The count; indices run from 0 to it.
     */
    int size() {
        return size;
    }

    /**
     * Adds a wait; the fields are those of {@link Wait}, with the threads as registry entries.
     *
     * @param waiter   The waiter's entry.
     * @param owner    The owner's entry, or {@code null}.
     * @param lock     The lock.
     * @param kind     Its kind.
     * @param startNs  Start, epoch nanoseconds.
     * @param endNs    End.
     * @param acquired Whether it ended with the lock.
     * @param cpuNs    The owner's CPU time during the wait, or {@link Wait#UNKNOWN}.
     * @param rqNs     The owner's run-queue wait, or {@link Wait#UNKNOWN}.
     * @param source   The event it came from.
     * @param stack    The top frames.
     * @param seq      Its position in the file.
     */
    void add(Entry waiter, Entry owner, TraceLock lock, LockKind kind, long startNs, long endNs, boolean acquired,
             long cpuNs, long rqNs, Wait.Source source, List<String> stack, long seq) {
        int i = size & MASK;
        if (i == 0) blocks.add(new Block());
        Block b = blocks.get(blocks.size() - 1);
        b.waiter[i] = waiter;
        b.owner[i] = owner;
        b.lock[i] = lock;
        b.kind[i] = kind;
        b.startNs[i] = startNs;
        b.endNs[i] = endNs;
        b.acquired[i] = acquired;
        b.cpuNs[i] = cpuNs;
        b.rqNs[i] = rqNs;
        b.source[i] = source;
        b.stack[i] = stack;
        b.seq[i] = seq;
        size++;
    }

    /**
     * Returns wait {@code i}'s waiter, as registered when it was read; {@link Entry#canonical()} gives its thread.
     *
     * @param i The index.
     * @return The entry.
     */
    Entry waiter(int i) {
        return block(i).waiter[i & MASK];
    }

    /**
     * Returns wait {@code i}'s start.
     *
     * @param i The index.
     * @return Epoch nanoseconds.
     */
    long startNs(int i) {
        return block(i).startNs[i & MASK];
    }

    /**
     * Returns wait {@code i}'s end.
     *
     * @param i The index.
     * @return Epoch nanoseconds.
     */
    long endNs(int i) {
        return block(i).endNs[i & MASK];
    }

    /**
     * Returns wait {@code i}'s source.
     *
     * @param i The index.
     * @return The event it came from.
     */
    Wait.Source source(int i) {
        return block(i).source[i & MASK];
    }

    /**
     * Makes wait {@code i} a {@link Wait} with its final threads, once the registry is frozen.
     *
     * @param i The index.
     * @return The wait.
     */
    @SuppressWarnings("unchecked")
    Wait toWait(int i) {
        Block b = block(i);
        int k = i & MASK;
        Entry owner = b.owner[k];
        return new Wait(b.waiter[k].canonical().thread, owner == null ? null : owner.canonical().thread,
                b.lock[k], b.kind[k], b.startNs[k], b.endNs[k], b.acquired[k], b.cpuNs[k], b.rqNs[k], b.source[k],
                (List<String>) b.stack[k], b.seq[k]);
    }

    private Block block(int i) {
        return blocks.get(i >>> SHIFT);
    }

    /**
     * Returns the blocks, in order: wait {@code i} is entry {@code i % BLOCK} of block {@code i / BLOCK}, and the
     * last block is filled up to {@link #size()}.
     *
     * @return The blocks.
     */
    List<Block> blocks() {
        return blocks;
    }
}
