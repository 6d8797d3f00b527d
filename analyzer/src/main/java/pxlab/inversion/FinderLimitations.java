package pxlab.inversion;

import java.util.ArrayList;
import java.util.List;
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
        List<String> out = new ArrayList<>(trace.coverage().limitations());
        int n = waits.size();
        int fromEvents = 0;
        int fromHolds = 0;
        int unclassified = 0;
        int noContext = 0;
        for (ClassifiedWait w : waits) {
            if (w.evidence() == Evidence.OWNER_EVENTS) fromEvents++;
            if (w.evidence() == Evidence.HOLD_CHARGES) fromHolds++;
            if (!w.classified()) unclassified++;
            if (!w.inversionKnown()) noContext++;
        }
        if (fromEvents > 0) out.add(String.format(FROM_EVENTS, fromEvents, n));
        if (fromHolds > 0) out.add(String.format(FROM_HOLDS, fromHolds, n));
        if (unclassified > 0) out.add(String.format(UNCLASSIFIED, unclassified, n));
        // Without any ThreadSched the trace already says so once; count the gaps only where some were recorded.
        if (noContext > 0 && trace.coverage().schedEvents() > 0) out.add(String.format(NO_CONTEXT, noContext, n));
        return out;
    }
}
