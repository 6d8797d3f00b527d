package pxlab.report;

import static pxlab.trace.TraceFixture.MS;
import static pxlab.trace.TraceFixture.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pxlab.analysis.Analysis;
import pxlab.inversion.InversionFinder;
import pxlab.inversion.Inversions;
import pxlab.jfr.RequestEvent;
import pxlab.replay.ReplayOptions;
import pxlab.replay.ReplayResult;
import pxlab.sim.Policy;
import pxlab.sim.SimResult;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * A small recording and a replay result built by hand, for the report tests: one wait of each cause, three of them
 * inversions, and two threads whose names are attacks on an HTML page.
 *
 * <pre>
 *   fg&lt;img…&gt; (nice 0)     waits 10..110 ms for lock 1, held by bg (nice 19), preempted    inversion, resolvable
 *   &lt;/script&gt;… (nice -5)  waits 20..70 ms for lock 2, held by sleeper (nice 10), asleep  inversion
 *   worker-1 (nice 0)     waits 30..60 ms for lock 3, held by worker-2 (nice 0), running
 *   api (nice -10)        waits 40..140 ms for lock 4, held by mid (nice 0), which waits
 *   mid (nice 0)          35..145 ms for lock 5, held by batch (nice 19), preempted         both inversions, resolvable
 * </pre>
 * batch's hold of lock 5 is recorded with its code ({@link #CULPRIT_FRAME}), and one frame that is an attack too.
 */
final class AnalysisFixture {

    /** A name that would be an element with a handler if it were not escaped. */
    static final String IMG = "fg<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">";
    /** A name that would close the page's script and open one of its own. */
    static final String SCRIPT = "</script><script>document.documentElement.setAttribute('data-pwned','script')"
            + "</script>";
    /** A name that would leave an attribute value and add a handler. */
    static final String ATTR = "\"'><svg onload=\"document.documentElement.setAttribute('data-pwned','attr')\">";
    /** Where batch, the culprit of the longest inversion, held its lock. */
    static final String CULPRIT_FRAME = "app.Batch.compact:42";
    /** The replay window: the first 200 ms. */
    static final long WINDOW_NS = 200 * MS;

    private AnalysisFixture() {
    }

    /** The trace described above. */
    static Trace trace() {
        TraceFixture f = new TraceFixture()
                .nice(IMG, 0).nice("bg", 19).nice(SCRIPT, -5).nice("sleeper", 10).nice("worker-1", 0)
                .nice("worker-2", 0).nice("api", -10).nice("mid", 0).nice("batch", 19)
                .waitFor(IMG, "bg", 1, 10, 110, 5, 90)
                .waitFor(SCRIPT, "sleeper", 2, 20, 70, 1, 0)
                .waitFor("worker-1", "worker-2", 3, 30, 60, 28, 1)
                .waitFor("api", "mid", 4, 40, 140, 0, 1)
                .waitFor("mid", "batch", 5, 35, 145, 5, 95)
                .hold("batch", 5, 30, 146, 5, 100, List.of(CULPRIT_FRAME, "app.Batch.run:17", "x." + ATTR));
        f.builder().request(new RequestEvent(TraceFixture.ms(38), TraceFixture.ms(150), f.thread("api"),
                "app.Api#handle", false));
        f.thread(ATTR);   // known to the trace only through the replay's schedule
        return f.build();
    }

    /** What the finder makes of it. */
    static Inversions found(Trace t) {
        return InversionFinder.find(t);
    }

