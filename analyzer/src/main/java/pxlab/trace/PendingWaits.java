package pxlab.trace;

import java.util.List;
import pxlab.trace.ThreadRegistry.Entry;

/**
 * The waits as read, before their threads have their final names: one column per field of {@link Wait}, in blocks
 * of {@value #BLOCK} waits ({@link ColumnBlocks}), indexed by the order the waits arrived in.
 *
 * <p>A recording's waits stay alive from the first event read until {@link TraceBuilder#build()}; as a record
 * each, a million of them were a million objects that every young collection during the reading copied again.
 */
final class PendingWaits {

    private static final int SHIFT = 12;
    /** Waits per block. */
    private static final int BLOCK = 1 << SHIFT;

    private final ColumnBlocks rows = new ColumnBlocks(SHIFT);
    private final ColumnBlocks.ObjectColumn<Entry> waiter = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<Entry> owner = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<TraceLock> lock = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<LockKind> kind = rows.objectColumn();
    private final ColumnBlocks.LongColumn startNs = rows.longColumn();
    private final ColumnBlocks.LongColumn endNs = rows.longColumn();
    /** 1 when the wait ended with the lock. */
    private final ColumnBlocks.IntColumn acquired = rows.intColumn();
    private final ColumnBlocks.LongColumn cpuNs = rows.longColumn();
    private final ColumnBlocks.LongColumn rqNs = rows.longColumn();
    private final ColumnBlocks.ObjectColumn<Wait.Source> source = rows.objectColumn();
    private final ColumnBlocks.ObjectColumn<List<String>> stack = rows.objectColumn();
    private final ColumnBlocks.LongColumn seq = rows.longColumn();

    /**
     * Returns how many waits were added.
     *
     * @return The count; indices run from 0 to it.
     */
    int size() {
        return rows.size();
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
        int i = rows.add();
        this.waiter.set(i, waiter);
        this.owner.set(i, owner);
        this.lock.set(i, lock);
        this.kind.set(i, kind);
        this.startNs.set(i, startNs);
        this.endNs.set(i, endNs);
        this.acquired.set(i, acquired ? 1 : 0);
        this.cpuNs.set(i, cpuNs);
        this.rqNs.set(i, rqNs);
        this.source.set(i, source);
        this.stack.set(i, stack);
        this.seq.set(i, seq);
    }

    /**
     * Returns wait {@code i}'s waiter, as registered when it was read; {@link Entry#canonical()} gives its thread.
     *
     * @param i The index.
     * @return The entry.
     */
    Entry waiter(int i) {
        return waiter.get(i);
    }

    /**
     * Returns wait {@code i}'s start.
     *
     * @param i The index.
     * @return Epoch nanoseconds.
     */
    long startNs(int i) {
        return startNs.get(i);
    }

    /**
     * Returns wait {@code i}'s end.
     *
     * @param i The index.
     * @return Epoch nanoseconds.
     */
    long endNs(int i) {
        return endNs.get(i);
    }

    /**
     * Returns wait {@code i}'s source.
     *
     * @param i The index.
     * @return The event it came from.
     */
    Wait.Source source(int i) {
        return source.get(i);
    }

    /**
     * Makes wait {@code i} a {@link Wait} with its final threads, once the registry is frozen.
     *
     * @param i The index.
     * @return The wait.
     */
    Wait toWait(int i) {
        Entry o = owner.get(i);
        return new Wait(waiter.get(i).canonical().thread, o == null ? null : o.canonical().thread, lock.get(i),
                kind.get(i), startNs.get(i), endNs.get(i), acquired.get(i) != 0, cpuNs.get(i), rqNs.get(i),
                source.get(i), stack.get(i), seq.get(i));
    }
}
