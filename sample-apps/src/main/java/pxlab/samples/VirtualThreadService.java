package pxlab.samples;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Sample 6, virtual threads pinned to their carriers (JDK 21+): request handlers on virtual threads share one
 * {@code synchronized} connection to a rate store and wait for its reply while holding it. On JDK 21 to 23 a
 * virtual thread that blocks inside {@code synchronized} pins its carrier, so a few handlers occupy every carrier
 * and the rest cannot even run. JDK 24 (JEP 491) unmounts them instead; the pinning that remains there is blocking
 * in a class initializer, which the service also does: its rate table is loaded lazily by {@link Rates}' static
 * initializer, and every handler that arrives meanwhile waits pinned for it.
 *
 * <p>Built for Java 17: the virtual-thread API is reached by reflection, and on an older JDK the sample prints one
 * line and exits 2. Time requests with {@code requests=pxlab.samples.VirtualThreadService#handle}.
 */
public final class VirtualThreadService {

    private final Object connection = new Object();
    private final long replyNs;

    private VirtualThreadService(long replyNs) {
        this.replyNs = replyNs;
    }

    /** The rate table, loaded on first use; loading reads the store, and blocks while in the class initializer. */
    static final class Rates {
        static final long LOAD_NS = Long.getLong("pxlab.samples.rates.load", 300_000_000L);
        static final double EUR = load();

        private static double load() {
            Work.sleep(LOAD_NS);
            return 1.08;
        }
    }

    /** Serves one request: asks the rate store over the shared connection and converts a price. */
    double handle(int cents) {
        synchronized (connection) {
            Work.sleep(replyNs);   // waiting for the store's reply, the connection held
        }
        return cents * Rates.EUR / 100;
    }

    public static void main(String[] args) throws Exception {
        Knobs k = Knobs.parse("virtual-thread-service", args,
                "threads", "16", "virtual request threads",
                "carriers", "2", "carrier threads of the virtual-thread scheduler",
                "duration", "10s", "how long the service runs",
                "cs", "2ms", "how long a handler waits for the store's reply holding the connection",
                "load", "300ms", "how long loading the rate table blocks in the class initializer",
                "think", "2ms", "pause between one thread's requests");
        int feature = Runtime.version().feature();
        if (feature < 21) {
            System.err.println("virtual-thread-service: needs JDK 21 or newer for virtual threads (this is JDK "
                    + feature + ")");
            System.exit(2);
        }
        // The scheduler reads these when the first virtual thread starts.
        System.setProperty("jdk.virtualThreadScheduler.parallelism", k.text("carriers"));
        System.setProperty("jdk.virtualThreadScheduler.maxPoolSize", k.text("carriers"));
        System.setProperty("pxlab.samples.rates.load", Long.toString(k.nanos("load")));
        VirtualThreadService service = new VirtualThreadService(k.nanos("cs"));
        long end = System.nanoTime() + k.nanos("duration");
        long think = k.nanos("think");
        Latencies latencies = new Latencies();
        ThreadFactory factory = virtualThreads("vrequest-");
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < k.integer("threads", 1); i++) {
            Thread t = factory.newThread(latencies.loop(end, think, service::handle));   // cents: 0, 1, ...
            t.start();
            requests.add(t);
        }
        for (Thread t : requests) t.join();
        System.out.println(latencies.result("virtual-thread-service", "jdk=" + feature));
    }

    /** {@code Thread.ofVirtual().name(prefix, 0).factory()}, through reflection so the class compiles for Java 17. */
    private static ThreadFactory virtualThreads(String prefix) throws ReflectiveOperationException {
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object b = Thread.class.getMethod("ofVirtual").invoke(null);
        Method name = builder.getMethod("name", String.class, long.class);
        b = name.invoke(b, prefix, 0L);
        return (ThreadFactory) builder.getMethod("factory").invoke(b);
    }
}
