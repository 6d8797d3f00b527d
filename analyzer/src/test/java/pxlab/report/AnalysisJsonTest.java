package pxlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.testsupport.Json.get;
import static pxlab.testsupport.Json.keys;
import static pxlab.trace.TraceFixture.MS;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pxlab.analysis.Analysis;
import pxlab.replay.ReplayOptions;
import pxlab.testsupport.Json;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * {@link AnalysisJson}: the documented shape (docs/cli.md), deterministic order, and recorded strings carried
 * exactly.
 */
class AnalysisJsonTest {

    static String json(Analysis a) throws IOException {
        StringWriter out = new StringWriter();
        AnalysisJson.write(a, out);
        return out.toString();
    }

    @Test
    void topLevelFieldsComeInTheDocumentedOrder() throws IOException {
        Object doc = Json.parse(json(AnalysisFixture.analysis()));
        assertEquals(List.of("recording", "summary", "pinning", "inversions", "replay", "replay_setup", "fidelity",
                "limitations"), keys(doc));
        assertEquals(List.of("file", "cpus", "duration_ns", "threads", "agent"), keys(doc, "recording"));
        assertEquals(List.of("waits", "wait_ns", "inversions", "inversion_ns", "resolvable_ns",
                "inversion_resolvable_ns", "inversion_preempted_ns", "unknown_priority", "unclassified", "causes"),
                keys(doc, "summary"));
    }

    @Test
    void summaryAndInversionsCarryTheFigures() throws IOException {
        Object doc = Json.parse(json(AnalysisFixture.analysis()));
        assertEquals(5L, get(doc, "summary", "waits"));
        assertEquals(390 * MS, get(doc, "summary", "wait_ns"));
        assertEquals(4L, get(doc, "summary", "inversions"));
        assertEquals(310 * MS, get(doc, "summary", "inversion_resolvable_ns"));
        assertEquals(2L, get(doc, "summary", "causes", "owner-preempted", "waits"));
        Object first = get(doc, "inversions", 0);
        assertEquals(List.of("waiter", "owner", "lock", "lock_class", "kind", "cause", "wait_ns", "resolvable",
                "at_ns", "evidence", "waiter_sched", "owner_sched", "chain", "chain_end", "stack", "held_at",
                "owner_stack"), keys(first));
        assertEquals(AnalysisFixture.CULPRIT_FRAME, get(first, "held_at"));
        assertEquals(List.of(AnalysisFixture.CULPRIT_FRAME, "app.Batch.run:17", "x." + AnalysisFixture.ATTR),
                get(first, "owner_stack"));
        assertEquals(null, get(doc, "inversions", 1, "held_at"), "no hold recorded: " + get(doc, "inversions", 1));
        assertEquals("mid", get(first, "waiter"));
        assertEquals("batch", get(first, "owner"));
        assertEquals("owner-preempted", get(first, "cause"));
        assertEquals(true, get(first, "resolvable"));
        assertEquals("mutex", get(first, "kind"));
        assertEquals("SCHED_OTHER nice 19", get(first, "owner_sched"));
        Object chained = get(doc, "inversions", 2);
        assertEquals("api", get(chained, "waiter"));
        assertEquals("owner-blocked", get(chained, "cause"));
        assertEquals(List.of("batch"), get(chained, "chain"));
        assertEquals("owner-preempted", get(chained, "chain_end"));
    }

    @Test
    void replayHasEachPolicyWithThreadsSortedByName() throws IOException {
        Object doc = Json.parse(json(AnalysisFixture.analysis()));
        assertEquals(List.of("none", "inherit", "proxy"), keys(doc, "replay"));
        List<String> threads = keys(doc, "replay", "proxy", "threads");
        assertEquals(threads.stream().sorted().toList(), threads);
        assertEquals(15 * MS, get(doc, "replay", "proxy", "threads", "api", "lock_wait_ns"));
        assertEquals(27 * MS, get(doc, "replay", "proxy", "threads", "api", "requests", "app.Api#handle", "p99_ns"));
        assertEquals(List.of("count", "p50_ns", "p99_ns", "max_ns"), keys(doc, "replay", "none", "threads", "mid",
                "waits"));
        assertEquals(200 * MS, get(doc, "replay_setup", "to_ns"));
        assertEquals("mainline", get(doc, "replay_setup", "proxy_preset"));
        assertEquals(new BigDecimal("0.0256"), get(doc, "fidelity", "relative_error"));
        assertEquals(20 * MS, get(doc, "fidelity", "threads", "worker-1", "replayed_ns"));
    }

    @Test
    void hostileNamesRoundTripExactly() throws IOException {
        String text = json(AnalysisFixture.analysis());
        Object doc = Json.parse(text);
        assertTrue(keys(doc, "replay", "none", "threads").contains(AnalysisFixture.SCRIPT));
        assertEquals(AnalysisFixture.IMG, get(doc, "inversions", 1, "waiter"));
    }

    @Test
    void sameAnalysisGivesByteIdenticalOutput() throws IOException {
        assertEquals(json(AnalysisFixture.analysis()), json(AnalysisFixture.analysis()));
    }

    @Test
    void withoutReplayTheReplayIsEmptyAndFidelityNull() throws IOException {
        Trace t = new TraceFixture().nice("a", 0).build();
        Object doc = Json.parse(json(Analysis.of(t, AnalysisFixture.found(t), null, ReplayOptions.DEFAULT, 0)));
        assertEquals(Map.of(), get(doc, "replay"));
        assertNull(get(doc, "replay_setup"));
        assertNull(get(doc, "fidelity"));
        assertEquals(0L, get(doc, "summary", "waits"));
        assertEquals(List.of(), get(doc, "inversions"));
    }

    @Test
    void relativeErrorIsRoundedToFourDecimals() {
        assertEquals("0.0256", AnalysisJson.rounded(10 / 390.0).toPlainString());
        assertEquals("0.0000", AnalysisJson.rounded(0).toPlainString());
        assertEquals("-1", AnalysisJson.rounded(Double.NaN).toPlainString());
    }
}
