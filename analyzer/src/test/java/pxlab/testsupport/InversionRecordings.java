package pxlab.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recordings of {@link InversionApp}, each made once per test JVM and shared by every integration test that
 * reads it: a recording takes seconds of real time (owners hold locks for {@link InversionApp#HOLD_MS} under CPU
 * hogs), and the tests only read it.
 */
public final class InversionRecordings {

    private static final Map<String, Path> MADE = new HashMap<>();
    private static Path dir;

    private InversionRecordings() {
    }

    /**
     * Returns the {@code hogs} run under the agent, pinned to one CPU so the hogs preempt the reniced owners.
     *
     * @return The recording.
     */
    public static synchronized Path hogs() throws Exception {
        Path p = MADE.get("hogs");
        if (p == null) {
            p = ChildJvm.withAgent(dir(), "hogs", List.of("taskset", "-c", "0"), InversionApp.class, "hogs");
            MADE.put("hogs", p);
        }
        return p;
    }

    /**
     * Returns the {@code quiet} run under the agent, on every CPU.
     *
     * @return The recording.
     */
    public static synchronized Path quiet() throws Exception {
        Path p = MADE.get("quiet");
        if (p == null) {
            p = ChildJvm.withAgent(dir(), "quiet", List.of(), InversionApp.class, "quiet");
            MADE.put("quiet", p);
        }
        return p;
    }

    /**
     * Returns the {@code jdk} run under JFR alone, without the agent.
     *
     * @return The recording.
     */
    public static synchronized Path jdk() throws Exception {
        Path p = MADE.get("jdk");
        if (p == null) {
            p = ChildJvm.withoutAgent(dir(), "jdk", InversionApp.class, "jdk");
            MADE.put("jdk", p);
        }
        return p;
    }

    /** A directory for the whole JVM, removed when it exits (a test class's {@code @TempDir} dies with the class). */
    private static Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("pxlab-recordings");
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
        }
        return dir;
    }

    private static void delete(Path d) {
        try (Stream<Path> all = Files.walk(d)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
