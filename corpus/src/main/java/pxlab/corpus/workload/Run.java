package pxlab.corpus.workload;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.concurrent.locks.LockSupport;
import pxlab.corpus.truth.OsThread;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;
import pxlab.corpus.truth.TruthLog;

/**
 * One run of a workload: its knobs, its truth log, the threads it started and when they stop. Workloads start
 * their threads here so that every one is joined before the truth is written.
 */
public final class Run {

    /** A thread's body; may throw, which fails the run. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** A piece of work that holds a lock for a given CPU time: what a planted owner does. */
    @FunctionalInterface
    public interface Hold {
        void hold(long cpuNs) throws Exception;
    }

    /** Thrown by a workload that cannot run here; the message says why, in one line. */
    public static final class Skip extends Exception {

        private static final long serialVersionUID = 1L;

        public Skip(String reason) {
            super(reason);
        }
    }

    private final Knobs knobs;
    private final TruthLog truth;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile long deadlineNs = Long.MAX_VALUE;
    private volatile boolean hogsStop;

    Run(Knobs knobs, TruthLog truth) {
        this.knobs = knobs;
        this.truth = truth;
    }

    /** Returns the knobs. */
    public Knobs knobs() {
        return knobs;
    }

    /** Returns the truth log. */
    public TruthLog truth() {
        return truth;
    }

    /**
     * Declares a lock and what the workload plants on it, which names it: one call, so the two cannot disagree.
     *
     * @param kind  The lock's kind ({@link TruthLog#lock}).
     * @param plant The plant, whose {@link Plant#lock()} is the lock's name.
     * @return The tracked lock.
     */
    public TrackedLock plantedLock(String kind, Plant plant) {
        TrackedLock lock = truth.lock(plant.lock(), kind);
        truth.plant(plant);
        return lock;
    }

    /**
     * Starts the clock: from now the workload's threads run for the knobs' duration. Called once set-up (class
     * loading, renicing, warming up) is done, so the duration is all workload.
     */
    public void go() {
        deadlineNs = System.nanoTime() + knobs.durationNs();
    }

    /**
     * Returns whether the workload's threads should go on.
     *
     * @return {@code false} once the duration has passed.
     */
    public boolean running() {
        return System.nanoTime() < deadlineNs;
    }

