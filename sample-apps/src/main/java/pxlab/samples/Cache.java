package pxlab.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A product cache that request threads read and a background thread rebuilds, guarded by one of three locks. The
 * rebuild holds the lock for its whole CPU work, as a naive cache refresh does: if the rebuilding thread is
 * preempted, every request waits behind it.
 */
abstract class Cache {

    /** How many entries a rebuild produces. */
    static final int ENTRIES = 1_000;

    /** The table; replaced under the lock by {@link #rebuild}. */
    Map<String, String> table = build(0);
    private long generation;

    /** Returns an entry, under the lock. */
    abstract String get(String key);

    /** Rebuilds the table under the lock, computing for {@code cpuNs} of CPU time. */
    abstract void refresh(long cpuNs);

    /** The rebuild itself; the caller holds the lock. */
    final void rebuild(long cpuNs) {
        Work.cpu(cpuNs);
        table = build(++generation);
    }

    private static Map<String, String> build(long generation) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < ENTRIES; i++) m.put("item-" + i, "price-" + (i * 7 + generation) % 1000);
        return m;
    }

    /** Sample 1: a {@link ReentrantLock}. */
    static final class Locked extends Cache {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        String get(String key) {
            lock.lock();
            try {
                return table.get(key);
            } finally {
                lock.unlock();
            }
        }

        @Override
        void refresh(long cpuNs) {
            lock.lock();
            try {
                rebuild(cpuNs);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Sample 2: {@code synchronized} methods. */
    static final class Synchronized extends Cache {
        @Override
        synchronized String get(String key) {
            return table.get(key);
        }

        @Override
        synchronized void refresh(long cpuNs) {
            rebuild(cpuNs);
        }
    }

    /** Sample 3: a {@link ReentrantReadWriteLock}: requests read, the refresh writes. */
    static final class ReadWrite extends Cache {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        @Override
        String get(String key) {
            lock.readLock().lock();
            try {
                return table.get(key);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        void refresh(long cpuNs) {
            lock.writeLock().lock();
            try {
                rebuild(cpuNs);
            } finally {
                lock.writeLock().unlock();
            }
        }
    }
}
