package pxlab.inversion;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Classified waits that share a key (a lock, a waiter/owner pair, or a stack), with their totals.
 *
 * @param key   The key, as {@link Inversions} describes for each grouping.
 * @param waits The waits, in {@link pxlab.trace.Wait#ORDER}.
 */
public record WaitGroup(String key, List<ClassifiedWait> waits) {

    /** Largest total wait first, then by key: the order of every grouping. */
    public static final Comparator<WaitGroup> ORDER = Comparator.comparingLong(WaitGroup::totalNs).reversed()
            .thenComparing(WaitGroup::key);

    public WaitGroup {
        Objects.requireNonNull(key);
        waits = List.copyOf(waits);
    }

    /**
     * Returns how many waits the group holds.
     *
     * @return How many waits the group holds.
     */
    public int count() {
        return waits.size();
    }

    /**
     * Returns their total duration.
     *
     * @return Their total duration.
     */
    public long totalNs() {
        return waits.stream().mapToLong(w -> w.lockWait().durationNs()).sum();
    }

    /**
     * Returns the total duration of the group's waits of one class.
     *
     * @param c The class.
     * @return The nanoseconds.
     */
    public long ns(WaitClass c) {
        return waits.stream().filter(w -> w.waitClass() == c).mapToLong(w -> w.lockWait().durationNs()).sum();
    }

    /**
     * Returns the total duration of waits that could not be classified.
     *
     * @return The total duration of waits that could not be classified.
     */
    public long unclassifiedNs() {
        return waits.stream().filter(w -> !w.classified()).mapToLong(w -> w.lockWait().durationNs()).sum();
    }

    /**
     * Returns the total duration of waits that are priority inversions.
     *
     * @return The total duration of waits that are priority inversions.
     */
    public long inversionNs() {
        return waits.stream().filter(ClassifiedWait::inversion).mapToLong(w -> w.lockWait().durationNs()).sum();
    }

    /**
     * Returns the total duration of waits proxy execution would have shortened.
     *
     * @return The total duration of waits proxy execution would have shortened.
     */
    public long resolvableNs() {
        return waits.stream().filter(ClassifiedWait::resolvableByProxy).mapToLong(w -> w.lockWait().durationNs()).sum();
    }

    /**
     * Returns how many of the group's classifications are inferences ({@link Evidence#weak()}).
     *
     * @return How many of the group's classifications are inferences ({@link Evidence#weak()}).
     */
    public int weakCount() {
        return (int) waits.stream().filter(w -> w.evidence().weak()).count();
    }
}
