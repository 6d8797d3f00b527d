package pxlab.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test programs' access to their own OS thread: its id, and renice(1)/taskset(1) on it. */
final class Nice {

    private Nice() {
    }

    /**
     * Returns the calling thread's Linux thread id.
     *
     * @return The id from {@code /proc/thread-self}.
     */
    static long osThreadId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets the calling thread's nice value; fails the program if renice(1) fails.
     *
     * @param nice The new nice value.
     */
    static void set(int nice) {
        onOwnThread("renice", "-n", Integer.toString(nice), "-p");
    }

    /**
     * Sets the calling thread's CPU affinity; fails the program if taskset(1) fails.
     *
     * @param cpus A CPU list such as {@code 0} or {@code 0-1}.
     */
    static void affinity(String cpus) {
        onOwnThread("taskset", "-p", "-c", cpus);
    }

    /**
     * Tells whether a thread is blocked entering a given monitor (and not some other one, such as a JDK class's).
     *
     * @param t       The thread, or {@code null}.
     * @param monitor The monitor.
     * @return {@code true} when the JVM reports {@code t} blocked on {@code monitor}.
     */
    static boolean blockedOn(Thread t, Object monitor) {
        if (t == null) return false;
        java.lang.management.ThreadInfo info = java.lang.management.ManagementFactory.getThreadMXBean()
                .getThreadInfo(t.getId());
        return info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockInfo() != null
                && info.getLockInfo().getIdentityHashCode() == System.identityHashCode(monitor);
    }

    /** Runs a command with the calling thread's OS id as its last argument. */
    private static void onOwnThread(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add(Long.toString(osThreadId()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalStateException(cmd + " failed: " + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(cmd + " interrupted");
        }
    }
}
