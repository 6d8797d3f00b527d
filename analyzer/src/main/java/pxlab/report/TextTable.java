package pxlab.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, two spaces between columns. A row of
 * one cell is a heading and does not widen the first column.
 */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    /**
     * Adds a row.
     *
     * @param cells The cells; one cell makes a heading.
     * @return This table.
     */
    TextTable row(String... cells) {
        rows.add(cells.clone());
        return this;
    }

    /**
     * Prints the table, each line indented and stripped of trailing blanks.
     *
     * @param out    Where to print.
     * @param indent The indent of every line.
     */
    void print(PrintWriter out, String indent) {
        int cols = 0;
        for (String[] r : rows) cols = Math.max(cols, r.length);
        int[] width = new int[cols];
        for (String[] r : rows) {
            if (r.length == 1) continue;
            for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int c = 0; c < r.length; c++) {
                if (c == 0) sb.append(r.length == 1 ? r[0] : pad(r[0], width[0], false));
                else sb.append("  ").append(pad(r[c], width[c], true));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String pad(String s, int w, boolean right) {
        if (s.length() >= w) return s;
        String fill = " ".repeat(w - s.length());
        return right ? fill + s : s + fill;
    }
}