    /** A replay of the first 200 ms on 2 CPUs in which proxy execution shortens the resolvable waits. */
    static ReplayResult replay(Trace t) {
        Map<String, long[]> none = Map.of(IMG, new long[]{100, 20, 3, 40, 100}, SCRIPT, new long[]{50, 1, 50, 50, 50},
                "worker-1", new long[]{30, 1, 30, 30, 30}, "api", new long[]{100, 1, 100, 100, 100},
                "mid", new long[]{110, 1, 110, 110, 110}, ATTR, new long[]{0, 0, 0, 0, 0});
        Map<String, long[]> proxy = Map.of(IMG, new long[]{12, 20, 1, 5, 9}, SCRIPT, new long[]{50, 1, 50, 50, 50},
                "worker-1", new long[]{30, 1, 30, 30, 30}, "api", new long[]{15, 1, 15, 15, 15},
                "mid", new long[]{14, 1, 14, 14, 14}, ATTR, new long[]{0, 0, 0, 0, 0});
        List<ReplayResult.PolicyRun> runs = List.of(run(Policy.NONE, none, false),
                run(Policy.INHERIT, none, false), run(Policy.PROXY, proxy, true));
        Map<String, long[]> recorded = Map.of(IMG, new long[]{100, 1, 100, 100, 100}, SCRIPT, new long[]{50, 1, 50, 50, 50},
                "worker-1", new long[]{30, 1, 30, 30, 30}, "api", new long[]{100, 1, 100, 100, 100},
                "mid", new long[]{110, 1, 110, 110, 110});
        ReplayResult.Fidelity fidelity = new ReplayResult.Fidelity(390 * MS, 380 * MS, 10 * MS, List.of(
                new ReplayResult.ThreadFidelity(SCRIPT, 50 * MS, 50 * MS),
                new ReplayResult.ThreadFidelity("api", 100 * MS, 100 * MS),
                new ReplayResult.ThreadFidelity(IMG, 100 * MS, 100 * MS),
                new ReplayResult.ThreadFidelity("mid", 110 * MS, 110 * MS),
                new ReplayResult.ThreadFidelity("worker-1", 30 * MS, 20 * MS)));
        return new ReplayResult(2, t.startNs(), t.startNs() + WINDOW_NS, run(null, recorded, false), runs,
                fidelity, List.of("1 replayed threads have no recorded CPU time; between their lock operations they"
                        + " only slept.", "No jdk.CPUInformation event: the recording machine's CPU count is unknown."));
    }

    /** The whole analysis, with the options' defaults and a top of 10. */
    static Analysis analysis() {
        Trace t = trace();
        return Analysis.of(t, found(t), replay(t), ReplayOptions.DEFAULT, 10);
    }

    /** Per thread {lock wait ms, waits, p50 ms, p99 ms, max ms}. */
    private static ReplayResult.PolicyRun run(Policy policy, Map<String, long[]> figures, boolean proxied) {
        List<ReplayResult.ThreadRun> threads = new ArrayList<>();
        for (Map.Entry<String, long[]> e : figures.entrySet()) {
            long[] v = e.getValue();
            List<SimResult.RequestStats> requests = e.getKey().equals("api")
                    ? List.of(new SimResult.RequestStats("app.Api#handle", 1, (v[0] + 12) * MS, (v[0] + 12) * MS,
                    (v[0] + 12) * MS)) : List.of();
            threads.add(new ReplayResult.ThreadRun(e.getKey(), v[0] * MS,
                    new SimResult.RequestStats("wait", v[1], v[2] * MS, v[3] * MS, v[4] * MS), requests));
        }
        threads.sort((a, b) -> a.thread().compareTo(b.thread()));
        if (policy == null) return new ReplayResult.PolicyRun(null, null, threads, List.of());
        SimResult result = new SimResult(policy, WINDOW_NS, null, List.of(), List.of(), 1000);
        return new ReplayResult.PolicyRun(policy, result, threads, schedule(proxied));
    }

    /**
     * CPU 0 alternates a hog with bg and the attacker-named threads in 4 ms slices; CPU 1 runs batch, mid and the
     * workers. Under proxy, bg runs for the fg donor and batch for api, early in the window.
     */
    private static List<ReplayResult.Slice> schedule(boolean proxied) {
        List<ReplayResult.Slice> out = new ArrayList<>();
        String[] cpu0 = {"hog", "bg", "hog", ATTR, "hog", SCRIPT};
        String[] cpu1 = {"batch", "worker-2", "mid", "worker-1", "batch", "hog-2"};
        for (long t = 0, i = 0; t < WINDOW_NS; t += 4 * MS, i++) {
            String a = cpu0[(int) (i % cpu0.length)];
            String b = cpu1[(int) (i % cpu1.length)];
            boolean boost = proxied && t >= 10 * MS && t < 22 * MS;
            if (t < 148 * MS || t >= 160 * MS) out.add(new ReplayResult.Slice(0, t, t + 4 * MS - 50_000, boost ? "bg" : a, boost ? IMG : a));
            boolean chain = proxied && t >= 40 * MS && t < 52 * MS;
            out.add(new ReplayResult.Slice(1, t, t + (i % 3 == 0 ? 2 : 4) * MS, chain ? "batch" : b,
                    chain ? "api" : b));
        }
        for (long t = 150 * MS; t < 160 * MS; t += 1_000) {   // many intervals far narrower than a pixel
            out.add(new ReplayResult.Slice(0, t, t + 400, "tiny", "tiny"));
        }
        return out;
    }
}
