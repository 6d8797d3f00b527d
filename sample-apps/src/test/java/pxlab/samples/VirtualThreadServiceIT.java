package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.analysis.Analysis;
import pxlab.report.AnalysisText;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;

/** Sample 6: virtual threads pinned to their carriers (JDK 21+); on JDK 17 one line and exit 2. */
class VirtualThreadServiceIT {

    static final String REQUESTS = "pxlab.samples.VirtualThreadService#handle";

    @TempDir
    static Path dir;

    @Test
    void pinnedVirtualThreadsAreInTheTrace() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        SampleRun run = SampleRun.sample(dir, VirtualThreadService.class, REQUESTS, "--duration", "3s");
        Trace trace = run.trace();
        List<ThreadTimeline> pinned = trace.threads().stream()
                .filter(t -> t.thread().virtual() && !t.pinned().isEmpty()).collect(Collectors.toList());
        assertFalse(pinned.isEmpty(), "no pinned virtual thread in " + trace);
        long longest = pinned.stream().flatMap(t -> t.pinned().stream())
                .mapToLong(i -> i.endNs() - i.startNs()).max().orElseThrow();
        // The rate table's class initializer blocks for --load (300 ms); its callers stay pinned that long.
        assertTrue(longest >= 100_000_000L, "longest pinned interval " + longest + " ns");
        assertTrue(run.result().number("requests") > 0, run.stdout().toString());
        assertPinningReported(run.analyse(), longest);
    }

    /** The analysis sums the pinning and the text report says so in its headline. */
    static void assertPinningReported(Analysis a, long longestInTrace) {
        Analysis.Pinning p = a.pinning();
        assertTrue(p.count() > 0 && p.threadCount() > 0, "pinning " + p);
        assertEquals(longestInTrace, p.longestNs(), "pinning " + p);
        assertTrue(p.totalNs() >= p.longestNs(), "pinning " + p);
        StringWriter text = new StringWriter();
        AnalysisText.write(a, new PrintWriter(text));
        String line = text.toString().lines().filter(l -> l.startsWith("Virtual threads pinned to their carriers: "))
                .findFirst().orElse(null);
        assertTrue(line != null && line.contains(p.longestThread()), text.toString());
        System.out.println("sample 6: " + line);
    }

    @Test
    void onJdk17SaysItNeedsJdk21() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "this JDK has virtual threads");
        String classes = Path.of(VirtualThreadService.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        SampleRun run = SampleRun.withAgent(dir, "vt17", classes, REQUESTS, VirtualThreadService.class.getName());
        assertEquals(2, run.exit());
        assertTrue(run.stderr().contains("virtual-thread-service: needs JDK 21 or newer"), run.stderr());
    }
}
