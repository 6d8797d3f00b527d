package pxlab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordingFile;

/**
 * Writes a large recording of {@code pxlab.LockWait} events for the analyzer benchmark (docs/BENCHMARKS.md):
 * {@code java -cp benchmarks/target/pxlab-benchmarks.jar pxlab.bench.LockRecording EVENTS FILE}.
 *
 * <p>Eight threads each commit their share of the events: every wait names the next thread as its owner, with
 * owner charges, the shape the agent writes for waits of 1 ms or more. The event class mirrors the agent's
 * contract (docs/EVENTS.md) so that this module needs no agent on its class path; the waits themselves last
 * only as long as it takes to fill them in.
 *
 * <p>JFR drops events when commits outrun its disk writer (asked for 10M in one recording, a file held 8.2M). So
 * the file is written in rounds of {@link #ROUND} events, each its own short recording that fits JFR's memory
 * buffers; each round's file is counted and appended (a JFR file is a sequence of self-contained chunks, so
 * appending chunks gives one recording), and rounds go on until the file holds at least the number asked.
 */
public final class LockRecording {

    private static final int THREADS = 8;
    /** Events per round: about 6.5 MiB, under JFR's default 10 MiB of global buffers, so few are dropped. */
    static final int ROUND = 250_000;

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
        long asked = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        Path part = Files.createTempFile("pxlab-round", ".jfr");
        Thread[] workers = new Thread[THREADS];
        AtomicInteger made = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            int i = made.getAndIncrement();
            workers[i] = new Thread(r, "worker-" + i);
            workers[i].setDaemon(true);
            return workers[i];
        });
        // Every worker exists before any commits: each names the next as its waits' owner.
        ((ThreadPoolExecutor) pool).prestartAllCoreThreads();
        long written = 0;
        int rounds = 0;
        try {
            Files.deleteIfExists(out);
            while (written < asked) {
                long n = Math.min(ROUND, asked - written);
                record(pool, workers, n, part);
                written += count(part);
                append(part, out);
                rounds++;
            }
        } finally {
            pool.shutdownNow();
            Files.deleteIfExists(part);
        }
        System.out.println("wrote " + written + " pxlab.LockWait events (asked for " + asked + ") to " + out + " ("
                + Files.size(out) / (1 << 20) + " MiB, " + rounds + " rounds)");
    }

    /** One round: a recording of {@code events} waits from the eight workers, dumped to {@code part}. */
    private static void record(ExecutorService pool, Thread[] workers, long events, Path part) throws Exception {
        try (Recording r = new Recording()) {
            r.enable("pxlab.LockWait").withThreshold(java.time.Duration.ZERO).withoutStackTrace();
            r.enable("jdk.CPUInformation");
            r.setToDisk(true);
            r.start();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                long share = events / THREADS + (i < events % THREADS ? 1 : 0);
                done.add(pool.submit(() -> commit(workers, share)));
            }
            for (Future<?> f : done) f.get();
            r.stop();
            r.dump(part);
        }
    }

    private static void commit(Thread[] workers, long share) {
        int me = Integer.parseInt(Thread.currentThread().getName().substring("worker-".length()));
        Thread owner = workers[(me + 1) % THREADS];
        Object lock = new Object();
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
    }

    private static long count(Path part) throws IOException {
        long n = 0;
        try (RecordingFile f = new RecordingFile(part)) {
            while (f.hasMoreEvents()) {
                if (f.readEvent().getEventType().getName().equals("pxlab.LockWait")) n++;
            }
        }
        return n;
    }

    private static void append(Path part, Path out) throws IOException {
        try (OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            Files.copy(part, o);
        }
    }
}
