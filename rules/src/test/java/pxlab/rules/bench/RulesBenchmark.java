package pxlab.rules.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.jdk.latency.JavaBlockingRule;

/**
 * Times the pxlab rules against JMC's JavaBlocking rule on one large recording (docs/BENCHMARKS.md):
 * {@code java -cp ... pxlab.rules.bench.RulesBenchmark EVENTS FILE.jfr [RUNS]}; writes FILE with
 * {@link ContendedRecording} when it does not exist. Each run loads the file afresh (not timed: JMC does that once
 * for every rule), evaluates JavaBlocking, then the four pxlab rules one after another, as one thread of JMC's
 * engine would. The first pxlab rule pays for the shared model (the trace and the classification).
 */
public final class RulesBenchmark {

    private RulesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            ContendedRecording.write(events, file);
            System.out.printf(Locale.ROOT, "wrote %s (%d MB) in %.1f s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - t0) / 1e9);
        }
        List<IRule> pxlab = new ArrayList<>();
        for (IRule r : ServiceLoader.load(IRule.class)) {
            if (r.getId().startsWith("Pxlab")) pxlab.add(r);
        }
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            IItemCollection items = JfrLoaderToolkit.loadEvents(new File(file.toString()));
            long loadNs = System.nanoTime() - t0;
            if (run == 1) {
                System.out.printf(Locale.ROOT, "jdk.JavaMonitorEnter %d, pxlab.LockWait %d%n",
                        items.apply(ItemFilters.type("jdk.JavaMonitorEnter")).stream().mapToLong(i -> i.getItemCount()).sum(),
                        items.apply(ItemFilters.type("pxlab.LockWait")).stream().mapToLong(i -> i.getItemCount()).sum());
            }
            long blockingNs = time(new JavaBlockingRule(), items);
            StringBuilder each = new StringBuilder();
            long pxlabNs = 0;
            for (IRule r : pxlab) {
                long ns = time(r, items);
                pxlabNs += ns;
                each.append(String.format(Locale.ROOT, " %s %.0f ms", r.getId(), ns / 1e6));
            }
            System.out.printf(Locale.ROOT, "run %d: load %.0f ms, JavaBlocking %.0f ms, pxlab rules %.0f ms (%.2fx):%s%n",
                    run, loadNs / 1e6, blockingNs / 1e6, pxlabNs / 1e6, pxlabNs / (double) blockingNs, each);
        }
    }

    private static long time(IRule rule, IItemCollection items) throws Exception {
        long t0 = System.nanoTime();
        var f = rule.createEvaluation(items, IPreferenceValueProvider.DEFAULT_VALUES, null);
        f.run();
        IResult r = f.get();
        long ns = System.nanoTime() - t0;
        if (r == null) throw new IllegalStateException(rule.getId());
        return ns;
    }
}
