package pxlab.corpus.workload;

/**
 * One program of the corpus: it makes threads contend for locks in a planned way, logs every lock event to its
 * {@link pxlab.corpus.truth.TruthLog} and declares what it plants ({@link pxlab.corpus.truth.Plant}).
 *
 * <p>A workload sets itself up (class loading, renicing, pinning) before it calls {@link Run#go()}, runs for the
 * knobs' duration, and lets {@link Run} join its threads. It throws {@link Run.Skip} when the machine cannot give it
 * what it needs (root, a cgroup controller, JDK 21 for virtual threads).
 */
public interface Workload {

    /**
     * Returns the name the harness and the command line use.
     *
     * @return E.g. {@code chain-of-three}.
     */
    String name();

    /**
     * Returns what it does and plants, in one line for the harness's listing.
     *
     * @return The line.
     */
    String summary();

    /**
     * Runs the workload.
     *
     * @param run The run: knobs, truth, threads.
     * @throws Run.Skip  When it cannot run here.
     * @throws Exception When it fails.
     */
    void run(Run run) throws Exception;
}
