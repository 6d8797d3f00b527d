package pxlab.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sample 5, a sleeping owner: requests (nice 0) append to an audit journal under its lock; a {@code journal-flusher}
 * (nice 19) holds the same lock across its write to slow storage (a sleep standing in for the I/O). The requests
 * wait for an owner that is not runnable at all, so proxy execution, which can only run a runnable owner, cannot
 * help: the fix is to do the I/O outside the lock. No CPU hogs by default, so the owner is only ever asleep.
 *
 * <p>Time requests with {@code requests=pxlab.samples.SleepingOwnerService#handle}.
 */
public final class SleepingOwnerService {

    private final ReentrantLock journal = new ReentrantLock();
    private final StringBuilder pending = new StringBuilder();
    private long flushed;

    private SleepingOwnerService() {
    }

    /** Serves one request: appends an audit line under the journal lock. */
    void handle(int id) {
        journal.lock();
        try {
            pending.append("request ").append(id).append('\n');
        } finally {
            journal.unlock();
        }
        Work.cpu(20_000);
    }

    /** Flushes the journal, holding its lock across the I/O. */
    void flush(long ioNs) {
        journal.lock();
        try {
            Work.sleep(ioNs);
            flushed += pending.length();
            pending.setLength(0);
        } finally {
            journal.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Knobs k = Knobs.parse("sleeping-owner-service", args,
                "threads", "2", "foreground request threads (nice 0)",
                "hogs", "0", "CPU hog threads (nice 0)",
                "duration", "10s", "how long the service runs",
                "cs", "50ms", "how long the flusher sleeps (its I/O) while holding the lock",
                "period", "200ms", "pause between flushes",
                "think", "2ms", "pause between one thread's requests");
        SleepingOwnerService service = new SleepingOwnerService();
        long end = System.nanoTime() + k.nanos("duration");
        long io = k.nanos("cs");
        long period = k.nanos("period");
        long think = k.nanos("think");
        CountDownLatch ready = new CountDownLatch(1);
        Thread flusher = Work.daemon("journal-flusher", () -> {
            service.flush(0);   // loads its classes before it runs at nice 19
            OsThread.renice(19);
            ready.countDown();
            while (System.nanoTime() < end) {
                Work.sleep(period);
                service.flush(io);
            }
        });
        ready.await();
        Work.hogs(k.integer("hogs", 0), end);
        Latencies latencies = new Latencies();
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < k.integer("threads", 1); i++) {
            requests.add(Work.daemon("request-" + i, latencies.loop(end, think, service::handle)));
        }
        for (Thread t : requests) t.join();
        flusher.join();
        System.out.println(latencies.result("sleeping-owner-service", "flushed_bytes=" + service.flushed));
    }
}
