package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import pxlab.analysis.Analysis;
import pxlab.analysis.AnalysisOptions;
import pxlab.analysis.Analyzer;
import pxlab.analysis.Progress;
import pxlab.inversion.ClassifiedWait;
import pxlab.replay.ReplayOptions;
import pxlab.samples.demo.SampleResult;
import pxlab.trace.Trace;

/**
 * One run of a program in a JVM of its own (the JDK running the tests) under the packaged agent, and the analysis
 * of its recording through the analyzer library, as {@code pxlab analyze} does it.
 *
 * @param exit     The exit code.
 * @param stdout   Its standard output.
 * @param stderr   Its standard error.
 * @param jfr      The recording.
 * @param result   Its RESULT line, or {@code null}.
 */
record SampleRun(int exit, List<String> stdout, String stderr, Path jfr, SampleResult result) {

    /**
     * Runs a main class with the agent recording and timing one request method.
     *
     * @param dir       Where files go.
     * @param name      The run's name.
     * @param classPath The program's class path.
     * @param requests  The agent's {@code requests=} value.
     * @param main      The main class name.
     * @param args      Its arguments.
     * @return The run.
     */
    static SampleRun withAgent(Path dir, String name, String classPath, String requests, String main,
                               String... args) throws Exception {
        Path jfr = dir.resolve(name + ".jfr");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agentJar() + "=record=" + jfr + ",requests=" + requests, "-cp", classPath, main));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish in 90 s: " + String.join(" ", cmd));
        }
        List<String> lines = Files.readAllLines(out);
        return new SampleRun(p.exitValue(), lines, Files.readString(err), jfr,
                SampleResult.find(lines).orElse(null));
    }

    /** Runs a sample from this module's classes: only they are on its class path, as the README says. */
    static SampleRun sample(Path dir, Class<?> main, String requests, String... args) throws Exception {
        String classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        SampleRun run = withAgent(dir, main.getSimpleName(), classes, requests, main.getName(), args);
        run.assertOk();
        return run;
    }

    /** Fails with the program's output unless it exited 0 with a RESULT line and a recording. */
    void assertOk() throws Exception {
        assertTrue(exit == 0 && result != null && Files.isRegularFile(jfr) && Files.size(jfr) > 0,
                "exit " + exit + ", stdout " + stdout + ", stderr " + stderr);
    }

    /** Analyses the recording with every policy replayed, all inversions listed. */
    Analysis analyse() throws Exception {
        return analyse(ReplayOptions.DEFAULT);
    }

    /** Analyses the recording, replaying it with the given options. */
    Analysis analyse(ReplayOptions options) throws Exception {
        return Analyzer.analyze(jfr, AnalysisOptions.DEFAULT.withReplay(options), Progress.NONE);
    }

    /** Reads the recording's trace. */
    Trace trace() throws Exception {
        return Trace.read(jfr);
    }

    /** Describes a wait in one line, for assertion messages. */
    static String describe(ClassifiedWait c) {
        return c.lockWait().waiter().name() + " <- " + (c.owner() == null ? "?" : c.owner().name()) + " "
                + c.waitClass() + " " + c.lockWait().kind() + " " + c.lockWait().durationNs() / 1_000_000 + "ms"
                + (c.resolvableByProxy() ? " resolvable" : "");
    }

    static String agentJar() {
        String jar = System.getProperty("pxlab.agent.jar");
        if (jar == null) throw new IllegalStateException("run through failsafe: pxlab.agent.jar is not set");
        if (!Files.isRegularFile(Path.of(jar))) throw new IllegalStateException("no agent jar at " + jar
                + ": build the agent first (mvn -pl sample-apps -am verify)");
        return jar;
    }
}
