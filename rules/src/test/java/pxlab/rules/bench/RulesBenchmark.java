package pxlab.rules.bench;

import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.jdk.latency.JavaBlockingRule;

/**
 * Times the pxlab rules against JMC's JavaBlocking rule on one large recording (docs/BENCHMARKS.md):
 * {@code java -cp ... pxlab.rules.bench.RulesBenchmark EVENTS FILE.jfr [RUNS [MIN_WAIT_NS]]}; writes FILE with
 * {@link ContendedRecording} when it does not exist. Each run loads the file afresh (not timed: JMC does that once
 * for every rule), evaluates JavaBlocking, then the four pxlab rules one after another, as one thread of JMC's
 * engine would. The first pxlab rule pays for the shared model (the trace and {@code pxlab analyze}'s analysis of
 * it, replay included).
 *
 * <p>{@code MIN_WAIT_NS} sets the pxlab rules' {@code pxlab.wait.min} (default 0, every wait): above 0 the rules
 * count fewer waits, but the analysis still classifies and replays them all.
 *
 * <p>Next to wall time, each side's cost in machine terms, which a busy machine disturbs less: the evaluating
 * thread's CPU time, the whole process's CPU time (the collector's threads and the JIT included), the collector's
 * pause time and the bytes the thread allocated.
 */
public final class RulesBenchmark {

    private RulesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        IPreferenceValueProvider prefs = args.length > 3 ? minWait(Long.parseLong(args[3]))
                : IPreferenceValueProvider.DEFAULT_VALUES;
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
            Cost blocking = new Cost();
            long blockingNs = time(new JavaBlockingRule(), items, IPreferenceValueProvider.DEFAULT_VALUES);
            blocking.stop();
            StringBuilder each = new StringBuilder();
            Cost rules = new Cost();
            long pxlabNs = 0;
            for (IRule r : pxlab) {
                long ns = time(r, items, prefs);
                pxlabNs += ns;
                each.append(String.format(Locale.ROOT, " %s %.0f ms", r.getId(), ns / 1e6));
            }
            rules.stop();
            System.out.printf(Locale.ROOT, "run %d: load %.0f ms, JavaBlocking %.0f ms, pxlab rules %.0f ms (%.2fx):%s%n",
                    run, loadNs / 1e6, blockingNs / 1e6, pxlabNs / 1e6, pxlabNs / (double) blockingNs, each);
            System.out.printf(Locale.ROOT, "  cost %d: JavaBlocking %s; pxlab rules %s%n", run, blocking, rules);
        }
    }

    /** The default preferences, but {@code pxlab.wait.min}. */
    private static IPreferenceValueProvider minWait(long ns) {
        return new IPreferenceValueProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getPreferenceValue(TypedPreference<T> p) {
                return p.getIdentifier().equals("pxlab.wait.min") ? (T) UnitLookup.NANOSECOND.quantity(ns)
                        : p.getDefaultValue();
            }
        };
    }

    private static long time(IRule rule, IItemCollection items, IPreferenceValueProvider prefs) throws Exception {
        long t0 = System.nanoTime();
        var f = rule.createEvaluation(items, prefs, null);
        f.run();
        IResult r = f.get();
        long ns = System.nanoTime() - t0;
        if (r == null) throw new IllegalStateException(rule.getId());
        return ns;
    }

    /** What an evaluation cost besides wall time, from construction to {@link #stop()}. */
    private static final class Cost {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final long threadCpuNs = THREADS.getCurrentThreadCpuTime();
        private final long processCpuNs = OS.getProcessCpuTime();
        private final long gcMs = gcMs();
        private final long allocated = THREADS.getCurrentThreadAllocatedBytes();
        private String text;

        void stop() {
            text = String.format(Locale.ROOT, "thread CPU %.0f ms, process CPU %.0f ms, GC pauses %d ms, allocated %d MB",
                    (THREADS.getCurrentThreadCpuTime() - threadCpuNs) / 1e6, (OS.getProcessCpuTime() - processCpuNs) / 1e6,
                    gcMs() - gcMs, (THREADS.getCurrentThreadAllocatedBytes() - allocated) >> 20);
        }

        private static long gcMs() {
            long ms = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += gc.getCollectionTime();
            return ms;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
