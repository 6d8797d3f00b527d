package pxlab.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.SchedContext;
import pxlab.replay.ReplayResult;
import pxlab.sim.SimResult;
import pxlab.trace.Wait;

/**
 * Writes an {@link Analysis} as JSON, in the shape docs/cli.md documents:
 * {@code {"recording": …, "summary": …, "pinning": …, "inversions": […],
 * "replay": {"none": {"threads": {…}}, …}, "replay_setup": …, "fidelity": …, "limitations": […]}}.
 *
 * <p>The output is a contract other tools read, so it is deterministic: record fields come in a fixed documented
 * order, objects keyed by names (threads, requests, causes) are sorted by name, policies come in the order none,
 * inherit, proxy, inversions longest first with a total tie-break, and pinned threads most pinned time first,
 * then by name. Times are integer nanoseconds; offsets ({@code at_ns}, {@code from_ns}, {@code to_ns}) count from
 * the recording's start. The one fraction, {@code relative_error}, is rounded to four decimals so that it prints
 * the same on every JDK.
 */
public final class AnalysisJson {

    private AnalysisJson() {
    }

    /**
     * Writes the report.
     *
     * @param a   The analysis.
     * @param out Where to write; flushed, not closed.
     * @throws IOException if writing fails.
     */
    public static void write(Analysis a, Writer out) throws IOException {
        try (JsonGenerator g = JsonParts.generator(out)) {
            g.writeStartObject();
            writeRecording(g, a.recording());
            writeSummary(g, a.summary());
            writePinning(g, a.pinning());
            g.writeArrayFieldStart("inversions");
            for (ClassifiedWait c : a.inversions()) writeInversion(g, a, c);
            g.writeEndArray();
            writeReplay(g, a);
            writeSetup(g, a);
            writeFidelity(g, a);
            g.writeArrayFieldStart("limitations");
            for (String s : a.limitations()) g.writeString(s);
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeRecording(JsonGenerator g, Analysis.Recording r) throws IOException {
        g.writeObjectFieldStart("recording");
        g.writeStringField("file", r.file());
        g.writeNumberField("cpus", r.cpus());
        g.writeNumberField("duration_ns", r.durationNs());
        g.writeNumberField("threads", r.threads());
        g.writeBooleanField("agent", r.agent());
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, Analysis.Summary s) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("waits", s.waits());
        g.writeNumberField("wait_ns", s.waitNs());
        g.writeNumberField("inversions", s.inversions());
        g.writeNumberField("inversion_ns", s.inversionNs());
        g.writeNumberField("resolvable_ns", s.resolvableNs());
        g.writeNumberField("inversion_resolvable_ns", s.inversionResolvableNs());
        g.writeNumberField("inversion_preempted_ns", s.inversionPreemptedNs());
        g.writeNumberField("unknown_priority", s.unknownPriority());
        g.writeNumberField("unclassified", s.unclassified());
        g.writeObjectFieldStart("causes");
        for (Analysis.CauseTotal c : s.causes()) {   // already sorted by the cause's name
            g.writeObjectFieldStart(c.cause().key());
            g.writeNumberField("waits", c.waits());
            g.writeNumberField("wait_ns", c.waitNs());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Always present, zeros without pinning: readers need not test for the key. */
    private static void writePinning(JsonGenerator g, Analysis.Pinning p) throws IOException {
        g.writeObjectFieldStart("pinning");
        g.writeNumberField("count", p.count());
        g.writeNumberField("total_ns", p.totalNs());
        g.writeNumberField("longest_ns", p.longestNs());
        g.writeStringField("longest_thread", p.longestThread());
        g.writeNumberField("thread_count", p.threadCount());
        g.writeArrayFieldStart("threads");
        for (Analysis.PinnedThread t : p.threads()) {
            g.writeStartObject();
            g.writeStringField("thread", t.thread());
            g.writeNumberField("count", t.count());
            g.writeNumberField("total_ns", t.totalNs());
            g.writeNumberField("longest_ns", t.longestNs());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeInversion(JsonGenerator g, Analysis a, ClassifiedWait c) throws IOException {
        Wait w = c.lockWait();
        g.writeStartObject();
        g.writeStringField("waiter", w.waiter().name());
        g.writeStringField("owner", c.owner() == null ? null : c.owner().name());
        g.writeStringField("lock", w.lock().name());
        g.writeStringField("lock_class", w.lock().className());
        g.writeStringField("kind", w.kind().key());
        g.writeStringField("cause", c.waitClass() == null ? null : c.waitClass().key());
        g.writeNumberField("wait_ns", w.durationNs());
        g.writeBooleanField("resolvable", c.resolvableByProxy());
        g.writeNumberField("at_ns", a.offsetNs(w.startNs()));
        g.writeStringField("evidence", c.evidence().key());
        g.writeStringField("waiter_sched", describe(c.waiterContext()));
        g.writeStringField("owner_sched", describe(c.ownerContext()));
        g.writeArrayFieldStart("chain");
        for (Wait link : c.chain()) g.writeString(link.owner() == null ? "?" : link.owner().name());
        g.writeEndArray();
        g.writeStringField("chain_end", c.chainEnd() == null ? null : c.chainEnd().key());
        g.writeArrayFieldStart("stack");
        for (String frame : w.stack()) g.writeString(frame);
        g.writeEndArray();
        g.writeStringField("held_at", c.heldAt());
        g.writeArrayFieldStart("owner_stack");
        for (String frame : c.ownerStack()) g.writeString(frame);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String describe(SchedContext c) {
        return c == null ? null : c.describe();
    }

    private static void writeReplay(JsonGenerator g, Analysis a) throws IOException {
        g.writeObjectFieldStart("replay");
        if (a.replay() != null) {
            for (ReplayResult.PolicyRun run : a.replay().runs()) {
                List<ReplayResult.ThreadRun> threads = run.threads().stream()
                        .filter(t -> Analysis.inScope(a.options().threads(), t.thread()))
                        .sorted(Comparator.comparing(ReplayResult.ThreadRun::thread)).collect(Collectors.toList());
                g.writeObjectFieldStart(run.key());
                g.writeNumberField("lock_wait_ns", threads.stream().mapToLong(ReplayResult.ThreadRun::lockWaitNs).sum());
                JsonParts.writeDeadlock(g, run.result() == null ? null : run.result().deadlock(), "threads");
                g.writeObjectFieldStart("threads");
                for (ReplayResult.ThreadRun t : threads) {
                    g.writeObjectFieldStart(t.thread());
                    writeThreadRun(g, t);
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    /** One thread's figures in a run: {@code lock_wait_ns}, {@code waits} and {@code requests}. */
    private static void writeThreadRun(JsonGenerator g, ReplayResult.ThreadRun t) throws IOException {
        g.writeNumberField("lock_wait_ns", t.lockWaitNs());
        g.writeFieldName("waits");
        JsonParts.writeStats(g, t.waits());
        g.writeObjectFieldStart("requests");
        List<SimResult.RequestStats> requests = t.requests().stream()
                .sorted(Comparator.comparing(SimResult.RequestStats::name)).collect(Collectors.toList());
        for (SimResult.RequestStats q : requests) {
            g.writeFieldName(q.name());
            JsonParts.writeStats(g, q);
        }
        g.writeEndObject();
    }

    private static void writeSetup(JsonGenerator g, Analysis a) throws IOException {
        ReplayResult r = a.replay();
        if (r == null) {
            g.writeNullField("replay_setup");
            return;
        }
        g.writeObjectFieldStart("replay_setup");
        g.writeNumberField("cpus", r.cpus());
        g.writeNumberField("from_ns", a.offsetNs(r.fromNs()));
        g.writeNumberField("to_ns", a.offsetNs(r.toNs()));
        g.writeStringField("proxy_preset", a.options().proxyPreset().presetName());
        g.writeStringField("threads", a.options().threads() == null ? null : a.options().threads().pattern());
        g.writeEndObject();
    }

    private static void writeFidelity(JsonGenerator g, Analysis a) throws IOException {
        ReplayResult.Fidelity f = a.replay() == null ? null : a.replay().fidelity();
        if (f == null) {
            g.writeNullField("fidelity");
            return;
        }
        ReplayResult.Verdict verdict = f.verdict();
        g.writeObjectFieldStart("fidelity");
        g.writeNumberField("measured_lock_wait_ns", f.measuredLockWaitNs());
        g.writeNumberField("replayed_lock_wait_ns", f.replayedLockWaitNs());
        g.writeNumberField("relative_error", rounded(f.nettedError()));
        g.writeNumberField("error_ns", f.errorNs());
        g.writeNumberField("error", rounded(f.error()));
        g.writeStringField("verdict", verdict.key());
        g.writeStringField("reason", verdict.reason());
        g.writeObjectFieldStart("threads");
        List<ReplayResult.ThreadFidelity> threads = f.threads().stream()
                .filter(t -> Analysis.inScope(a.options().threads(), t.thread()))
                .sorted(Comparator.comparing(ReplayResult.ThreadFidelity::thread)).collect(Collectors.toList());
        for (ReplayResult.ThreadFidelity t : threads) {
            g.writeObjectFieldStart(t.thread());
            g.writeNumberField("measured_ns", t.measuredNs());
            g.writeNumberField("replayed_ns", t.replayedNs());
            ReplayResult.ThreadRun recorded = a.replay().recorded().thread(t.thread()).orElse(null);
            if (recorded != null) {
                g.writeObjectFieldStart("recorded");
                writeThreadRun(g, recorded);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Four decimals, half up; a value that is not finite (never expected) is written as -1 rather than invalid JSON. */
    static BigDecimal rounded(double x) {
        if (!Double.isFinite(x)) return BigDecimal.valueOf(-1);
        return BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_UP);
    }
}
