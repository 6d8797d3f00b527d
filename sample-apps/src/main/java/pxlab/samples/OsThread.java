package pxlab.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's Linux identity. A JVM has no API for a thread's nice value, so a background thread lowers its
 * own priority the way an operator would: {@code renice} on its OS thread id (raising nice needs no privilege).
 */
final class OsThread {

    private OsThread() {
    }

    /** Returns the calling thread's Linux thread id, or -1 off Linux. */
    static long tid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Sets the calling thread's nice value with {@code renice(1)}; on failure says so in one line and carries on
     * (the sample still runs, only without the priority gap).
     *
     * @param nice The nice value, 0..19 without privileges.
     * @return Whether it worked.
     */
    static boolean renice(int nice) {
        long tid = tid();
        if (tid < 0) return warn("no /proc/thread-self");
        try {
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", Long.toString(tid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0 || warn("renice exited " + p.exitValue());
        } catch (IOException e) {
            return warn(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean warn(String why) {
        System.err.println("sample: could not renice " + Thread.currentThread().getName() + ": " + why);
        return false;
    }
}
