package pxlab.samples.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import pxlab.analysis.Analysis;
import pxlab.replay.ReplayResult;
import pxlab.report.AnalysisText;
import pxlab.sim.Deadlock;
import pxlab.sim.Policy;

/**
 * The demo's closing lines: what the app measured, what the analysis found, what proxy execution would change and
 * where the report is. Every figure comes from {@link Analysis} or the sample's RESULT line; nothing is recomputed.
 */
final class Headline {

    private Headline() {
    }

    static void write(PrintWriter out, SampleResult app, Analysis a, Path html) {
        out.println();
        out.printf("  foreground requests  %.0f served, p99 %s, max %s (measured in the app)%n",
                app.number("requests"), ms(app.number("p99_ms")), ms(app.number("max_ms")));
        Analysis.Summary s = a.summary();
        out.printf("  inversions found     %d of %d lock waits, %s of %s waiting%s%n", s.inversions(), s.waits(),
                seconds(s.inversionNs()), seconds(s.waitNs()), causes(s));
        out.println("  owners preempted     " + seconds(s.inversionPreemptedNs()) + " inside those waits (measured:"
                + " the most proxy execution could give back)");
        out.println("  proxy execution      " + proxyLine(a));
        out.println("  HTML report          " + html);
    }

    /**
     * How much of the inversion time proxy execution would resolve (the finder's figure), then the inverted
     * waiters' lock waiting replayed under none and under proxy, or why the replay gives no such figure.
     */
    static String proxyLine(Analysis a) {
        Analysis.Summary s = a.summary();
        String finder = "would resolve " + seconds(s.inversionResolvableNs()) + " ("
                + percent(s.inversionResolvableNs(), s.inversionNs()) + ") of it; ";
        if (a.replay() == null) return finder + "nothing to replay";
        for (Policy policy : List.of(Policy.NONE, Policy.PROXY)) {
            var run = a.run(policy);
            Deadlock d = run == null ? null : run.result().deadlock();
            if (d != null) return finder + "replay: no figure (stopped at a lock cycle)";
        }
        ReplayResult.Verdict verdict = a.whatIf();
        if (!verdict.trusted()) return finder + "replay: what-if withheld (" + verdict.reason() + ")";
        OptionalLong none = a.replayedLockWaitNs(Policy.NONE, a.invertedWaiters());
        OptionalLong proxy = a.replayedLockWaitNs(Policy.PROXY, a.invertedWaiters());
        if (none.isEmpty() || proxy.isEmpty() || none.getAsLong() == 0) {
            return finder + "replay: no figure (no lock waiting replayed)";
        }
        long n = none.getAsLong();
        long p = proxy.getAsLong();
        return finder + String.format("replay (%s off the recording per thread): their lock waiting %s -> %s"
                + " (%+.0f%%)", AnalysisText.error(a.replay().fidelity()), seconds(n), seconds(p), 100.0 * (p - n) / n);
    }

    /** What the owners did in all the waits, e.g. "; causes: owner-preempted 6"; empty when nothing is known. */
    private static String causes(Analysis.Summary s) {
        StringBuilder b = new StringBuilder();
        for (Analysis.CauseTotal c : s.causes()) {
            if (c.waits() == 0) continue;
            b.append(b.length() == 0 ? "; causes: " : ", ").append(c.cause().key()).append(' ').append(c.waits());
        }
        return b.toString();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "?" : v >= 1000 ? String.format("%.2f s", v / 1000) : String.format("%.1f ms", v);
    }

    private static String seconds(long ns) {
        return ns >= 1_000_000_000L ? String.format("%.2f s", ns / 1e9) : String.format("%.1f ms", ns / 1e6);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format("%.0f%%", 100.0 * part / whole);
    }
}
