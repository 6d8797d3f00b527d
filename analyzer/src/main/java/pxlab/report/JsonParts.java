package pxlab.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import pxlab.sim.Deadlock;
import pxlab.sim.SimResult;

/**
 * What the JSON reports write alike: the generator's settings, latency statistics and a deadlock, so that
 * {@code pxlab simulate} and {@code pxlab analyze} spell them the same way.
 */
final class JsonParts {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonParts() {
    }

    /** A pretty-printing generator that leaves {@code out} open. */
    static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        return g;
    }

    /** Writes {@code {count, p50_ns, p99_ns, max_ns}}; all 0 for {@code null}. */
    static void writeStats(JsonGenerator g, SimResult.RequestStats s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("count", s == null ? 0 : s.count());
        g.writeNumberField("p50_ns", s == null ? 0 : s.p50Ns());
        g.writeNumberField("p99_ns", s == null ? 0 : s.p99Ns());
        g.writeNumberField("max_ns", s == null ? 0 : s.maxNs());
        g.writeEndObject();
    }

    /**
     * Writes the {@code deadlock} field: {@code null}, or its time, the members of the cycle and their locks.
     *
     * @param membersKey What the report calls the cycle's members ({@code tasks} or {@code threads}).
     */
    static void writeDeadlock(JsonGenerator g, Deadlock d, String membersKey) throws IOException {
        if (d == null) {
            g.writeNullField("deadlock");
            return;
        }
        g.writeObjectFieldStart("deadlock");
        g.writeNumberField("at_ns", d.atNs());
        g.writeArrayFieldStart(membersKey);
        for (String t : d.tasks()) g.writeString(t);
        g.writeEndArray();
        g.writeArrayFieldStart("locks");
        for (String l : d.locks()) g.writeString(l);
        g.writeEndArray();
        g.writeEndObject();
    }
}
