package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import pxlab.scenario.Scenario;
import pxlab.scenario.ScenarioException;
import pxlab.scenario.ScenarioParser;

/**
 * Each scenario in examples/ holds the outcome its header comment states.
 */
class ExamplesTest {

    static final long MS = 1_000_000;

    static Scenario example(String name) throws ScenarioException {
        return ScenarioParser.parse(Path.of("..", "examples", name));
    }

    static SimResult run(Scenario s, Policy p) {
        return Simulator.runChecked(s.workload(), s.config(), p, ScheduleSink.NONE);
    }

    static long fg(SimResult r) {
        return r.task("fg").orElseThrow().finishedNs();
    }

    @Test
    void inversion1cpu_noneAndInheritWaitPastTheHogProxyFinishesBefore20ms() throws Exception {
        Scenario s = example("inversion-1cpu.yaml");
        assertTrue(fg(run(s, Policy.NONE)) > 150 * MS, "none");
        assertTrue(fg(run(s, Policy.INHERIT)) > 150 * MS, "inherit");
        assertTrue(fg(run(s, Policy.PROXY)) < 20 * MS, "proxy");
    }

    @Test
    void rtInherit_noneAt111msInheritAndProxyAt12ms() throws Exception {
        Scenario s = example("rt-inherit.yaml");
        assertEquals(111 * MS, fg(run(s, Policy.NONE)));
        assertEquals(12 * MS, fg(run(s, Policy.INHERIT)));
        assertEquals(12 * MS, fg(run(s, Policy.PROXY)));
    }

    @Test
    void backgroundGroup_proxyCutsWorstRenameAtLeast5x() throws Exception {
        Scenario s = example("background-group.yaml");
        long none = run(s, Policy.NONE).task("fg").orElseThrow().request("rename").orElseThrow().maxNs();
        long proxy = run(s, Policy.PROXY).task("fg").orElseThrow().request("rename").orElseThrow().maxNs();
        assertTrue(none >= 5 * proxy, "worst rename: none " + none + "ns, proxy " + proxy + "ns");
        // The published shape: tens to hundreds of ms without proxy execution, a few ms with it.
        assertTrue(none > 50 * MS, "none " + none);
        assertTrue(proxy < 20 * MS, "proxy " + proxy);
    }

    @Test
    void schedMessaging_v6HandoffMarkedlySlowerThanSpinning() throws Exception {
        Scenario s = example("sched-messaging.yaml");
        long spinning = run(s, Policy.NONE).endNs();
        SimConfig v6 = s.config().withProxy(ProxyConfig.V6);
        long handoff = Simulator.runChecked(s.workload(), v6, Policy.PROXY, ScheduleSink.NONE).endNs();
        assertTrue(handoff * 2 >= spinning * 3, "v6 " + handoff + "ns vs none " + spinning + "ns");
        // Spinning keeps both CPUs busy: 8 tasks × 2000 × 20us over 2 CPUs is 160ms of demand per CPU.
        assertTrue(spinning < 170 * MS, "none " + spinning);
    }
}
