package pxlab.analysis;

/**
 * Told how far an analysis has come: what it is doing, and how far into the recording reading is. A front end shows
 * it (the command line's progress bar) or ignores it ({@link #NONE}).
 */
public interface Progress {

    /** Progress nobody watches. */
    Progress NONE = what -> { };

    /**
     * Says what is being done now.
     *
     * @param what A short phrase, e.g. {@code reading app.jfr}.
     */
    void step(String what);

    /**
     * Says how much of the current step is done; steps that cannot tell never call it.
     *
     * @param done From 0 to 1.
     */
    default void fraction(double done) {
    }
}
