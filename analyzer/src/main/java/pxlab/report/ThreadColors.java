package pxlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each thread of the page's timelines a stable index and a colour. The threads that matter most get the
 * distinct colours: those in the listed inversions first, then the busiest; the rest share one grey, so a machine
 * with hundreds of threads still reads.
 */
final class ThreadColors {

    /** Distinct hues, chosen to stay apart for the common kinds of colour blindness as far as twelve colours can. */
    static final List<String> PALETTE = List.of("#2563eb", "#ea580c", "#059669", "#dc2626", "#7c3aed", "#0891b2",
            "#db2777", "#65a30d", "#ca8a04", "#4f46e5", "#0d9488", "#92400e");
    /** The colour of every thread beyond the palette. */
    static final String OTHER = "#cbd5e1";

    private final List<String> order;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * Orders the threads.
     *
     * @param busyNs    Per thread, its CPU time in the timelines.
     * @param important Threads that come first whatever their CPU time (waiters and owners of listed inversions).
     */
    ThreadColors(Map<String, Long> busyNs, Set<String> important) {
        List<String> names = new ArrayList<>(busyNs.keySet());
        names.sort(Comparator.comparing((String n) -> !important.contains(n))
                .thenComparing(n -> busyNs.get(n), Comparator.reverseOrder())
                .thenComparing(n -> n));
        this.order = List.copyOf(names);
        for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
    }

    /**
     * Returns the threads, those with their own colour first.
     *
     * @return The names.
     */
    List<String> order() {
        return order;
    }

    /**
     * Returns a thread's index, the key the page's script highlights by.
     *
     * @param thread The name.
     * @return The index, or -1 for a thread the timelines do not show.
     */
    int index(String thread) {
        return index.getOrDefault(thread, -1);
    }

    /**
     * Returns a thread's colour.
     *
     * @param thread The name.
     * @return A colour from {@link #PALETTE}, or {@link #OTHER}.
     */
    String color(String thread) {
        int i = index(thread);
        return i >= 0 && i < PALETTE.size() ? PALETTE.get(i) : OTHER;
    }

    /**
     * Returns whether a thread has a colour of its own.
     *
     * @param thread The name.
     * @return {@code true} when it is among the first {@link #PALETTE} threads.
     */
    boolean distinct(String thread) {
        int i = index(thread);
        return i >= 0 && i < PALETTE.size();
    }
}
