package pxlab.corpus.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The markdown table: recorded strings cannot break it, and a run that did not happen is one row saying why. */
class ResultTableTest {

    @Test
    void reasonWithPipesAndNewlinesStaysInItsCell() {
        RunResult r = new RunResult("w", 17, "idle", "1.00 2.00 3.00", RunResult.Status.FAILED,
                "exit 1: a|b\nc <script>", null, 10);
        String row = ResultTable.markdown(List.of(r)).split("\n")[2];
        assertEquals(ResultTable.HEADER.size() + 1, row.split("(?<!\\\\)\\|", -1).length - 1,
                "cells in " + row);
        assertTrue(row.contains("a\\|b c \\<script\\>"), row);
    }

    @Test
    void skippedRunSaysWhyInOneRow() {
        RunResult r = new RunResult("virtual-waiters", 17, "idle", "0.50 0.40 0.30", RunResult.Status.SKIPPED,
                "virtual threads need JDK 21+", null, 10);
        List<String> cells = ResultTable.cells(r);
        assertEquals(ResultTable.HEADER.size(), cells.size());
        assertEquals("skipped: virtual threads need JDK 21+", cells.get(3));
        assertEquals("idle 0.50", cells.get(2));
    }
}
