package pxlab.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The no-contention case, run under the agent by {@link Recordings#calm()}: four threads each take their own lock
 * a thousand times and sleep in between, so the recording has lock events enabled and no lock wait; then it idles
 * until each thread has a {@code pxlab.ThreadCpu} sample.
 */
public final class CalmApp {

    public static void main(String[] args) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            ReentrantLock own = new ReentrantLock();
            Object monitor = new Object();
            Thread th = new Thread(() -> {
                long sum = 0;
                for (int i = 0; i < 1000; i++) {
                    own.lock();
                    try {
                        sum += i;
                    } finally {
                        own.unlock();
                    }
                    synchronized (monitor) {
                        sum ^= i;
                    }
                    if (i % 100 == 0) sleep(5);
                }
                if (sum == 42) System.out.println(sum);
            }, "calm-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        // Longer than the agent's pxlab.ThreadCpu period (1 s), so every thread is sampled at least once, the
        // threads only the OS knows (the JVM's GC threads) among them.
        Thread.sleep(1500);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
