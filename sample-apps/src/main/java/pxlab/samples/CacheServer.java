package pxlab.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request service of samples 1 to 3: foreground request threads (nice 0) read a {@link Cache} that a background
 * {@code cache-refresher} (nice 19, set on its own OS thread) rebuilds, while CPU hogs (two per CPU by default)
 * keep every CPU busy. The refresher, preempted by the hogs while it holds the lock, holds up the requests: the
 * inversion proxy execution fixes.
 *
 * <p>Time requests with the agent option {@code requests=pxlab.samples.CacheServer#handle}.
 */
final class CacheServer {

    private final Cache cache;
    private final long thinkNs;

    private CacheServer(Cache cache, long thinkNs) {
        this.cache = cache;
        this.thinkNs = thinkNs;
    }

    /**
     * Serves one request: a cache lookup and a little work on the answer.
     *
     * @param key The product asked for.
     * @return The answer.
     */
    String handle(String key) {
        String price = cache.get(key);
        Work.cpu(20_000);
        return key + "=" + price;
    }

    /**
     * Runs a sample of this service and prints its RESULT line.
     *
     * @param sample The sample's name.
     * @param cache  The cache with the sample's lock.
     * @param args   The command line.
     */
    static void main(String sample, Cache cache, String[] args) throws InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();
        Knobs k = Knobs.parse(sample, args,
                "threads", "2", "foreground request threads (nice 0)",
                "hogs", Integer.toString(2 * cpus), "CPU hog threads (nice 0)",
                "duration", "10s", "how long the service runs",
                "cs", "2ms", "CPU time the refresher computes while holding the lock",
                "period", "200ms", "pause between refreshes",
                "think", "2ms", "pause between one thread's requests (the client's round trip)");
        CacheServer server = new CacheServer(cache, k.nanos("think"));
        long end = System.nanoTime() + k.nanos("duration");
        long cs = k.nanos("cs");
        long period = k.nanos("period");
        int[] refreshes = new int[1];
        CountDownLatch ready = new CountDownLatch(1);
        Thread refresher = Work.daemon("cache-refresher", () -> {
            cache.refresh(0);   // loads its classes first: at nice 19 under the hogs that alone could take seconds
            OsThread.renice(19);
            ready.countDown();
            while (System.nanoTime() < end) {
                Work.sleep(period);
                cache.refresh(cs);
                refreshes[0]++;
            }
        });
        ready.await();
        Work.hogs(k.integer("hogs", 0), end);
        Latencies latencies = new Latencies();
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < k.integer("threads", 1); i++) {
            requests.add(Work.daemon("request-" + i, latencies.loop(end, server.thinkNs,
                    id -> server.handle("item-" + ThreadLocalRandom.current().nextInt(Cache.ENTRIES)))));
        }
        for (Thread t : requests) t.join();
        refresher.join();
        System.out.println(latencies.result(sample, "refreshes=" + refreshes[0]));
    }
}
