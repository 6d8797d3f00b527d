package pxlab.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.WaitClass;

/**
 * The figures of an {@link Analysis} summed wait by wait, so that they can be gathered from a recording read in
 * parts: the {@link Analysis.Summary}, the names of inverted waiters, and the longest inversions and
 * unknown-priority waits, kept to a bounded number as they arrive.
 *
 * <p>Parts are numbered in file order; a wait's part and its sequence number within the part stand in for the
 * sequence number of a whole-file trace, the last tie-break of {@link Analysis#LONGEST_FIRST}.
 */
final class AnalysisTotals {

    /** A wait and the part it came from. */
    private record Ranked(ClassifiedWait classified, int part) {
    }

    private static final Comparator<Ranked> LONGEST_FIRST = Comparator
            .comparingLong((Ranked r) -> r.classified.lockWait().durationNs()).reversed()
            .thenComparingLong(r -> r.classified.lockWait().startNs())
            .thenComparing(r -> r.classified.lockWait().waiter().name())
            .thenComparingInt(Ranked::part)
            .thenComparingLong(r -> r.classified.lockWait().seq());

    private final int keep;
    /** Shortest at the head, so the one to drop is at hand. */
    private final PriorityQueue<Ranked> inversions;
    private final PriorityQueue<Ranked> unknown;
    private final Set<String> invertedWaiters = new TreeSet<>();
    private int waits;
    private long waitNs;
    private int inversionCount;
    private long inversionNs;
    private long resolvableNs;
    private long inversionResolvableNs;
    private long inversionPreemptedNs;
    private int unknownPriority;
    private int unclassified;
    private final int[] count = new int[WaitClass.values().length];
    private final long[] ns = new long[WaitClass.values().length];

    /**
     * Creates empty totals.
     *
     * @param keep How many of the longest inversions (and unknown-priority waits) to keep; 0 for all.
     */
    AnalysisTotals(int keep) {
        this.keep = keep;
        this.inversions = new PriorityQueue<>(LONGEST_FIRST.reversed());
        this.unknown = new PriorityQueue<>(LONGEST_FIRST.reversed());
    }

    /**
     * Adds one wait in scope.
     *
     * @param c    The wait.
     * @param part The part of the recording it came from, in file order.
     */
    void add(ClassifiedWait c, int part) {
        long d = c.lockWait().durationNs();
        waits++;
        waitNs += d;
        if (c.resolvableByProxy()) resolvableNs += d;
        if (c.inversion()) {
            inversionCount++;
            inversionNs += d;
            if (c.resolvableByProxy()) inversionResolvableNs += d;
            if (c.ownerTime().runqueueNs() > 0) inversionPreemptedNs += Math.min(c.ownerTime().runqueueNs(), d);
            invertedWaiters.add(c.lockWait().waiter().name());
            offer(inversions, c, part);
        }
        if (!c.inversionKnown()) {
            unknownPriority++;
            offer(unknown, c, part);
        }
        if (c.classified()) {
            count[c.waitClass().ordinal()]++;
            ns[c.waitClass().ordinal()] += d;
        } else {
            unclassified++;
        }
    }

    private void offer(PriorityQueue<Ranked> q, ClassifiedWait c, int part) {
        // Most waits of a large recording are shorter than the shortest kept: turned away on one comparison.
        if (keep > 0 && q.size() == keep && c.lockWait().durationNs() < q.peek().classified.lockWait().durationNs())
            return;
        q.add(new Ranked(c, part));
        if (keep > 0 && q.size() > keep) q.poll();
    }

    /**
     * Returns the summary of every wait added.
     *
     * @return The summary.
     */
    Analysis.Summary summary() {
        List<Analysis.CauseTotal> causes = new ArrayList<>();
        for (WaitClass c : WaitClass.values()) causes.add(new Analysis.CauseTotal(c, count[c.ordinal()], ns[c.ordinal()]));
        causes.sort(Comparator.comparing(t -> t.cause().key()));
        return new Analysis.Summary(waits, waitNs, inversionCount, inversionNs, resolvableNs, inversionResolvableNs,
                inversionPreemptedNs, unknownPriority, unclassified, causes);
    }

    /**
     * Returns the longest inversions kept, longest first.
     *
     * @return At most {@code keep} of them.
     */
    List<ClassifiedWait> inversions() {
        return sorted(inversions);
    }

    /**
     * Returns the longest unknown-priority waits kept, longest first.
     *
     * @return At most {@code keep} of them.
     */
    List<ClassifiedWait> unknownPriority() {
        return sorted(unknown);
    }

    /**
     * Returns the names of the waiters of every inversion added.
     *
     * @return The names, sorted.
     */
    List<String> invertedWaiters() {
        return new ArrayList<>(invertedWaiters);
    }

    private static List<ClassifiedWait> sorted(PriorityQueue<Ranked> q) {
        List<Ranked> all = new ArrayList<>(q);
        all.sort(LONGEST_FIRST);
        List<ClassifiedWait> out = new ArrayList<>(all.size());
        for (Ranked r : all) out.add(r.classified());
        return out;
    }
}
