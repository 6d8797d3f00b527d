package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pxlab.samples.demo.SampleResult;

/** The RESULT line the samples print and the demo reads. */
class SampleResultTest {

    @Test
    void resultLineIsFoundAmongOtherOutput() {
        SampleResult r = SampleResult.find(List.of("starting",
                "RESULT sample=request-service requests=12 p50_ms=0.038 p99_ms=3.363 max_ms=1116.962 refreshes=3"))
                .orElseThrow();
        assertEquals("request-service", r.values().get("sample"));
        assertEquals(3.363, r.number("p99_ms"));
        assertTrue(Double.isNaN(r.number("missing")));
    }

    @Test
    void latenciesPrintNearestRankPercentiles() {
        Latencies l = new Latencies();
        for (int i = 1; i <= 100; i++) l.record(i * 1_000_000L);
        SampleResult r = SampleResult.find(List.of(l.result("s", "x=1"))).orElseThrow();
        assertEquals(100, r.number("requests"));
        assertEquals(50.0, r.number("p50_ms"));
        assertEquals(99.0, r.number("p99_ms"));
        assertEquals(100.0, r.number("max_ms"));
        assertEquals("1", r.values().get("x"));
    }

    @Test
    void noResultLineIsEmpty() {
        assertTrue(SampleResult.find(List.of("no result")).isEmpty());
    }
}
