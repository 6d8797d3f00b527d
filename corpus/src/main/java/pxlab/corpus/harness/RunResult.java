package pxlab.corpus.harness;

/**
 * One workload run on one JDK under one load, and its score.
 *
 * @param workload The workload's name.
 * @param jdk      The JDK's feature version.
 * @param load     {@code idle} or {@code loaded}.
 * @param loadAvg  The 1-, 5- and 15-minute load averages when the run began.
 * @param status   What happened.
 * @param reason   Why it was skipped or failed; {@code null} when it ran.
 * @param score    The score, or {@code null} unless it ran.
 * @param wallMs   How long the workload's JVM ran.
 */
public record RunResult(String workload, int jdk, String load, String loadAvg, Status status, String reason,
                        Score score, long wallMs) {

    /** What happened to a run. */
    public enum Status {
        /** It ran and was scored. */
        SCORED,
        /** It could not run here; {@code reason} says why. */
        SKIPPED,
        /** It failed: the program, the recording or the analysis. */
        FAILED
    }
}