    /**
     * Starts a platform thread that the run joins at its end.
     *
     * @param name Its name, which the truth and the recording both carry.
     * @param body What it runs.
     * @return The started thread.
     */
    public Thread start(String name, Body body) {
        Thread t = new Thread(() -> guard(body), name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /**
     * Starts a platform thread that first sets itself up (loads its classes, renices, pins) and then runs its body;
     * returns once the set-up is done, so the workload starts its hogs and the clock on threads already in place.
     *
     * @param name  Its name.
     * @param setUp What it does first.
     * @param body  What it runs then.
     * @return The started thread.
     * @throws InterruptedException When interrupted while waiting for the set-up.
     */
    public Thread start(String name, Body setUp, Body body) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = start(name, () -> {
            try {
                setUp.run();
            } finally {
                ready.countDown();
            }
            body.run();
        });
        if (!ready.await(30, TimeUnit.SECONDS)) throw new IllegalStateException(name + " not set up in 30 s");
        return t;
    }

    /**
     * Starts threads {@code prefix0, prefix1, ...} that each repeat a request and a pause until the run ends: a
     * workload's clients, readers or workers.
     *
     * @param prefix  Their names' prefix, e.g. {@code writer-}.
     * @param count   How many.
     * @param pauseNs The pause after each request.
     * @param request One request.
     * @throws InterruptedException When interrupted while they set up.
     */
    public void clients(String prefix, int count, long pauseNs, Body request) throws InterruptedException {
        clients(prefix, count, () -> { }, pauseNs, request);
    }

    /**
     * Starts clients that first set themselves up (renice, pin), as {@link #start(String, Body, Body)} does.
     *
     * @param prefix  Their names' prefix.
     * @param count   How many.
     * @param setUp   What each does first.
     * @param pauseNs The pause after each request.
     * @param request One request.
     * @throws InterruptedException When interrupted while they set up.
     */
    public void clients(String prefix, int count, Body setUp, long pauseNs, Body request) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            start(prefix + i, setUp, () -> {
                while (running()) {
                    request.run();
                    pause(pauseNs);
                }
            });
        }
    }

    /**
     * Starts a background thread that sets itself up, then until the run ends sleeps and does its work: a
     * workload's indexer, compactor or flusher.
     *
     * @param name     Its name.
     * @param setUp    What it does first (load its classes, renice).
     * @param periodMs The sleep before each piece of work.
     * @param work     One piece of work.
     * @throws InterruptedException When interrupted while it sets up.
     */
    public void periodic(String name, Body setUp, long periodMs, Body work) throws InterruptedException {
        start(name, setUp, () -> {
            while (running()) {
                sleepMs(periodMs);
                work.run();
            }
        });
    }

    /**
     * Starts the owner the corpus most often plants: it holds its lock once briefly (100 µs of CPU, so its classes
     * are loaded before it is slowed down), renices itself, then until the run ends sleeps and holds the lock for
     * 1 ms of CPU time, which CPU hogs stretch in wall time.
     *
     * @param name     Its name.
     * @param nice     The nice value it takes after warming up.
     * @param periodMs The sleep before each hold.
     * @param hold     One hold of the lock.
     * @throws InterruptedException When interrupted while it sets up.
     */
    public void renicedOwner(String name, int nice, long periodMs, Hold hold) throws InterruptedException {
        periodic(name, () -> {
            hold.hold(100_000);
            renice(nice);
        }, periodMs, () -> hold.hold(1_000_000));
    }

    /**
     * Returns a thread factory for an executor the workload makes (a pool, a library's maintenance thread): its
     * threads are daemons that the run adopts, so it waits for them too.
     *
     * @param name Names a thread by its number, from 0.
     * @return The factory.
     */
    public ThreadFactory threadFactory(IntFunction<String> name) {
        AtomicInteger made = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name.apply(made.getAndIncrement()));
            t.setDaemon(true);
            adopt(t);
            return t;
        };
    }

    /**
     * Adopts a thread made elsewhere (a virtual thread, a pool's), so the run waits for it too.
     *
     * @param t The thread.
     */
    public void adopt(Thread t) {
        threads.add(t);
    }

    /**
     * Wraps a body so that a failure is kept for the end of the run.
     *
     * @param body The body.
     * @return A runnable.
     */
    public Runnable guarded(Body body) {
        return () -> guard(body);
    }

    private void guard(Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /**
     * Starts CPU hogs: nice-0 threads that spin, never touching a lock, until the run ends.
     *
     * @param count How many.
     * @param cpus  The CPUs to pin them to ({@code taskset} list), or {@code null} for any.
     */
    public void hogs(int count, String cpus) {
        for (int i = 0; i < count; i++) {
            start("hog-" + i, () -> {
                if (cpus != null) pin(cpus);
                while (!hogsStop) Burn.spin(1_000_000);
            });
        }
    }

    /**
     * Starts the knobs' count of CPU hogs, by default {@code perCpu} for each CPU, free to run on any: enough to
     * preempt a low-priority owner wherever it runs.
     *
     * @param perCpu The default hogs per CPU.
     */
    public void hogsPerCpu(int perCpu) {
        hogs(knobs.hogsOr(perCpu * Runtime.getRuntime().availableProcessors()), null);
    }

    /**
     * Sets the calling thread's nice value and logs it to the truth; a failure is noted and the thread keeps the
     * nice value it had, which the truth then says.
     *
     * @param nice The nice value.
     */
    public void renice(int nice) {
        long asked = System.nanoTime();
        String err = OsThread.renice(nice);
        if (err == null) {
            truth.sched(asked, nice, -1, null, "SCHED_OTHER");
        } else {
            truth.note(Map.of("thread", Thread.currentThread().getName(), "failed", err));
            System.err.println("corpus: " + err);
        }
    }

    /**
     * Makes the calling thread {@code SCHED_FIFO} and logs it to the truth; a failure (no root) is noted and the
     * thread keeps its policy.
     *
     * @param rtPriority 1..99.
     * @return Whether it worked.
     */
    public boolean fifo(int rtPriority) {
        long asked = System.nanoTime();
        String err = OsThread.fifo(rtPriority);
        if (err == null) {
            truth.schedFifo(asked, rtPriority);
            return true;
        }
        truth.note(Map.of("thread", Thread.currentThread().getName(), "failed", err));
        System.err.println("corpus: " + err);
        return false;
    }

    /**
     * Pins the calling thread to CPUs; a failure is noted.
     *
     * @param cpus A {@code taskset} CPU list.
     */
    public void pin(String cpus) {
        String err = OsThread.pin(cpus);
        if (err != null) {
            truth.note(Map.of("thread", Thread.currentThread().getName(), "failed", err));
            System.err.println("corpus: " + err);
        }
    }

    /**
     * Parks for about {@code ns}: the pause between one thread's requests, without holding a CPU.
     *
     * @param ns Nanoseconds.
     */
    public static void pause(long ns) {
        LockSupport.parkNanos(ns);
    }

    /**
     * Sleeps, as an owner does when it holds a lock across a wait.
     *
     * @param ms Milliseconds.
     */
    public static void sleepMs(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Logs a monitor section around a body: the request, the acquisition inside {@code synchronized}, and the
     * release just before it ends.
     *
     * @param lock    The tracked lock standing for {@code monitor}.
     * @param monitor The monitor object.
     * @param body    What runs holding it.
     */
    public static void synchronizedOn(TrackedLock lock, Object monitor, Body body) throws Exception {
        lock.request();
        synchronized (monitor) {
            lock.acquired();
            try {
                body.run();
            } finally {
                lock.released();
            }
        }
    }

    /**
     * Waits for every thread the workload started except the hogs: for a workload that must close something its
     * threads use before it returns.
     *
     * @throws InterruptedException When interrupted.
     * @throws IllegalStateException When a thread does not end 20 s after the run's end.
     */
    public void awaitThreads() throws InterruptedException {
        long end = deadlineNs == Long.MAX_VALUE ? System.nanoTime() : deadlineNs;
        for (int i = 0; i < threads.size(); i++) {   // by index: threads may start threads meanwhile
            Thread t = threads.get(i);
            if (t.getName().startsWith("hog-")) continue;
            long left = end + 20_000_000_000L - System.nanoTime();
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (t.isAlive()) throw new IllegalStateException(t.getName() + " did not end 20 s after the run's end");
        }
    }

    /**
     * Waits for every thread, stops the hogs, and fails with the first failure any thread had.
     *
     * @throws Exception The first failure, or an {@link IllegalStateException} when a thread would not end.
     */
    void finish() throws Exception {
        awaitThreads();
        hogsStop = true;
        for (Thread t : threads) t.join(5_000);
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof Exception) throw (Exception) first;
            throw new IllegalStateException(first);
        }
    }
}
