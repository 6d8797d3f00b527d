package pxlab.agent;

/**
 * A program for the monitor tests. Each mode has a {@code holder} thread that keeps a monitor busy on the CPU while a
 * {@code waiter} (and, in {@code wait} mode, a {@code late} waiter) blocks on it:
 * <ul>
 *   <li>{@code block}: {@code synchronized (lock)}; {@code method}: a synchronized instance method;
 *       {@code static}: a static synchronized method;</li>
 *   <li>{@code wait}: the holder gives the monitor up in {@code lock.wait(200)} in the middle of its hold, so the
 *       waiter gets it then, and a late waiter blocks on the second half;</li>
 *   <li>{@code hot}: no contention; runs a synchronized block and method often enough for C2 to compile them.</li>
 * </ul>
 */
public final class MonitorApp {

    /** How long the holder spins in each half of its hold. */
    static final long SPIN_MS = 200;
    static final Object LOCK = new Lock();
    static long counter;

    /** A class of its own, so the tests can tell the monitor's class in the recording. */
    static final class Lock {
        synchronized void hold() {
            spin(SPIN_MS * 2);
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        staticMode = mode.equals("static");
        if (mode.equals("hot")) {
            hot();
            return;
        }
        Thread holder = new Thread(() -> {
            System.out.println("tid holder " + osThreadId());
            hold(mode);
            spin(100);   // alive a while after the release, so the waiter can still read the holder's schedstat
        }, "holder");
        holder.start();
        Thread.sleep(50);   // the holder has the monitor by now
        Thread waiter = new Thread(MonitorApp::touch, "waiter");
        waiter.start();
        Thread late = null;
        if (mode.equals("wait")) {
            Thread.sleep(SPIN_MS + 200 + SPIN_MS / 3);   // the holder is back from wait(), in its second half
            late = new Thread(MonitorApp::touch, "late");
            late.start();
        }
        holder.join();
        waiter.join();
        if (late != null) late.join();
    }

    private static void hold(String mode) {
        switch (mode) {
            case "block" -> {
                synchronized (LOCK) {
                    spin(SPIN_MS * 2);
                }
            }
            case "method" -> ((Lock) LOCK).hold();
            case "static" -> holdStatic();
            case "wait" -> {
                synchronized (LOCK) {
                    spin(SPIN_MS);
                    try {
                        LOCK.wait(200);   // gives the monitor up: the hold ends here
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    spin(SPIN_MS);
                }
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static synchronized void holdStatic() {
        spin(SPIN_MS * 2);
    }

    private static void touch() {
        if (Thread.currentThread().getName().equals("waiter") && staticMode) {
            touchStatic();
            return;
        }
        synchronized (LOCK) {
            counter++;
        }
    }

    static volatile boolean staticMode;

    private static synchronized void touchStatic() {
        counter++;
    }

    /** Calls a synchronized block and method a few million times: both must still be compiled by C2. */
    private static void hot() {
        long sum = 0;
        for (int i = 0; i < 3_000_000; i++) {
            sum += hotBlock(i) + hotMethod(i) + HOT.hotInstance(i);
        }
        System.out.println("sum " + sum);
    }

    static int hotBlock(int i) {
        synchronized (LOCK) {
            counter += i;
            return (int) counter & 1;
        }
    }

    static final Hot HOT = new Hot();

    /** A synchronized instance method, for the compile check. */
    static final class Hot {
        long total;

        synchronized int hotInstance(int i) {
            total += i;
            return (int) total & 7;
        }
    }

    static synchronized int hotMethod(int i) {
        counter -= i;
        return (int) counter & 3;
    }

    private static String osThreadId() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self")).getFileName()
                    .toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void spin(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < until) Thread.onSpinWait();
    }
}
