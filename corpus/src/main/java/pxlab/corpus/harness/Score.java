package pxlab.corpus.harness;

import java.util.List;

/**
 * How one analysis of one workload's recording compares with the workload's truth (docs/TRUTH.md defines each
 * figure). Counts are of waits; the truth decides which waits count.
 *
 * @param truthWaits          Waits of the tracked locks that lasted 1 ms or more by the truth.
 * @param ownerRight          Of those, waits whose recorded owner held the lock when the wait began.
 * @param ownerNone           Waits the analysis has with no owner.
 * @param ownerWrong          Waits the analysis gives an owner that did not hold the lock then.
 * @param missed              Waits the analysis does not have at all.
 * @param truthNoOwner        Waits for which the truth itself names no owner (not scored for the owner).
 * @param attributesKnown     Waits whose waiter and owner both have known scheduling attributes.
 * @param plants              Per plant.
 * @param falseInversions     Inversions reported on tracked waits that the truth says are not inversions.
 * @param untrackedInversions Inversions reported on waits the truth does not track (a JDK or library lock).
 * @param deadlockClaims      Waits the analysis calls part of a lock cycle (the corpus has none).
 * @param replayDeadlocks     The replay policies that ended in a deadlock (the corpus has none).
 * @param classAgree          Planted waits whose class is the planted owner behaviour.
 * @param classDefined        Planted waits that have a planted owner behaviour and were recorded.
 * @param fidelityError       Σ|replayed − measured| / Σ measured over the replayed threads under {@code none}, or
 *                            -1 without a replay.
 * @param fidelityThreads     The threads that sum is over.
 * @param analysisWaits       All waits in the analysis.
 * @param matchedWaits        Those matched to a tracked wait.
 * @param clockOffsetNs       The median of (recorded start − truth start) over matched waits: the alignment used.
 */
public record Score(int truthWaits, int ownerRight, int ownerNone, int ownerWrong, int missed, int truthNoOwner,
                    int attributesKnown, List<PlantScore> plants, int falseInversions, int untrackedInversions,
                    int deadlockClaims, List<String> replayDeadlocks, int classAgree, int classDefined,
                    double fidelityError, int fidelityThreads, int analysisWaits, int matchedWaits,
                    long clockOffsetNs) {

    public Score {
        plants = List.copyOf(plants);
        replayDeadlocks = List.copyOf(replayDeadlocks);
    }

    /**
     * One plant's result.
     *
     * @param name            The plant's name.
     * @param inversion       Whether it plants inversions ({@code false}: a control).
     * @param expect          The planted owner behaviour, or {@code null}.
     * @param planted         Truth waits of 1 ms or more that fit the plant.
     * @param recorded        Of those, waits the analysis has.
     * @param right           For an inversion plant: waits reported as inversions with the right culprit; for a
     *                        control: waits not reported as inversions.
     * @param codeShown       Of the right inversions, those where the culprit's method appears in frames the
     *                        analysis shows for the culprit.
     * @param codeInRecording Of the right inversions, those where it appears in the culprit's recorded
     *                        {@code pxlab.LockHold} frames (in the recording, whether or not the analysis shows it).
     * @param classAgree      Recorded planted waits whose class is {@code expect}.
     * @param classDefined    Recorded planted waits, when {@code expect} is set; else 0.
     */
    public record PlantScore(String name, boolean inversion, String expect, int planted, int recorded, int right,
                             int codeShown, int codeInRecording, int classAgree, int classDefined) {

        /**
         * Returns whether the plant held: an inversion plant was found at least once with its culprit; a control was
         * never reported as an inversion. A plant that did not occur did not hold.
         *
         * @return {@code true} when it held.
         */
        public boolean held() {
            if (planted == 0) return false;
            return inversion ? right > 0 : right == recorded;
        }
    }

    /**
     * Returns the owner identification rate.
     *
     * @return Right owners over the scored waits (those the truth names an owner for), or 1 when there are none.
     */
    public double ownerRate() {
        int scored = truthWaits - truthNoOwner;
        return scored == 0 ? 1 : (double) ownerRight / scored;
    }

    /**
     * Returns the attribute coverage.
     *
     * @return Waits with both threads' attributes known over all waits of 1 ms or more, or 1 when there are none.
     */
    public double attributeRate() {
        return truthWaits == 0 ? 1 : (double) attributesKnown / truthWaits;
    }
}
