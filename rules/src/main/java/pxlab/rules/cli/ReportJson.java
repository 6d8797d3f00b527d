package pxlab.rules.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.IUnit;
import org.openjdk.jmc.common.unit.KindOfQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * Writes a {@link RuleReport} as JSON with a real JSON writer (Jackson's generator, which escapes every string), in
 * the shape docs/cli.md documents: JMC's report shape (a list of reports, each a file and its rules), with a
 * {@code null} score where a result has none and every rule's typed results as numbers.
 *
 * <p>It replaces JMC's {@code json.xslt}, whose output does not parse: {@code "score": ,} for a result without a
 * score, a trailing comma when no rule reaches the minimum severity, and summaries not escaped.
 */
final class ReportJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    /**
     * Writes the report.
     *
     * @param report  The report.
     * @param verbose Whether to add each result's explanation, solution and events.
     * @param out     Where to write; flushed, not closed.
     */
    static void write(RuleReport report, boolean verbose, Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringField("file", report.file());
        g.writeArrayFieldStart("rules");
        for (RuleReport.Rule r : report.rules()) rule(g, r, verbose);
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeRaw('\n');
        g.flush();
    }

    private static void rule(JsonGenerator g, RuleReport.Rule r, boolean verbose) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("name", r.name());
        if (r.error() != null) {
            g.writeStringField("error", r.error());
            g.writeEndObject();
            return;
        }
        g.writeStringField("severity", r.severity().name().toLowerCase(Locale.ROOT));
        g.writeFieldName("score");
        if (r.score() == null) g.writeNull();
        else g.writeNumber(r.score().doubleValueIn(UnitLookup.NUMBER_UNITY));
        g.writeStringField("summary", r.summary());
        if (verbose) {
            g.writeStringField("explanation", r.explanation());
            g.writeStringField("solution", r.solution());
        }
        g.writeObjectFieldStart("results");
        for (RuleReport.Value v : r.results()) {
            g.writeObjectFieldStart(v.id());
            value(g, v);
            g.writeStringField("text", v.text());
            g.writeEndObject();
        }
        g.writeEndObject();
        if (verbose && r.items() != null) items(g, r.items());
        g.writeEndObject();
    }

    /**
     * Writes a typed result's {@code value} and {@code unit}: a time in nanoseconds ({@code ns}), a timestamp in
     * epoch nanoseconds ({@code epoch_ns}), a percentage as a fraction ({@code fraction}, 0.5 for 50%), a memory
     * size in bytes ({@code B}), a plain number without a unit (empty); any other quantity in its own unit; a
     * string as itself. Other values (classes, methods) have only the {@code text}.
     */
    private static void value(JsonGenerator g, RuleReport.Value v) throws IOException {
        if (v.value() instanceof String s) {
            g.writeStringField("value", s);
            return;
        }
        if (!(v.value() instanceof IQuantity q)) return;
        Unit u = UNITS.get(q.getType());
        if (u == null) {
            number(g, q.doubleValue());
            g.writeStringField("unit", q.getUnit().getIdentifier());
        } else if (u.whole()) {
            g.writeNumberField("value", q.clampedLongValueIn(u.unit()));
            g.writeStringField("unit", u.name());
        } else {
            number(g, q.doubleValueIn(u.unit()));
            g.writeStringField("unit", u.name());
        }
    }

    /**
     * The unit a kind of quantity is written in.
     *
     * @param unit  JMC's unit.
     * @param name  Its name in the JSON.
     * @param whole Whether values are whole numbers in it (times, sizes).
     */
    private record Unit(IUnit unit, String name, boolean whole) {
    }

    private static final Map<KindOfQuantity<?>, Unit> UNITS = Map.of(
            UnitLookup.TIMESPAN, new Unit(UnitLookup.NANOSECOND, "ns", true),
            UnitLookup.TIMESTAMP, new Unit(UnitLookup.EPOCH_NS, "epoch_ns", true),
            UnitLookup.MEMORY, new Unit(UnitLookup.BYTE, "B", true),
            UnitLookup.PERCENTAGE, new Unit(UnitLookup.PERCENT_UNITY, "fraction", false),
            UnitLookup.NUMBER, new Unit(UnitLookup.NUMBER_UNITY, "", false));

    /** A whole number without a fraction ({@code 2}, not {@code 2.0}); JSON has no NaN or infinity: those are null. */
    private static void number(JsonGenerator g, double d) throws IOException {
        g.writeFieldName("value");
        if (Double.isNaN(d) || Double.isInfinite(d)) g.writeNull();
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) g.writeNumber((long) d);
        else g.writeNumber(d);
    }

    private static void items(JsonGenerator g, RuleReport.ItemSet items) throws IOException {
        g.writeObjectFieldStart("items");
        g.writeArrayFieldStart("fields");
        for (String f : items.fields()) g.writeString(f);
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (List<String> row : items.rows()) {
            g.writeStartArray();
            for (String v : row) g.writeString(v);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
