package pxlab.corpus.harness;

import com.fasterxml.jackson.core.JsonFactory;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import pxlab.analysis.Analysis;
import pxlab.analysis.AnalysisOptions;
import pxlab.analysis.Analyzer;
import pxlab.analysis.Progress;
import pxlab.corpus.workload.WorkloadMain;
import pxlab.trace.Hold;
import pxlab.trace.Trace;

/**
 * Runs a workload in a JVM of its own under the packaged agent, then analyses its recording with
 * {@link Analyzer#analyze} and scores it against the truth the workload wrote.
 */
final class WorkloadRunner {

    private final Path agent;
    private final Path dir;

    /**
     * Creates a runner.
     *
     * @param agent The agent jar.
     * @param dir   Where recordings, truths and outputs go.
     */
    WorkloadRunner(Path agent, Path dir) {
        this.agent = agent;
        this.dir = dir;
    }

    /**
     * Runs and scores one workload.
     *
     * @param jdk        The JDK to run it on.
     * @param workload   Its name.
     * @param load       The load label for the result.
     * @param durationNs How long it runs.
     * @param extra      Further workload arguments ({@code --threads N}...).
     * @return The result; a failure is a result too, with the reason.
     */
    RunResult run(Jdk jdk, String workload, String load, long durationNs, String... extra) {
        String loadAvg = BackgroundLoad.loadAverages();
        String base = workload + "-jdk" + jdk.feature() + "-" + load;
        Path jfr = dir.resolve(base + ".jfr");
        Path truthFile = dir.resolve(base + ".truth.jsonl");
        Path out = dir.resolve(base + ".out");
        Path err = dir.resolve(base + ".err");
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(jfr);
            Files.deleteIfExists(truthFile);
            List<String> cmd = new ArrayList<>(List.of(jdk.java().toString(),
                    "-javaagent:" + agent + "=record=" + jfr.toAbsolutePath(),
                    "-cp", classPath(), WorkloadMain.class.getName(), workload,
                    "--truth", truthFile.toAbsolutePath().toString(),
                    "--duration", (durationNs / 1_000_000) + "ms"));
            cmd.addAll(List.of(extra));
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            long limitS = TimeUnit.NANOSECONDS.toSeconds(durationNs) + 120;
            if (!p.waitFor(limitS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return failed(workload, jdk, load, loadAvg, "did not end within " + limitS + " s", started);
            }
            long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (p.exitValue() == WorkloadMain.SKIPPED) {
                String reason = Truth.read(truthFile).skipped;
                return new RunResult(workload, jdk.feature(), load, loadAvg, RunResult.Status.SKIPPED, reason, null,
                        wallMs);
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(jfr)) {
                return failed(workload, jdk, load, loadAvg, "exit " + p.exitValue() + ": " + lastLine(err), started);
            }
            Truth truth = Truth.read(truthFile);
            Analysis analysis = Analyzer.analyze(jfr, AnalysisOptions.DEFAULT, Progress.NONE);
            List<Hold> holds = Trace.read(jfr).holds();
            List<WaitVerdict> verdicts = new ArrayList<>();
            Score score = Scorer.score(truth, analysis, holds, verdicts);
            WaitVerdict.write(dir.resolve(base + ".waits.jsonl"), verdicts);
            return new RunResult(workload, jdk.feature(), load, loadAvg, RunResult.Status.SCORED, null, score,
                    wallMs);
        } catch (Exception e) {
            return failed(workload, jdk, load, loadAvg, e.toString(), started);
        }
    }

    private static RunResult failed(String workload, Jdk jdk, String load, String loadAvg, String why, long started) {
        return new RunResult(workload, jdk.feature(), load, loadAvg, RunResult.Status.FAILED, why, null,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return lines.get(i).trim();
        return "(no output)";
    }

    /**
     * Returns the workloads' class path: where this module's classes, Caffeine and Jackson were loaded from (jars
     * under {@code corpus/target}, or class directories and the Maven repository under a test).
     */
    static String classPath() throws URISyntaxException {
        Set<String> parts = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {WorkloadMain.class, Caffeine.class, JsonFactory.class}) {
            parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, parts);
    }
}
