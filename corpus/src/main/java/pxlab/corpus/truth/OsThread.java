package pxlab.corpus.truth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's Linux identity and the commands that change its scheduling, as an operator would run them
 * ({@code renice}, {@code taskset}, {@code chrt} on its own thread id). Each change that works is logged to the
 * truth by the caller, so the truth says what the thread really had.
 */
public final class OsThread {

    private OsThread() {
    }

    /**
     * Returns the calling thread's Linux thread id.
     *
     * @return The id from {@code /proc/thread-self}, or -1 off Linux.
     */
    public static long tid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Returns the calling thread's nice value.
     *
     * @return Field 19 of {@code /proc/thread-self/stat}, or 0 when it cannot be read.
     */
    public static int nice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // The name in field 2 may hold spaces and parentheses: count fields after its closing ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(f[19 - 3]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Sets the calling thread's nice value ({@code renice -n N -p TID}); raising it needs no privilege.
     *
     * @param nice -20..19.
     * @return {@code null} when it worked, else why not.
     */
    public static String renice(int nice) {
        return run("renice", "-n", Integer.toString(nice), "-p", Long.toString(tid()));
    }

    /**
     * Pins the calling thread to some CPUs ({@code taskset -p -c LIST TID}).
     *
     * @param cpus A CPU list, e.g. {@code 0} or {@code 1-3}.
     * @return {@code null} when it worked, else why not.
     */
    public static String pin(String cpus) {
        return run("taskset", "-p", "-c", cpus, Long.toString(tid()));
    }

    /**
     * Makes the calling thread {@code SCHED_FIFO} ({@code chrt -f -p PRIO TID}); needs root or CAP_SYS_NICE.
     *
     * @param priority 1..99.
     * @return {@code null} when it worked, else why not.
     */
    public static String fifo(int priority) {
        return run("chrt", "-f", "-p", Integer.toString(priority), Long.toString(tid()));
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? null : String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            return String.join(" ", cmd) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
