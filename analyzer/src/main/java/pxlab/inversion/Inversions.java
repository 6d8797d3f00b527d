package pxlab.inversion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link InversionFinder} found in a trace: every wait classified, the same waits grouped three ways, and the
 * sentences that say what the recording could not show.
 *
 * @param waits       Every wait of the trace, classified, in {@link pxlab.trace.Wait#ORDER}.
 * @param byLock      Grouped by lock; key: {@link pxlab.trace.TraceLock#name()}.
 * @param byPair      Grouped by waiter and owner; key: {@code waiter -> owner}, with {@code ?} for an unknown owner.
 * @param byStack     Grouped by the waiting code's top frames; key: the frames joined by {@code " < "}, or
 *                    {@code (no stack)}.
 * @param limitations The trace's {@link pxlab.trace.Coverage#limitations()}, then the finder's own, one
 *                    sentence each.
 */
public record Inversions(List<ClassifiedWait> waits, List<WaitGroup> byLock, List<WaitGroup> byPair,
                         List<WaitGroup> byStack, List<String> limitations) {

    public Inversions {
        waits = List.copyOf(waits);
        byLock = List.copyOf(byLock);
        byPair = List.copyOf(byPair);
        byStack = List.copyOf(byStack);
        limitations = List.copyOf(limitations);
    }

    /**
     * Returns the waits that are priority inversions.
     *
     * @return The waits whose waiter outranks the owner, in order.
     */
    public List<ClassifiedWait> inversions() {
        return waits.stream().filter(ClassifiedWait::inversion).collect(Collectors.toList());
    }

    /**
     * Returns the waits proxy execution would have shortened.
     *
     * @return The resolvable waits, in order.
     */
    public List<ClassifiedWait> resolvable() {
        return waits.stream().filter(ClassifiedWait::resolvableByProxy).collect(Collectors.toList());
    }

    /**
     * Returns how many waits have a class.
     *
     * @param c The class.
     * @return The count.
     */
    public long count(WaitClass c) {
        return waits.stream().filter(w -> w.waitClass() == c).count();
    }
}
