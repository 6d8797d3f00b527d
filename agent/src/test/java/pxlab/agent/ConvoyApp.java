package pxlab.agent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A convoy: {@value #THREADS} threads take one of {@value #LOCKS} monitors, then one of {@value #LOCKS}
 * {@code ReentrantLock}s, at random, each time parking about {@value #HOLD_US} µs inside. On two CPUs every lock
 * always has a queue, and monitors hand off many times during one wait, often to a thread still waiting for a CPU:
 * the pattern where a monitor's owner is hardest to find.
 *
 * <p>Arguments: {@code [seconds] [truth file]} (default 4 s, no file). The truth file gets every monitor hold as
 * {@code <monitor> <Java thread id> <from> <to>} in {@code System.nanoTime()} units: {@code from} just inside the
 * block, after the monitor was taken, {@code to} just after it, once it was released; {@link Clock} events relate
 * them to the recording's clock. Prints
 * {@code monitor <index> <identity hash>} for each monitor, and {@code RESULT monitor=<holds> mutex=<holds>}.
 */
public final class ConvoyApp {

    static final int THREADS = 32;
    static final int LOCKS = 8;
    static final long HOLD_US = 50;

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 4;
        Path truth = args.length > 1 ? Path.of(args[1]) : null;
        Object[] monitors = new Object[LOCKS];
        ReentrantLock[] locks = new ReentrantLock[LOCKS];
        for (int i = 0; i < LOCKS; i++) {
            monitors[i] = new Object();
            locks[i] = new ReentrantLock();
            System.out.println("monitor " + i + " " + System.identityHashCode(monitors[i]));
        }
        Clock.mark();
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        Worker[] workers = new Worker[THREADS];
        for (int t = 0; t < THREADS; t++) {
            Worker w = new Worker(monitors, locks, until, truth != null);
            workers[t] = w;
            w.thread = new Thread(w, "convoy-" + t);
            w.thread.start();
        }
        long monitorHolds = 0;
        long mutexHolds = 0;
        for (Worker w : workers) {
            while (w.thread.isAlive()) {
                Clock.mark();
                w.thread.join(500);
            }
            monitorHolds += w.monitorHolds;
            mutexHolds += w.mutexHolds;
        }
        Clock.mark();
        if (truth != null) {
            try (BufferedWriter out = Files.newBufferedWriter(truth)) {
                for (Worker w : workers) w.write(out);
            }
        }
        System.out.println("RESULT monitor=" + monitorHolds + " mutex=" + mutexHolds);
    }

    /**
     * {@code pxlab.test.Clock}: {@code System.nanoTime()} at the event's own time, so that a test can place the truth
     * file's times on the recording's clock (committed at the start, every half second and at the end).
     */
    @jdk.jfr.Name("pxlab.test.Clock")
    @jdk.jfr.StackTrace(false)
    static final class Clock extends jdk.jfr.Event {
        long nanoTime;

        static void mark() {
            Clock c = new Clock();
            c.nanoTime = System.nanoTime();
            c.commit();
        }
    }

    /** One convoy thread and, when asked, the log of its monitor holds. */
    private static final class Worker implements Runnable {
        final Object[] monitors;
        final ReentrantLock[] locks;
        final long until;
        final boolean log;
        Thread thread;
        long monitorHolds;
        long mutexHolds;
        /** Per hold: monitor index, from, to. */
        long[] holds = new long[3 * 1024];

        Worker(Object[] monitors, ReentrantLock[] locks, long until, boolean log) {
            this.monitors = monitors;
            this.locks = locks;
            this.until = until;
            this.log = log;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < until) {
                int m = random.nextInt(LOCKS);
                long from;
                synchronized (monitors[m]) {
                    from = System.nanoTime();
                    LockSupport.parkNanos(HOLD_US * 1000);
                }
                if (log) note(m, from, System.nanoTime());
                monitorHolds++;
                ReentrantLock lock = locks[random.nextInt(LOCKS)];
                lock.lock();
                try {
                    LockSupport.parkNanos(HOLD_US * 1000);
                    mutexHolds++;
                } finally {
                    lock.unlock();
                }
            }
        }

        private void note(int monitor, long from, long to) {
            int i = (int) (3 * monitorHolds);
            if (i + 3 > holds.length) holds = Arrays.copyOf(holds, holds.length * 2);
            holds[i] = monitor;
            holds[i + 1] = from;
            holds[i + 2] = to;
        }

        void write(BufferedWriter out) throws IOException {
            long id = thread.getId();
            for (int i = 0; i < 3 * monitorHolds; i += 3) {
                out.write(holds[i] + " " + id + " " + holds[i + 1] + " " + holds[i + 2] + "\n");
            }
        }
    }
}
