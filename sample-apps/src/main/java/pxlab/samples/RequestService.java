package pxlab.samples;

/**
 * Sample 1: a ReentrantLock-protected cache. A nice-19 background refresher, preempted by CPU hogs while it holds
 * the lock, holds up the nice-0 requests. See {@link CacheServer}; {@code --help} lists the knobs.
 */
public final class RequestService {

    private RequestService() {
    }

    public static void main(String[] args) throws InterruptedException {
        CacheServer.main("request-service", new Cache.Locked(), args);
    }
}
