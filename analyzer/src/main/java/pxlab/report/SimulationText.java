package pxlab.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import pxlab.sim.LockMode;
import pxlab.sim.SimResult;

/**
 * Writes a {@link Simulation} as a table with one column per policy, so the policies read side by side.
 */
public final class SimulationText {

    private SimulationText() {
    }

    /**
     * Writes the report.
     *
     * @param sim The simulation.
     * @param out Where to write; flushed, not closed.
     */
    public static void write(Simulation sim, PrintWriter out) {
        List<SimResult> results = sim.results();
        LockMode proxyLockMode = sim.config().proxy().lockMode();   // only an override
        out.printf("scenario %s: %d CPU%s, lock mode %s; proxy preset %s%s%n", sim.source(), sim.cpus(),
                sim.cpus() == 1 ? "" : "s", sim.config().lockMode().key(), sim.config().proxy().presetName(),
                proxyLockMode == null ? "" : ", lock mode " + proxyLockMode.key());
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[results.size() + 1];
        head[0] = "";
        for (int i = 0; i < results.size(); i++) head[i + 1] = results.get(i).policy().key();
        rows.add(head);
        rows.add(row("end", results, r -> Times.format(r.endNs())));
        SimResult first = results.get(0);
        for (SimResult.TaskResult t : first.tasks()) {
            String n = t.name();
            rows.add(new String[]{"task " + n});
            rows.add(row("  finished", results, r -> task(r, n).finished() ? Times.format(task(r, n).finishedNs()) : "-"));
            rows.add(row("  cpu", results, r -> Times.format(task(r, n).cpuNs())));
            if (results.stream().anyMatch(r -> task(r, n).spinNs() > 0))
                rows.add(row("  spin", results, r -> Times.format(task(r, n).spinNs())));
            rows.add(row("  lock wait", results, r -> Times.format(task(r, n).lockWaitNs())));
            rows.add(row("  runnable wait", results, r -> Times.format(task(r, n).runnableWaitNs())));
            rows.add(row("  migrations", results, r -> Integer.toString(task(r, n).migrations())));
            for (SimResult.RequestStats q : t.requests()) {
                String rn = q.name();
                rows.add(row("  " + rn + " count", results, r -> Long.toString(req(r, n, rn).count())));
                rows.add(row("  " + rn + " p50", results, r -> Times.format(req(r, n, rn).p50Ns())));
                rows.add(row("  " + rn + " p99", results, r -> Times.format(req(r, n, rn).p99Ns())));
                rows.add(row("  " + rn + " max", results, r -> Times.format(req(r, n, rn).maxNs())));
            }
        }
        for (SimResult.LockResult l : first.locks()) {
            String n = l.name();
            rows.add(new String[]{"lock " + n});
            rows.add(row("  acquisitions", results, r -> Long.toString(r.lock(n).orElseThrow().acquisitions())));
            rows.add(row("  contended", results, r -> Long.toString(r.lock(n).orElseThrow().contended())));
            rows.add(row("  wait", results, r -> Times.format(r.lock(n).orElseThrow().waitNs())));
        }
        printTable(rows, out);
        for (SimResult r : results) {
            if (r.deadlock() != null) {
                out.printf("deadlock under %s at %s: %s%n", r.policy().key(), Times.format(r.deadlock().atNs()),
                        r.deadlock().describe());
            }
        }
        out.flush();
    }

    private static SimResult.TaskResult task(SimResult r, String name) {
        return r.task(name).orElseThrow();
    }

    private static SimResult.RequestStats req(SimResult r, String task, String name) {
        return task(r, task).request(name).orElse(new SimResult.RequestStats(name, 0, 0, 0, 0));
    }

    private static String[] row(String label, List<SimResult> results, java.util.function.Function<SimResult, String> cell) {
        String[] row = new String[results.size() + 1];
        row[0] = label;
        for (int i = 0; i < results.size(); i++) row[i + 1] = cell.apply(results.get(i));
        return row;
    }

    private static void printTable(List<String[]> rows, PrintWriter out) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            if (r.length == 1) continue;   // section headings may be wider than the label column
            for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c == 0) sb.append(pad(r[c], width[0], false));
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
