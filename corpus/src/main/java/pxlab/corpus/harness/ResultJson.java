package pxlab.corpus.harness;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import pxlab.corpus.harness.Score.PlantScore;

/** The corpus run as JSON, for machines: every figure of the table, unrounded, plus each plant's counts. */
final class ResultJson {

    private ResultJson() {
    }

    /**
     * Writes the results.
     *
     * @param out     Where.
     * @param context What the run was: command, machine, date (string values).
     * @param results The runs.
     * @throws IOException When writing fails.
     */
    static void write(OutputStream out, Map<String, String> context, List<RunResult> results) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : context.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeArrayFieldStart("runs");
            for (RunResult r : results) run(g, r);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void run(JsonGenerator g, RunResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("workload", r.workload());
        g.writeNumberField("jdk", r.jdk());
        g.writeStringField("load", r.load());
        g.writeStringField("load_avg", r.loadAvg());
        g.writeStringField("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        if (r.reason() != null) g.writeStringField("reason", r.reason());
        g.writeNumberField("wall_ms", r.wallMs());
        Score s = r.score();
        if (s != null) {
            g.writeNumberField("truth_waits", s.truthWaits());
            g.writeNumberField("owner_right", s.ownerRight());
            g.writeNumberField("owner_none", s.ownerNone());
            g.writeNumberField("owner_wrong", s.ownerWrong());
            g.writeNumberField("not_recorded", s.missed());
            g.writeNumberField("truth_no_owner", s.truthNoOwner());
            g.writeNumberField("owner_rate", s.ownerRate());
            g.writeNumberField("attributes_known", s.attributesKnown());
            g.writeNumberField("attribute_rate", s.attributeRate());
            g.writeNumberField("false_inversions", s.falseInversions());
            g.writeNumberField("untracked_inversions", s.untrackedInversions());
            g.writeNumberField("deadlock_claims", s.deadlockClaims());
            JsonLines.strings(g, "replay_deadlocks", s.replayDeadlocks());
            g.writeNumberField("class_agree", s.classAgree());
            g.writeNumberField("class_defined", s.classDefined());
            if (s.fidelityError() >= 0 && !Double.isInfinite(s.fidelityError())) {
                g.writeNumberField("replay_error_per_thread", s.fidelityError());
            } else {
                g.writeNullField("replay_error_per_thread");
            }
            g.writeNumberField("replay_threads", s.fidelityThreads());
            g.writeNumberField("analysis_waits", s.analysisWaits());
            g.writeNumberField("matched_waits", s.matchedWaits());
            g.writeNumberField("clock_offset_ns", s.clockOffsetNs());
            g.writeArrayFieldStart("plants");
            for (PlantScore p : s.plants()) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeBooleanField("inversion", p.inversion());
                if (p.expect() != null) g.writeStringField("expect", p.expect());
                g.writeNumberField("planted", p.planted());
                g.writeNumberField("recorded", p.recorded());
                g.writeNumberField("right", p.right());
                g.writeNumberField("code_shown", p.codeShown());
                g.writeNumberField("code_in_recording", p.codeInRecording());
                g.writeBooleanField("held", p.held());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
