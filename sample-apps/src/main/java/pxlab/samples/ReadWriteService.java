package pxlab.samples;

/**
 * Sample 3: the cache of sample 1 behind a ReentrantReadWriteLock. Requests (nice 0) take the read lock; the
 * nice-19 refresher takes the write lock and, preempted by CPU hogs, holds up every reader. See {@link CacheServer}.
 */
public final class ReadWriteService {

    private ReadWriteService() {
    }

    public static void main(String[] args) throws InterruptedException {
        CacheServer.main("read-write-service", new Cache.ReadWrite(), args);
    }
}
