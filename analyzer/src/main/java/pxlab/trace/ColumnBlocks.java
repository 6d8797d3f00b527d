package pxlab.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of fields held as columns, each column an array per block of rows, appended to and read by row index: how
 * the trace keeps millions of waits without an object each. A block holds the same field of thousands of rows in
 * one array, so the collector copies a few dozen arrays where it would copy a million records; blocks rather than
 * one growing array per column, because growing copies every row read so far, and an array of a million entries
 * is allocated outside the young generation, one slow allocation each.
 *
 * <p>Columns are declared first ({@link #longColumn()}, {@link #intColumn()}, {@link #objectColumn()}), then rows
 * are added ({@link #add()}) and their fields set and read through the columns. Row {@code i} is entry
 * {@code i % blockSize} of block {@code i / blockSize} of every column.
 *
 * <p><b>Note</b>: reads are not checked against {@link #size()}: a row beyond it, inside the last block, reads as
 * zero or {@code null}.
 */
final class ColumnBlocks {

    private final int shift;
    private final int mask;
    private final List<Column> columns = new ArrayList<>();
    private int size;

    /**
     * Creates columns with no rows.
     *
     * @param shift Rows per block as a power of two: {@code 1 << shift}. Arrays of more than 8,192 longs (64 KiB)
     *              can be humongous to G1 in a small heap.
     */
    ColumnBlocks(int shift) {
        this.shift = shift;
        this.mask = (1 << shift) - 1;
    }

    /** A column: a list of blocks, one added to each when the rows fill the last. */
    private abstract static class Column {
        abstract void addBlock(int rows);
    }

    /** A column of {@code long}s. */
    final class LongColumn extends Column {
        private final List<long[]> blocks = new ArrayList<>();

        @Override
        void addBlock(int rows) {
            blocks.add(new long[rows]);
        }

        long get(int row) {
            return blocks.get(row >>> shift)[row & mask];
        }

        void set(int row, long value) {
            blocks.get(row >>> shift)[row & mask] = value;
        }
    }

    /** A column of {@code int}s. */
    final class IntColumn extends Column {
        private final List<int[]> blocks = new ArrayList<>();

        @Override
        void addBlock(int rows) {
            blocks.add(new int[rows]);
        }

        int get(int row) {
            return blocks.get(row >>> shift)[row & mask];
        }

        void set(int row, int value) {
            blocks.get(row >>> shift)[row & mask] = value;
        }
    }

    /**
     * A column of references.
     *
     * @param <T> What it holds.
     */
    final class ObjectColumn<T> extends Column {
        private final List<Object[]> blocks = new ArrayList<>();

        @Override
        void addBlock(int rows) {
            blocks.add(new Object[rows]);
        }

        @SuppressWarnings("unchecked")   // only set() stores, and only a T
        T get(int row) {
            return (T) blocks.get(row >>> shift)[row & mask];
        }

        void set(int row, T value) {
            blocks.get(row >>> shift)[row & mask] = value;
        }
    }

    /**
     * Declares a column of {@code long}s.
     *
     * @return The column.
     */
    LongColumn longColumn() {
        return declare(new LongColumn());
    }

    /**
     * Declares a column of {@code int}s.
     *
     * @return The column.
     */
    IntColumn intColumn() {
        return declare(new IntColumn());
    }

    /**
     * Declares a column of references.
     *
     * @param <T> What it holds.
     * @return The column.
     */
    <T> ObjectColumn<T> objectColumn() {
        return declare(new ObjectColumn<>());
    }

    private <C extends Column> C declare(C column) {
        if (size > 0) throw new IllegalStateException("columns are declared before the first row");
        columns.add(column);
        return column;
    }

    /**
     * Adds a row, its fields zero or {@code null} until set.
     *
     * @return Its index: the number of rows before it.
     */
    int add() {
        if ((size & mask) == 0) {
            for (Column c : columns) c.addBlock(mask + 1);
        }
        return size++;
    }

    /**
     * Returns how many rows were added.
     *
     * @return The count; row indices run from 0 to it.
     */
    int size() {
        return size;
    }
}
