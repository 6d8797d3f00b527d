package pxlab.samples.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import pxlab.report.Analysis;
import pxlab.sim.Deadlock;

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
        out.printf("  inversions found     %d of %d lock waits, %s of %s waiting; %s of it resolvable by proxy%n",
                s.inversions(), s.waits(), seconds(s.inversionNs()), seconds(s.waitNs()),
                percent(s.inversionResolvableNs(), s.inversionNs()));
        out.println("  proxy execution      " + proxyLine(a));
        out.println("  HTML report          " + html);
    }

    /** The inverted waiters' lock waiting replayed under none and under proxy, or why there is no such figure. */
    static String proxyLine(Analysis a) {
        if (a.replay() == null) return "nothing to replay (no lock waits)";
        for (String policy : new String[] {"none", "proxy"}) {
            var run = a.run(policy);
            Deadlock d = run == null ? null : run.result().deadlock();
            if (d != null) return "no figure: the " + policy + " replay stopped at a lock cycle (see the report)";
        }
        OptionalLong none = a.replayedLockWaitNs("none", a.invertedWaiters());
        OptionalLong proxy = a.replayedLockWaitNs("proxy", a.invertedWaiters());
        if (none.isEmpty() || proxy.isEmpty() || none.getAsLong() == 0) {
            return "no figure: the replay shows no lock waiting for the inverted threads";
        }
        long n = none.getAsLong();
        long p = proxy.getAsLong();
        return String.format("the inverted threads' lock waiting %s -> %s (%+.0f%%) in the replay", seconds(n),
                seconds(p), 100.0 * (p - n) / n);
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
