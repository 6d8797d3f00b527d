package pxlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link ColumnBlocks}: rows across block boundaries, each kind of column, and no rows at all.
 */
class ColumnBlocksTest {

    /** Blocks of four rows, so that a few rows cross several boundaries. */
    private static final int SHIFT = 2;
    private static final int BLOCK = 1 << SHIFT;

    private final ColumnBlocks rows = new ColumnBlocks(SHIFT);
    private final ColumnBlocks.LongColumn longs = rows.longColumn();
    private final ColumnBlocks.IntColumn ints = rows.intColumn();
    private final ColumnBlocks.ObjectColumn<String> names = rows.objectColumn();

    @Test
    void rowsAcrossBlocksReadBackAtTheFirstAndLastEntryOfEachBlock() {
        int n = 3 * BLOCK + 1;   // three full blocks and one row of a fourth
        for (int i = 0; i < n; i++) {
            assertEquals(i, rows.add());
            longs.set(i, 1_000_000_000_000L + i);
            ints.set(i, -i);
            names.set(i, "row " + i);
        }
        assertEquals(n, rows.size());
        for (int block = 0; block * BLOCK < n; block++) {
            int first = block * BLOCK;
            int last = Math.min(n, first + BLOCK) - 1;
            for (int i : new int[]{first, last}) {
                assertEquals(1_000_000_000_000L + i, longs.get(i), "long of row " + i);
                assertEquals(-i, ints.get(i), "int of row " + i);
                assertEquals("row " + i, names.get(i), "object of row " + i);
            }
        }
    }

    @Test
    void aRowNotSetReadsAsZeroAndNull() {
        for (int i = 0; i <= BLOCK; i++) rows.add();
        longs.set(BLOCK - 1, 7);
        assertEquals(0, longs.get(BLOCK));
        assertNull(names.get(BLOCK));
        assertEquals(7, longs.get(BLOCK - 1));
    }

    @Test
    void noRowsHaveNoBlocks() {
        assertEquals(0, rows.size());
        assertThrows(IndexOutOfBoundsException.class, () -> longs.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> ints.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> names.get(0));
    }

    @Test
    void columnsAreDeclaredBeforeTheFirstRow() {
        rows.add();
        assertThrows(IllegalStateException.class, rows::intColumn);
    }
}
