package pxlab.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test program in a JVM of its own (the JDK running the tests) and returns the recording it wrote.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs a main class under the packaged agent, which records to a file at exit.
     *
     * @param dir    Where the recording and the program's standard error go.
     * @param name   The run's name, for file names and messages.
     * @param prefix A command prefix such as {@code taskset -c 0}, or empty.
     * @param main   The main class, from this module's test classes.
     * @param args   Its arguments.
     * @return The recording.
     */
    public static Path withAgent(Path dir, String name, List<String> prefix, Class<?> main, String... args)
            throws Exception {
        Path jfr = dir.resolve(name + ".jfr");
        return run(dir, name, prefix, List.of("-javaagent:" + agentJar() + "=record=" + jfr), main, args);
    }

    /**
     * Runs a main class under JFR alone, with the JDK's {@code profile} settings (lock events from 10 ms,
     * execution samples every 10 ms, sleeps).
     *
     * @param dir  Where the recording and the program's standard error go.
     * @param name The run's name.
     * @param main The main class.
     * @param args Its arguments.
     * @return The recording.
     */
    public static Path withoutAgent(Path dir, String name, Class<?> main, String... args) throws Exception {
        Path jfr = dir.resolve(name + ".jfr");
        return run(dir, name, List.of(), List.of("-XX:StartFlightRecording:settings=profile,filename=" + jfr), main,
                args);
    }

    private static Path run(Path dir, String name, List<String> prefix, List<String> jvmArgs, Class<?> main,
                            String... args) throws Exception {
        Path jfr = dir.resolve(name + ".jfr");
        Path err = dir.resolve(name + ".stderr");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        // Only the test classes: the program needs nothing else, and the agent must not meet its own classes there.
        cmd.addAll(List.of("-cp", classesOf(main), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish in 60 s: " + String.join(" ", cmd));
        }
        assertEquals(0, p.exitValue(), name + ": " + Files.readString(err));
        assertTrue(Files.size(jfr) > 0, name + " wrote no recording");
        return jfr;
    }

    private static String agentJar() {
        String jar = System.getProperty("pxlab.agent.jar");
        if (jar == null) throw new IllegalStateException("run through failsafe: pxlab.agent.jar is not set");
        if (!Files.isRegularFile(Path.of(jar))) throw new IllegalStateException("no agent jar at " + jar
                + ": build the agent module first (mvn -pl analyzer -am verify)");
        return jar;
    }

    private static String classesOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
