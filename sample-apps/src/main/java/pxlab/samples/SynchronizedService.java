package pxlab.samples;

/**
 * Sample 2: the cache of sample 1 guarded by {@code synchronized} methods. A nice-19 background refresher,
 * preempted by CPU hogs while it holds the monitor, holds up the nice-0 requests. See {@link CacheServer}.
 */
public final class SynchronizedService {

    private SynchronizedService() {
    }

    public static void main(String[] args) throws InterruptedException {
        CacheServer.main("synchronized-service", new Cache.Synchronized(), args);
    }
}
