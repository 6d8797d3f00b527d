package pxlab.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sample 4, a chain: requests (nice 0) take the {@code accounts} lock; a {@code settlement} worker (nice 10) takes
 * {@code accounts} and then the {@code ledger}; a {@code ledger-compactor} (nice 19) holds the {@code ledger} while
 * it compacts, preempted by CPU hogs. A request then waits for {@code accounts}, held by the settlement worker, which
 * waits for {@code ledger}, held by the preempted compactor: proxy execution would run the end of the chain.
 *
 * <p>Time requests with {@code requests=pxlab.samples.ChainService#handle}.
 */
public final class ChainService {

    private final ReentrantLock accounts = new ReentrantLock();
    private final ReentrantLock ledger = new ReentrantLock();
    private long balance;
    private long entries;

    private ChainService() {
    }

    /** Serves one request: reads a balance under the accounts lock. */
    long handle() {
        accounts.lock();
        try {
            Work.cpu(20_000);
            return balance;
        } finally {
            accounts.unlock();
        }
    }

    /** Settles the day's transfers: the accounts, then the ledger. */
    void settle() {
        accounts.lock();
        try {
            ledger.lock();
            try {
                balance++;
                entries++;
            } finally {
                ledger.unlock();
            }
        } finally {
            accounts.unlock();
        }
    }

    /** Compacts the ledger, computing for {@code cpuNs} while holding it. */
    void compact(long cpuNs) {
        ledger.lock();
        try {
            Work.cpu(cpuNs);
            entries = entries / 2;
        } finally {
            ledger.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();
        Knobs k = Knobs.parse("chain-service", args,
                "threads", "2", "foreground request threads (nice 0)",
                "hogs", Integer.toString(2 * cpus), "CPU hog threads (nice 0)",
                "duration", "10s", "how long the service runs",
                "cs", "2ms", "CPU time the compactor computes while holding the ledger",
                "period", "100ms", "pause between compactions, and between settlements",
                "think", "2ms", "pause between one thread's requests");
        ChainService service = new ChainService();
        long end = System.nanoTime() + k.nanos("duration");
        long cs = k.nanos("cs");
        long period = k.nanos("period");
        long think = k.nanos("think");
        CountDownLatch ready = new CountDownLatch(2);
        Thread compactor = Work.daemon("ledger-compactor", () -> {
            service.compact(0);   // loads its classes before it runs at nice 19 under the hogs
            OsThread.renice(19);
            ready.countDown();
            while (System.nanoTime() < end) {
                service.compact(cs);
                Work.sleep(period);
            }
        });
        Thread settlement = Work.daemon("settlement", () -> {
            service.settle();
            OsThread.renice(10);
            ready.countDown();
            while (System.nanoTime() < end) {
                Work.sleep(period / 2);
                service.settle();
            }
        });
        ready.await();
        Work.hogs(k.integer("hogs", 0), end);
        Latencies latencies = new Latencies();
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < k.integer("threads", 1); i++) {
            requests.add(Work.daemon("request-" + i, latencies.loop(end, think, id -> service.handle())));
        }
        for (Thread t : requests) t.join();
        compactor.join();
        settlement.join();
        System.out.println(latencies.result("chain-service", "settlements=" + service.balance));
    }
}
