package pxlab.corpus.harness;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One scored wait, the truth beside what the analysis said: written next to each recording
 * ({@code *.waits.jsonl}) so that whoever fixes a score can see which waits it lost.
 *
 * @param waiter          The waiting thread's name.
 * @param lock            The tracked lock's name.
 * @param startMs         When the wait began, ms after the truth's first anchor.
 * @param durationMs      How long it lasted by the truth.
 * @param owners          The truth's owners.
 * @param culprits        The truth's chain ends.
 * @param truthInversion  Whether the truth says the waiter outranked an owner.
 * @param verdict         {@code right}, {@code none}, {@code wrong}, {@code not-recorded} or {@code no-truth-owner}.
 * @param recordedOwner   The analysis's owner, or {@code null}.
 * @param recordedCulprit The analysis's chain end, or {@code null}.
 * @param waitClass       The analysis's class, or {@code null}.
 * @param inversion       Whether the analysis calls it an inversion.
 * @param inversionKnown  Whether the analysis knew both threads' attributes.
 * @param source          The event the recorded wait came from, or {@code null}.
 */
record WaitVerdict(String waiter, String lock, double startMs, double durationMs, List<String> owners,
                   List<String> culprits, boolean truthInversion, String verdict, String recordedOwner,
                   String recordedCulprit, String waitClass, boolean inversion, boolean inversionKnown,
                   String source) {

    /**
     * Writes verdicts as JSON lines.
     *
     * @param file     Where.
     * @param verdicts The verdicts.
     * @throws IOException When writing fails.
     */
    static void write(Path file, List<WaitVerdict> verdicts) throws IOException {
        try (JsonGenerator g = JsonLines.writer(file)) {
            for (WaitVerdict v : verdicts) {
                g.writeStartObject();
                g.writeStringField("waiter", v.waiter());
                g.writeStringField("lock", v.lock());
                g.writeNumberField("start_ms", v.startMs());
                g.writeNumberField("certain_ms", v.durationMs());
                JsonLines.strings(g, "owners", v.owners());
                JsonLines.strings(g, "culprits", v.culprits());
                g.writeBooleanField("truth_inversion", v.truthInversion());
                g.writeStringField("verdict", v.verdict());
                g.writeStringField("recorded_owner", v.recordedOwner());
                g.writeStringField("recorded_culprit", v.recordedCulprit());
                g.writeStringField("class", v.waitClass());
                g.writeBooleanField("inversion", v.inversion());
                g.writeBooleanField("inversion_known", v.inversionKnown());
                g.writeStringField("source", v.source());
                g.writeEndObject();
            }
        }
    }
}
