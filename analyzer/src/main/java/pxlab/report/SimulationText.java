package pxlab.report;

import java.io.PrintWriter;
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
        TextTable table = new TextTable();
        String[] head = new String[results.size() + 1];
        head[0] = "";
        for (int i = 0; i < results.size(); i++) head[i + 1] = results.get(i).policy().key();
        table.row(head);
        table.row(row("end", results, r -> Times.format(r.endNs())));
        SimResult first = results.get(0);
        for (SimResult.TaskResult t : first.tasks()) {
            String n = t.name();
            table.row("task " + n);
            table.row(row("  finished", results, r -> task(r, n).finished() ? Times.format(task(r, n).finishedNs()) : "-"));
            table.row(row("  cpu", results, r -> Times.format(task(r, n).cpuNs())));
            if (results.stream().anyMatch(r -> task(r, n).spinNs() > 0))
                table.row(row("  spin", results, r -> Times.format(task(r, n).spinNs())));
            table.row(row("  lock wait", results, r -> Times.format(task(r, n).lockWaitNs())));
            table.row(row("  runnable wait", results, r -> Times.format(task(r, n).runnableWaitNs())));
            table.row(row("  migrations", results, r -> Integer.toString(task(r, n).migrations())));
            for (SimResult.RequestStats q : t.requests()) {
                String rn = q.name();
                table.row(row("  " + rn + " count", results, r -> Long.toString(req(r, n, rn).count())));
                table.row(row("  " + rn + " p50", results, r -> Times.format(req(r, n, rn).p50Ns())));
                table.row(row("  " + rn + " p99", results, r -> Times.format(req(r, n, rn).p99Ns())));
                table.row(row("  " + rn + " max", results, r -> Times.format(req(r, n, rn).maxNs())));
            }
        }
        for (SimResult.LockResult l : first.locks()) {
            String n = l.name();
            table.row("lock " + n);
            table.row(row("  acquisitions", results, r -> Long.toString(r.lock(n).orElseThrow().acquisitions())));
            table.row(row("  contended", results, r -> Long.toString(r.lock(n).orElseThrow().contended())));
            table.row(row("  wait", results, r -> Times.format(r.lock(n).orElseThrow().waitNs())));
        }
        table.print(out, "");
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
}
