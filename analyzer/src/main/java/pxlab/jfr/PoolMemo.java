package pxlab.jfr;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Converts the reader's constant-pool objects (threads, classes, stacks) once per chunk instead of once per event.
 *
 * <p>A chunk's constant pool resolves each constant once and hands the same object to every event that refers to
 * it, so an identity map finds it again; converting it takes several field lookups, each a scan of the type's
 * fields by name. A conversion reads nothing but the object, so an entry never goes stale, and a parser that handed
 * out copies would only make the memo miss.
 *
 * <p><b>Note</b>: the memo starts over once it holds {@link #MAX_ENTRIES} objects, so that the objects of chunks
 * long read do not stay reachable through it. That is far more than one chunk names of threads, classes or stacks.
 *
 * @param <K> The reader's type.
 * @param <V> What it is converted to.
 */
final class PoolMemo<K, V> {

    static final int MAX_ENTRIES = 4096;

    private final Function<K, V> convert;
    private final Map<K, V> converted = new IdentityHashMap<>();

    /**
     * Creates an empty memo.
     *
     * @param convert The conversion; it may return {@code null}, which is not remembered.
     */
    PoolMemo(Function<K, V> convert) {
        this.convert = convert;
    }

    /**
     * Returns an object converted, converting it if not seen before.
     *
     * @param key The reader's object, or {@code null}.
     * @return Its conversion, or {@code null} for {@code null}.
     */
    V get(K key) {
        if (key == null) return null;
        if (converted.size() >= MAX_ENTRIES) converted.clear();
        return converted.computeIfAbsent(key, convert);
    }
}
