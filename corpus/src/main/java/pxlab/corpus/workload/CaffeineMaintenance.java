package pxlab.corpus.workload;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.Field;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A real library under load: a Caffeine cache bounded to 10,000 entries, whose maintenance (eviction, with an
 * eviction listener that does some work per entry) runs on a dedicated nice-19 {@code cache-maintenance} thread,
 * while nice-0 {@code client-N} threads put new keys and CPU hogs load the machine. When the preempted maintenance
 * thread falls behind, the cache's write buffer fills and the clients block on the cache's own eviction lock
 * ({@code BoundedLocalCache.evictionLock}), which this workload swaps, by reflection, for a ReentrantLock that logs
 * to the truth. Planted: the clients' waits behind the maintenance thread are inversions, owner preempted.
 */
final class CaffeineMaintenance extends AbstractWorkload {

    CaffeineMaintenance() {
        super("caffeine-maintenance",
                "Caffeine 3 cache: client-N (nice 0) block on the cache's eviction lock held by cache-maintenance"
                + " (nice 19) among hogs; planted: inversion, owner preempted, culprit in performCleanUp");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("mutex", new Plant("clients-behind-maintenance", "caffeine.evictionLock",
                "client-\\d+", "cache-maintenance", "performCleanUp", "OWNER_PREEMPTED", true));
        ExecutorService maintenance = Executors.newSingleThreadExecutor(run.threadFactory(n -> "cache-maintenance"));
        Cache<Long, long[]> cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .executor(maintenance)
                .evictionListener((Long k, long[] v, com.github.benmanes.caffeine.cache.RemovalCause c) ->
                        Burn.cpu(20_000, 10_000_000L))   // e.g. write-back of the evicted value
                .build();
        swapEvictionLock(cache, lock);
        SplittableRandom warm = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) cache.put(warm.nextLong(), new long[4]);   // loads eviction's classes
        maintenance.submit(() -> run.renice(19)).get();
        for (int i = 0; i < run.knobs().threadsOr(4); i++) {
            long seed = 100 + i;
            run.start("client-" + i, () -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (run.running()) {
                    cache.put(random.nextLong(), new long[4]);
                    if (cache.getIfPresent(random.nextLong(1_000)) == null) Run.pause(20_000);
                }
            });
        }
        run.start("maintenance-stopper", () -> {
            while (run.running()) Run.sleepMs(50);
            maintenance.shutdown();
            maintenance.awaitTermination(20, TimeUnit.SECONDS);
        });
        run.hogsPerCpu(2);
        run.go();
    }

    /**
     * Replaces the cache's eviction lock with a logging one: the lock Caffeine's own code takes, so the truth sees
     * every acquisition the library makes.
     */
    private static void swapEvictionLock(Cache<?, ?> cache, TrackedLock tracked) throws ReflectiveOperationException {
        Field inner = cache.getClass().getDeclaredField("cache");   // BoundedLocalManualCache.cache
        inner.setAccessible(true);
        Object local = inner.get(cache);
        Class<?> type = local.getClass();
        while (!type.getSimpleName().equals("BoundedLocalCache")) type = type.getSuperclass();
        Field lock = type.getDeclaredField("evictionLock");
        lock.setAccessible(true);
        lock.set(local, new LoggingLock(tracked));
    }

    /** A ReentrantLock that logs each acquisition and release to the truth, for code that is not ours. */
    static final class LoggingLock extends ReentrantLock {

        private static final long serialVersionUID = 1L;
        private final transient TrackedLock tracked;

        LoggingLock(TrackedLock tracked) {
            this.tracked = tracked;
        }

        @Override
        public void lock() {
            tracked.request();
            super.lock();
            tracked.acquired();
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            tracked.request();
            super.lockInterruptibly();
            tracked.acquired();
        }

        @Override
        public boolean tryLock() {
            // Never waits: logged only when it succeeds, as a request and an acquisition at once.
            if (!super.tryLock()) return false;
            tracked.request();
            tracked.acquired();
            return true;
        }

        @Override
        public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
            tracked.request();
            boolean got = super.tryLock(timeout, unit);
            if (got) {
                tracked.acquired();
            } else {
                tracked.gaveUp();
            }
            return got;
        }

        @Override
        public void unlock() {
            tracked.released();
            super.unlock();
        }
    }
}
