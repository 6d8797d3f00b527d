package pxlab.rules.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import pxlab.testsupport.StandInLockWait;

/**
 * Writes a large recording of real contention for the rules benchmark (docs/BENCHMARKS.md): sixteen threads take one
 * monitor in turn, and every acquisition is recorded twice, as the JDK's {@code jdk.JavaMonitorEnter} (threshold 0,
 * when the thread blocked) and as a {@code pxlab.LockWait} of the agent's shape naming the previous holder. So
 * JMC's JavaBlocking rule and the pxlab rules read the same waits from one file.
 */
public final class ContendedRecording {

    private static final int THREADS = 16;

    private ContendedRecording() {
    }

    /**
     * Records {@code events} lock waits to a file.
     *
     * @param events How many pxlab.LockWait events to write.
     * @param out    The file.
     */
    public static void write(long events, Path out) throws Exception {
        try (Recording r = new Recording()) {
            r.enable("pxlab.LockWait").withThreshold(Duration.ZERO);
            r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO).withoutStackTrace();
            r.enable("jdk.CPUInformation");
            r.enable("jdk.ThreadStart");
            r.setToDisk(true);
            r.start();
            contend(events);
            r.stop();
            r.dump(out);
        }
    }

    private static long spin(long ns, long sink) {
        long until = System.nanoTime() + ns;
        while (System.nanoTime() < until) sink += sink * 31 + 1;
        return sink;
    }

    private static void contend(long events) throws InterruptedException {
        Object monitor = new Object();
        AtomicLong left = new AtomicLong(events);
        Thread[] holder = new Thread[1];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                long sink = 0;
                while (left.getAndDecrement() > 0) {
                    StandInLockWait e = new StandInLockWait();
                    e.begin();
                    synchronized (monitor) {
                        e.end();
                        e.lockId = System.identityHashCode(monitor);
                        e.lockClass = Object.class;
                        e.kind = "monitor";
                        e.owner = holder[0];
                        e.acquired = true;
                        e.commit();
                        holder[0] = Thread.currentThread();
                        // Yielding the CPU while holding the monitor lets the waiters run out of spinning and
                        // block, which is when the JDK records jdk.JavaMonitorEnter; spinning alone rarely does.
                        Thread.yield();
                    }
                    // Work outside too, so the releasing thread does not take the monitor straight back.
                    sink = spin(5_000, sink);
                }
                if (sink == 42) System.out.print("");
            }, "worker-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
    }
}
