package pxlab.inversion;

import java.util.ArrayList;
import java.util.List;
import pxlab.trace.Coverage;
import pxlab.trace.Trace;

/**
 * The sentences {@link Inversions#limitations()} adds to the trace's own: how many conclusions are weaker than a
 * measurement, and why.
 */
final class FinderLimitations {

    static final String FROM_EVENTS = "%d of %d waits are classified from the owner's other events only, a weaker"
            + " inference: an owner counted as running may have been preempted.";
    static final String FROM_HOLDS = "%d of %d waits are classified from the owner's whole contended hold, not the"
            + " wait alone.";
    static final String UNCLASSIFIED = "%d of %d waits could not be classified: the owner is unknown or left no"
            + " events during the wait.";
    static final String NO_CONTEXT = "%d of %d waits lack the waiter's or the owner's scheduling attributes, so"
            + " whether they are inversions is unknown.";

    private FinderLimitations() {
    }

    /**
     * Returns the trace's limitations followed by the finder's.
     *
     * @param trace The trace.
     * @param waits Its classified waits.
     * @return The sentences, in a fixed order.
     */
    static List<String> of(Trace trace, List<ClassifiedWait> waits) {
        Counts counts = new Counts();
        for (ClassifiedWait w : waits) counts.add(w);
        return of(trace.coverage(), counts);
    }

    /**
     * Returns the coverage's limitations followed by the finder's, from counts gathered over all waits.
     *
     * @param coverage What the recording holds and lacks.
     * @param counts   The counts over every classified wait.
     * @return The sentences, in a fixed order.
     */
    static List<String> of(Coverage coverage, Counts counts) {
        List<String> out = new ArrayList<>(coverage.limitations());
        long n = counts.waits;
        if (counts.fromEvents > 0) out.add(String.format(FROM_EVENTS, counts.fromEvents, n));
        if (counts.fromHolds > 0) out.add(String.format(FROM_HOLDS, counts.fromHolds, n));
        if (counts.unclassified > 0) out.add(String.format(UNCLASSIFIED, counts.unclassified, n));
        // Without any ThreadSched the trace already says so once; count the gaps only where some were recorded.
        if (counts.noContext > 0 && coverage.schedEvents() > 0)
            out.add(String.format(NO_CONTEXT, counts.noContext, n));
        return out;
    }

    /** The counts the finder's sentences quote, summed wait by wait. */
    static final class Counts {
        long waits;
        long fromEvents;
        long fromHolds;
        long unclassified;
        long noContext;

        void add(ClassifiedWait w) {
            waits++;
            if (w.evidence() == Evidence.OWNER_EVENTS) fromEvents++;
            if (w.evidence() == Evidence.HOLD_CHARGES) fromHolds++;
            if (!w.classified()) unclassified++;
            if (!w.inversionKnown()) noContext++;
        }
    }
}
