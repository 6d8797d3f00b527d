package pxlab.inversion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Gathers classified waits into {@link WaitGroup}s by a key spelled from one value of each wait: a lock, a pair of
 * threads, a stack. Waits keep their order inside a group; groups come by total wait, largest first, then by key.
 *
 * <p>A key is spelled once per distinct value rather than once per wait (a recording has few locks, pairs and
 * stacks, and many waits), and values spelled alike share a group. Totals are summed as waits arrive.
 *
 * @param <V> The value a key is spelled from.
 */
final class Grouping<V> {

    /** One group's waits so far, and their total. */
    private static final class Bucket {
        final List<ClassifiedWait> waits = new ArrayList<>();
        long totalNs;
    }

    private final Function<V, String> spell;
    private final Map<V, Bucket> byValue = new HashMap<>();
    private final Map<String, Bucket> byKey = new HashMap<>();

    /**
     * Creates an empty grouping.
     *
     * @param spell Spells a value's key.
     */
    Grouping(Function<V, String> spell) {
        this.spell = spell;
    }

    /**
     * Adds a wait to its value's group.
     *
     * @param value The wait's value.
     * @param w     The wait.
     */
    void add(V value, ClassifiedWait w) {
        Bucket b = byValue.get(value);   // the common case allocates nothing
        if (b == null) {
            b = byKey.computeIfAbsent(spell.apply(value), k -> new Bucket());
            byValue.put(value, b);
        }
        b.waits.add(w);
        b.totalNs += w.lockWait().durationNs();
    }

    /**
     * Returns the groups.
     *
     * @return The groups by total wait, largest first, then by key.
     */
    List<WaitGroup> groups() {
        List<Map.Entry<String, Bucket>> sorted = new ArrayList<>(byKey.entrySet());
        sorted.sort((a, b) -> {
            int byTotal = Long.compare(b.getValue().totalNs, a.getValue().totalNs);
            return byTotal != 0 ? byTotal : a.getKey().compareTo(b.getKey());
        });
        List<WaitGroup> groups = new ArrayList<>(sorted.size());
        for (Map.Entry<String, Bucket> e : sorted) groups.add(new WaitGroup(e.getKey(), e.getValue().waits));
        return groups;
    }
}
