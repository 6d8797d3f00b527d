package pxlab.agent.bootstrap;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads small files under {@code /proc} and {@code /sys} with a plain stream: no NIO channels and no
 * java.util.concurrent locks on the probe's path.
 */
final class Procfs {

    private Procfs() {
    }

    /**
     * Reads a whole file as UTF-8.
     *
     * @param path The file.
     * @return Its text, or {@code null} when it cannot be read (gone, not Linux, not permitted).
     */
    static String read(String path) {
        try (FileInputStream in = new FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * Returns a thread's kernel name ({@code comm}).
     *
     * @param tid The thread's OS id.
     * @return The name without its newline, or {@code null}.
     */
    static String comm(int tid) {
        String s = read("/proc/self/task/" + tid + "/comm");
        return s == null ? null : s.strip();
    }
}
