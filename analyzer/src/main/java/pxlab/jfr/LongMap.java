package pxlab.jfr;

/**
 * A map from {@code long} keys, by open addressing: a chunk's constants and a trace's thread ids are looked up for
 * every event, and a {@code HashMap<Long, V>} would box each key it is asked for (ids past 127 are not cached).
 *
 * @param <V> The values; never {@code null}.
 */
public final class LongMap<V> {

    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    /**
     * Returns a key's value.
     *
     * @param key The key.
     * @return The value, or {@code null} when the key is absent.
     */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) return (V) values[i];
        }
        return null;
    }

    /**
     * Maps a key to a value unless it is mapped already.
     *
     * @param key   The key.
     * @param value The value.
     */
    public void putIfAbsent(long key, V value) {
        put(key, value, false);
    }

    /**
     * Maps a key to a value, replacing any value it had.
     *
     * @param key   The key.
     * @param value The value.
     */
    public void put(long key, V value) {
        put(key, value, true);
    }

    private void put(long key, V value, boolean replace) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                if (replace) values[i] = value;
                return;
            }
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldValues[i] != null) put(oldKeys[i], (V) oldValues[i], false);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;   // Fibonacci hashing: keys are often small and consecutive
        return (int) (h ^ h >>> 32) & mask;
    }
}
