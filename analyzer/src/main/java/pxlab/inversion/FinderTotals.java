package pxlab.inversion;

import java.util.List;
import pxlab.trace.Coverage;

/**
 * The finder's limitation sentences for a recording classified in parts: counts summed wait by wait over every
 * part, then the same sentences {@link Inversions#limitations()} gives for a whole trace.
 */
public final class FinderTotals {

    private final FinderLimitations.Counts counts = new FinderLimitations.Counts();

    /** Creates totals of nothing. */
    public FinderTotals() {
    }

    /**
     * Counts one classified wait; every wait of the recording must be added exactly once.
     *
     * @param w The wait.
     */
    public void add(ClassifiedWait w) {
        counts.add(w);
    }

    /**
     * Returns the sentences, as {@link InversionFinder#find} would give them for the whole recording.
     *
     * @param coverage The whole recording's coverage.
     * @return The coverage's limitations followed by the finder's.
     */
    public List<String> limitations(Coverage coverage) {
        return FinderLimitations.of(coverage, counts);
    }
}
