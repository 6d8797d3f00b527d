package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a fresh JVM, keeping its stdout and stderr.
 *
 * <p>The child uses the {@code java} of the JVM running the tests, so running the suite on another JDK (as CI does on
 * 17 and 25) tests the child on that JDK too.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * One child JVM's outcome.
     *
     * @param name   What the caller called the run.
     * @param exit   Its exit status, or -1 if it was killed for running too long.
     * @param out    Its stdout.
     * @param err    Its stderr, after a note if it was killed.
     * @param millis Wall time from start to exit.
     */
    record Run(String name, int exit, String out, String err, long millis) {

        /**
         * Everything about the run, for an assertion message.
         *
         * @return Name, exit, time, stdout and stderr.
         */
        String describe() {
            return name + " exited " + exit + " after " + millis + " ms\n--- stdout ---\n" + out
                    + "\n--- stderr ---\n" + err;
        }

        /**
         * The first stdout line that starts with a prefix.
         *
         * @param prefix The prefix.
         * @return The line, or {@code null}.
         */
        String line(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        }

        /**
         * The {@code RESULT key=value ...} line's fields, in order; fails the test if there is none.
         *
         * @return Key to value.
         */
        Map<String, String> result() {
            String line = line("RESULT ");
            assertTrue(line != null, () -> "no RESULT line from " + describe());
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : line.substring("RESULT ".length()).trim().split(" ")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return m;
        }

        /**
         * One numeric field of the {@code RESULT} line; fails the test if it is missing.
         *
         * @param key The field.
         * @return Its value.
         */
        long field(String key) {
            String v = result().get(key);
            assertTrue(v != null, () -> "no " + key + " in RESULT of " + describe());
            return Long.parseLong(v);
        }
    }

    /**
     * Runs {@code java [jvmArgs] -cp <test class path> main [args]} and waits for it, killing it after a timeout.
     *
     * @param dir      Where to keep the output files.
     * @param name     A name for the run, unique in {@code dir}.
     * @param jvmArgs  Options before the class path, such as {@code -javaagent:...}.
     * @param timeoutS Seconds before the child is killed.
     * @param main     The main class.
     * @param args     The program's arguments.
     * @return The outcome.
     * @throws IOException          If the child cannot start or its output cannot be read.
     * @throws InterruptedException If interrupted while waiting.
     */
    static Run run(Path dir, String name, List<String> jvmArgs, long timeoutS, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return run(dir, name, List.of(), jvmArgs, timeoutS, main, args);
    }

    /**
     * Runs {@code [prefix] java [jvmArgs] -cp <test class path> main [args]}, e.g. behind {@code taskset -c 0}.
     *
     * @param dir      Where to keep the output files.
     * @param name     A name for the run, unique in {@code dir}.
     * @param prefix   A command the JVM runs under, or nothing.
     * @param jvmArgs  Options before the class path, such as {@code -javaagent:...}.
     * @param timeoutS Seconds before the child is killed.
     * @param main     The main class.
     * @param args     The program's arguments.
     * @return The outcome.
     * @throws IOException          If the child cannot start or its output cannot be read.
     * @throws InterruptedException If interrupted while waiting.
     */
    static Run run(Path dir, String name, List<String> prefix, List<String> jvmArgs, long timeoutS, Class<?> main,
                   String... args) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".stdout");
        Path err = dir.resolve(name + ".stderr");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(timeoutS, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Run(name, finished ? p.exitValue() : -1, Files.readString(out),
                (finished ? "" : "[killed: no exit within " + timeoutS + " s]\n") + Files.readString(err), millis);
    }
}
