package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.WaitClass;

/** A real third-party server under the agent: Jetty's request threads wait for a preempted nice-19 updater. */
class JettyIT {

    @TempDir
    static Path dir;

    @Test
    void jettyRequestThreadsWaitForPreemptedUpdater() throws Exception {
        SampleRun run = SampleRun.withAgent(dir, "jetty", System.getProperty("java.class.path"),
                "pxlab.samples.PriceHandler#handle", JettyApp.class.getName(), "4");
        run.assertOk();
        Analysis a = run.analyse();
        String all = a.waits().stream().map(SampleRun::describe).collect(Collectors.joining("\n"));
        List<ClassifiedWait> found = a.inversions().stream()
                .filter(c -> c.lockWait().waiter().name().startsWith("qtp") && c.owner() != null
                        && c.owner().name().equals("price-updater"))
                .collect(Collectors.toList());
        assertFalse(found.isEmpty(), "no inversion of a Jetty thread behind price-updater:\n" + all);
        assertTrue(found.stream().anyMatch(c -> c.waitClass() == WaitClass.OWNER_PREEMPTED && c.resolvableByProxy()),
                all);
        assertTrue(a.requests().stream().anyMatch(r -> r.name().equals("pxlab.samples.PriceHandler#handle")),
                "the agent timed Jetty's calls of the handler");
    }
}
