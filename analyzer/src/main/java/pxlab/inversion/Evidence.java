package pxlab.inversion;

import java.util.Locale;

/**
 * What a wait's classification rests on, strongest first. Reports print it beside every class, so a conclusion
 * drawn from the JDK's events alone is never mistaken for a measured one.
 */
public enum Evidence {
    /** Measured: the agent read the owner's CPU and run-queue time (schedstat) when the wait began and ended. */
    OWNER_CHARGES,
    /**
     * Measured over the owner's whole contended hold ({@code pxlab.LockHold}), which contains the wait: the hold's
     * shares stand in for the wait's.
     */
    HOLD_CHARGES,
    /**
     * Inferred from the owner's other events: its own lock waits, its sleeps and non-lock parks, and execution
     * samples. Weaker: a sample shows the owner in Java code, which a preempted owner also is.
     */
    OWNER_EVENTS,
    /** Nothing: the owner is unknown, or the recording shows nothing it did during the wait. */
    NONE;

    /**
     * Returns the spelling used in reports.
     *
     * @return e.g. {@code owner-charges}.
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns whether a classification on this evidence is an inference rather than a measurement.
     *
     * @return {@code true} for {@link #OWNER_EVENTS} and {@link #NONE}.
     */
    public boolean weak() {
        return this == OWNER_EVENTS || this == NONE;
    }
}
