package pxlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Writes a large recording of {@code pxlab.LockWait} events for the analyzer benchmark (docs/BENCHMARKS.md):
 * {@code java -cp benchmarks/target/pxlab-benchmarks.jar pxlab.bench.LockRecording EVENTS FILE}.
 *
 * <p>Eight threads each commit their share of the events: every wait names the next thread as its owner, with
 * owner charges, the shape the agent writes for waits of 1 ms or more. The event class mirrors the agent's
 * contract (docs/EVENTS.md) so that this module needs no agent on its class path; the waits themselves last
 * only as long as it takes to fill them in.
 */
public final class LockRecording {

    private static final int THREADS = 8;

    /** The fields of the agent's {@code pxlab.LockWait} that the analyzer reads. */
    @Name("pxlab.LockWait")
    @Label("Lock Wait")
    @Category({"pxlab", "Locks"})
    @StackTrace(false)
    static final class LockWait extends jdk.jfr.Event {
        long lockId;
        Class<?> lockClass;
        String kind;
        Thread owner;
        long ownerOsThreadId;
        boolean acquired;
        @Timespan(Timespan.NANOSECONDS)
        long ownerCpuTime;
        @Timespan(Timespan.NANOSECONDS)
        long ownerRunqueueWait;
    }

    private LockRecording() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LockRecording EVENTS FILE.jfr");
            System.exit(2);
        }
        long events = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        try (Recording r = new Recording()) {
            r.enable("pxlab.LockWait").withThreshold(java.time.Duration.ZERO).withoutStackTrace();
            r.enable("jdk.CPUInformation");
            r.setToDisk(true);
            r.start();
            write(events);
            r.stop();
            r.dump(out);
        }
        System.out.println("wrote " + events + " pxlab.LockWait events to " + out + " ("
                + java.nio.file.Files.size(out) / (1 << 20) + " MiB)");
    }

    private static void write(long events) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        Thread[] all = new Thread[THREADS];
        Object lock = new Object();
        for (int i = 0; i < THREADS; i++) {
            int me = i;
            long share = events / THREADS + (i < events % THREADS ? 1 : 0);
            all[i] = new Thread(() -> {
                Thread owner = all[(me + 1) % THREADS];
                for (long n = 0; n < share; n++) {
                    LockWait e = new LockWait();
                    e.begin();
                    e.lockId = n % 64;
                    e.lockClass = lock.getClass();
                    e.kind = "mutex";
                    e.owner = owner;
                    e.ownerOsThreadId = 0;
                    e.acquired = true;
                    e.ownerCpuTime = n % 1000;
                    e.ownerRunqueueWait = n % 700;
                    e.end();
                    e.commit();
                }
            }, "worker-" + i);
            threads.add(all[i]);
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
    }

}
