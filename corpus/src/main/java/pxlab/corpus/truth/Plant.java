package pxlab.corpus.truth;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Objects;

/**
 * What a workload plants on purpose: waits for one lock by some threads behind one culprit, and what the analysis
 * should say about them. The harness takes as planted every logged wait of 1 ms or more that fits, so a plant
 * whose pattern never occurred in a run is reported as such, not as missed.
 *
 * @param name       A short label, e.g. {@code readers-behind-writer}.
 * @param lock       The lock's name ({@link TruthLog#lock}).
 * @param waiters    A regular expression the waiting threads' names match.
 * @param culprit    A regular expression the culprit's name matches: the owner of the lock, or for a chain the
 *                   owner at its end (the thread the whole chain waits for).
 * @param method     The culprit's method that holds the lock, by simple name, e.g. {@code compactSegments}: the
 *                   code a user would be sent to.
 * @param expect     The owner behaviour the design gives these waits ({@code OWNER_PREEMPTED},
 *                   {@code OWNER_SLEEPING}, {@code OWNER_RUNNING}, {@code OWNER_BLOCKED}), or {@code null} when it
 *                   defines none.
 * @param inversion  Whether these waits are priority inversions (the waiter outranks the culprit); a plant with
 *                   {@code false} is a control: reporting it as an inversion is a false inversion.
 */
public record Plant(String name, String lock, String waiters, String culprit, String method, String expect,
                    boolean inversion) {

    public Plant {
        Objects.requireNonNull(name);
        Objects.requireNonNull(lock);
        Objects.requireNonNull(waiters);
        Objects.requireNonNull(culprit);
        Objects.requireNonNull(method);
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "plant");
        g.writeStringField("name", name);
        g.writeStringField("lock", lock);
        g.writeStringField("waiters", waiters);
        g.writeStringField("culprit", culprit);
        g.writeStringField("method", method);
        if (expect != null) g.writeStringField("expect", expect);
        g.writeBooleanField("inversion", inversion);
        g.writeEndObject();
    }
}
