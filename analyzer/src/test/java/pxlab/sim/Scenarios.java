package pxlab.sim;

import java.util.ArrayList;
import java.util.List;
import pxlab.scenario.Scenario;
import pxlab.scenario.ScenarioException;
import pxlab.scenario.ScenarioParser;

/** Test helpers: scenarios written inline as YAML, run with the invariant checks on. */
final class Scenarios {

    private Scenarios() {
    }

    static Scenario parse(String yaml) {
        try {
            return ScenarioParser.parse(yaml, "test.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static SimResult run(String yaml, Policy policy) {
        Scenario s = parse(yaml);
        return Simulator.runChecked(s.workload(), s.config(), policy, ScheduleSink.NONE);
    }

    static SimResult run(String yaml, Policy policy, ProxyConfig proxy) {
        Scenario s = parse(yaml);
        return Simulator.runChecked(s.workload(), s.config().withProxy(proxy), policy, ScheduleSink.NONE);
    }

    /** One recorded schedule interval. */
    record Interval(int cpu, long startNs, long endNs, String task, String donor) {
    }

    static List<Interval> schedule(String yaml, Policy policy, ProxyConfig proxy) {
        Scenario s = parse(yaml);
        List<Interval> out = new ArrayList<>();
        Simulator.runChecked(s.workload(), s.config().withProxy(proxy), policy,
                (cpu, a, b, t, d) -> out.add(new Interval(cpu, a, b, t, d)));
        return out;
    }

    static long finished(SimResult r, String task) {
        return r.task(task).orElseThrow().finishedNs();
    }

    static final long MS = 1_000_000;
}
