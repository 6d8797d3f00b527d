package pxlab.corpus.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Background CPU load for the "loaded" runs: N shell busy loops at nice 0, the load of a parallel build without its
 * variance. Stopped (each process by its handle) when closed.
 */
final class BackgroundLoad implements AutoCloseable {

    private final List<Process> loops = new ArrayList<>();

    /**
     * Starts the loops.
     *
     * @param count How many.
     * @throws IOException When a shell cannot be started.
     */
    BackgroundLoad(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            loops.add(new ProcessBuilder("sh", "-c", "while :; do :; done").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
    }

    @Override
    public void close() {
        for (Process p : loops) p.destroyForcibly();
        for (Process p : loops) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Returns the machine's load averages now.
     *
     * @return The first three fields of {@code /proc/loadavg}, e.g. {@code 2.10 1.80 1.55}, or {@code ?}.
     */
    static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
