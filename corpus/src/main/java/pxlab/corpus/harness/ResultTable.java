package pxlab.corpus.harness;

import java.util.List;
import java.util.Locale;
import pxlab.corpus.harness.Score.PlantScore;

/**
 * The one table of a corpus run, as markdown: a row per workload × JDK × load, a column per score (docs/TRUTH.md
 * says what each means). Recorded strings (reasons, names) are escaped so they cannot break the table.
 */
final class ResultTable {

    static final List<String> HEADER = List.of("workload", "JDK", "load (1-min avg)", "waits ≥1 ms", "owner right",
            "no owner", "wrong owner", "not recorded", "attributes known", "planted inversions found (culprit)",
            "culprit code", "controls held", "false inversions", "false deadlocks", "class agrees",
            "replay error per thread");

    private ResultTable() {
    }

    /**
     * Writes the table.
     *
     * @param results The runs, in the order to list them.
     * @return Markdown.
     */
    static String markdown(List<RunResult> results) {
        StringBuilder b = new StringBuilder();
        row(b, HEADER);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < HEADER.size(); i++) rule.append(i < 3 ? "---|" : "---:|");
        b.append(rule).append('\n');
        for (RunResult r : results) row(b, cells(r));
        return b.toString();
    }

    static List<String> cells(RunResult r) {
        String load = r.load() + " " + r.loadAvg().split(" ")[0];
        if (r.status() != RunResult.Status.SCORED) {
            String what = (r.status() == RunResult.Status.SKIPPED ? "skipped: " : "failed: ") + r.reason();
            return List.of(r.workload(), Integer.toString(r.jdk()), load, what, "", "", "", "", "", "", "", "", "", "",
                    "", "");
        }
        Score s = r.score();
        return List.of(r.workload(), Integer.toString(r.jdk()), load,
                Integer.toString(s.truthWaits()),
                s.truthWaits() == 0 ? "—" : percent(s.ownerRate()),
                Integer.toString(s.ownerNone()),
                Integer.toString(s.ownerWrong()),
                Integer.toString(s.missed()),
                s.truthWaits() == 0 ? "—" : percent(s.attributeRate()),
                inversions(s), code(s), controls(s),
                s.falseInversions() + (s.untrackedInversions() > 0 ? " (+" + s.untrackedInversions() + " untracked)" : ""),
                deadlocks(s),
                s.classDefined() == 0 ? "—" : s.classAgree() + "/" + s.classDefined(),
                s.fidelityError() < 0 ? "no replay"
                        : percent(s.fidelityError()) + " (" + s.fidelityThreads() + " threads)");
    }

    /** Inversion plants found with their culprit, and the planted waits reported so. */
    private static String inversions(Score s) {
        int plants = 0;
        int held = 0;
        int right = 0;
        int planted = 0;
        int absent = 0;
        for (PlantScore p : s.plants()) {
            if (!p.inversion()) continue;
            plants++;
            if (p.planted() == 0) absent++;
            if (p.held()) held++;
            right += p.right();
            planted += p.planted();
        }
        if (plants == 0) return "—";
        return held + "/" + plants + "; " + right + "/" + planted + " waits"
                + (absent > 0 ? "; " + absent + " did not occur" : "");
    }

    /** Whether the culprit's method is shown by the analysis, and whether the recording has it. */
    private static String code(Score s) {
        int right = 0;
        int shown = 0;
        int recorded = 0;
        for (PlantScore p : s.plants()) {
            if (!p.inversion()) continue;
            right += p.right();
            shown += p.codeShown();
            recorded += p.codeInRecording();
        }
        if (right == 0) return "—";
        return (shown == 0 ? "not shown" : "shown " + shown + "/" + right) + "; in holds " + recorded + "/" + right;
    }

    private static String controls(Score s) {
        int plants = 0;
        int held = 0;
        for (PlantScore p : s.plants()) {
            if (p.inversion()) continue;
            plants++;
            if (p.held()) held++;
        }
        return plants == 0 ? "—" : held + "/" + plants;
    }

    private static String deadlocks(Score s) {
        if (s.deadlockClaims() == 0 && s.replayDeadlocks().isEmpty()) return "0";
        StringBuilder b = new StringBuilder();
        if (s.deadlockClaims() > 0) b.append(s.deadlockClaims()).append(" claimed");
        if (!s.replayDeadlocks().isEmpty()) {
            if (b.length() > 0) b.append("; ");
            b.append("replay ").append(String.join(", ", s.replayDeadlocks()));
        }
        return b.toString();
    }

    static String percent(double ratio) {
        if (Double.isInfinite(ratio)) return "∞";
        double p = 100 * ratio;
        return String.format(Locale.ROOT, p >= 99.95 || p == 0 ? "%.0f%%" : "%.1f%%", p);
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) b.append(' ').append(escape(c)).append(" |");
        b.append('\n');
    }

    /** Escapes a cell: pipes, backslashes, markup characters and line breaks cannot end or style it. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '|': case '\\': case '`': case '*': case '_': case '<': case '>': case '[': case ']':
                    b.append('\\').append(ch);
                    break;
                case '\n': case '\r':
                    b.append(' ');
                    break;
                default:
                    b.append(ch);
            }
        }
        return b.toString();
    }
}
