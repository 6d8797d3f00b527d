package pxlab.agent;

import java.time.Instant;

/**
 * A thread, {@code renicer}, that changes its own scheduling attributes while it runs and never touches a lock: after
 * {@value #STEP_MS} ms it sets its nice to {@value #NICE}, after as long again its CPU affinity to CPU 0, then lives
 * {@value #STEP_MS} ms more. Only the periodic sampler can see these changes.
 *
 * <p>Prints {@code tid <OS id>}, then {@code reniced <from> <to>} and {@code affinity <from> <to>}: the instants just
 * before and just after each change, which takes a process (renice(1), taskset(1)) that a loaded machine may take a
 * second to run.
 */
public final class RenicedApp {

    static final int NICE = 9;
    static final long STEP_MS = 1300;

    public static void main(String[] args) throws Exception {
        Thread t = new Thread(() -> {
            System.out.println("tid " + Nice.osThreadId());
            sleep();
            Instant from = Instant.now();
            Nice.set(NICE);
            System.out.println("reniced " + from + " " + Instant.now());
            sleep();
            from = Instant.now();
            Nice.affinity("0");
            System.out.println("affinity " + from + " " + Instant.now());
            sleep();
        }, "renicer");
        t.start();
        t.join();
    }

    private static void sleep() {
        try {
            Thread.sleep(STEP_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
