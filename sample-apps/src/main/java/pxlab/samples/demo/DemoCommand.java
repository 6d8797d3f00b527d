package pxlab.samples.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pxlab.analysis.Analysis;
import pxlab.analysis.AnalysisOptions;
import pxlab.analysis.Analyzer;
import pxlab.analysis.Progress;
import pxlab.cli.Main;
import pxlab.cli.Subcommand;
import pxlab.jfr.RecordingException;
import pxlab.report.AnalysisHtml;
import pxlab.report.AnalysisText;

/**
 * {@code pxlab demo}: runs sample 1 (the request service) under the agent, analyses its recording, runs the JMC rules
 * when the rules module is on the class path, prints a headline and writes the HTML report. The agent jar is found
 * under {@code pxlab.home} (set by the {@code ./pxlab} launcher; the current directory otherwise), the sample in the
 * jar this class came from.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a sample service with an inversion under the agent, analyse it, and write the report.",
        footer = {"", "Examples:", "  pxlab demo", "  pxlab demo --duration 30 --out /tmp/demo",
                "", "Exit codes: 0 success, 1 internal error, 2 not built or bad option."})
public final class DemoCommand implements Subcommand, Callable<Integer> {

    /** What the demo runs and times. */
    static final String SAMPLE = "pxlab.samples.RequestService";
    static final String REQUESTS = "pxlab.samples.CacheServer#handle";

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long the sample runs (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "pxlab-demo",
            description = "Directory for the recording and reports (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (duration < 2 || duration > 600) return bad(err, "--duration " + duration + ": must be 2..600 seconds");
        Path home = Path.of(System.getProperty("pxlab.home", ".")).toAbsolutePath().normalize();
        Path agent = home.resolve("agent/target/pxlab-agent.jar");
        if (!Files.isRegularFile(agent)) {
            return bad(err, "no agent at " + agent + "; build first: mvn -q -B package -DskipTests");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            return bad(err, "--out " + out + ": cannot create (" + e.getMessage() + ")");
        }
        Path jfr = out.resolve("demo.jfr");
        Files.deleteIfExists(jfr);
        int cpus = Runtime.getRuntime().availableProcessors();
        o.printf("pxlab demo: sample 1, a request service: 2 request threads (nice 0) read a cache that a%n"
                + "background refresher (nice 19) rebuilds under a ReentrantLock, while %d CPU hogs load %d CPUs.%n%n",
                2 * cpus, cpus);
        o.printf("[1/4] running it under the agent for %d s%n", duration);
        o.flush();
        List<String> lines = runSample(o, agent, jfr);
        SampleResult app = SampleResult.find(lines).orElse(null);
        if (app == null || !Files.isRegularFile(jfr)) {
            err.println("pxlab demo: the sample ended without a result or recording; its output is in "
                    + out.resolve("sample.out") + " and " + out.resolve("sample.err"));
            return Main.INTERNAL;
        }
        o.println("[2/4] analysing " + jfr + " (inversions, then a replay under none, inherit and proxy)");
        o.flush();
        Analysis analysis = analyse(jfr);
        Path html = out.resolve("report.html");
        Path text = out.resolve("report.txt");
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            AnalysisHtml.write(analysis, w);
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(text, StandardCharsets.UTF_8))) {
            AnalysisText.write(analysis, w);
        }
        o.println("[3/4] JMC rules: " + rules(jfr));
        o.println("[4/4] done; the text report is " + text);
        Headline.write(o, app, analysis, html);
        o.flush();
        return Main.OK;
    }

    /** Runs the sample in a JVM of its own under the agent, with a line of progress each few seconds. */
    private List<String> runSample(PrintWriter o, Path agent, Path jfr) throws Exception {
        Path stdout = out.resolve("sample.out");
        Path stderr = out.resolve("sample.err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=record=" + jfr.toAbsolutePath() + ",requests=" + REQUESTS,
                "-cp", sampleClassPath(), SAMPLE, "--duration", duration + "s"));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        long started = System.nanoTime();
        int step = Math.max(1, duration / 5);
        while (!p.waitFor(step, TimeUnit.SECONDS)) {
            long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            o.printf("      %d s%s%n", s, s >= duration ? ", finishing and writing the recording" : "");
            o.flush();
            if (s > duration + 120) {
                p.destroyForcibly();
                throw new IllegalStateException("the sample did not end within 2 minutes of its duration");
            }
        }
        return Files.readAllLines(stdout);
    }

    /** The jar (or class directory) this class came from: it carries the samples too. */
    private static String sampleClassPath() throws Exception {
        return Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Analysis analyse(Path jfr) throws RecordingException {
        return Analyzer.analyze(jfr, AnalysisOptions.DEFAULT.withTop(10), Progress.NONE);
    }

    /** Runs {@code pxlab jmc} when a module provides it; its report goes next to the others. */
    private String rules(Path jfr) throws IOException {
        boolean present = false;
        for (Subcommand s : ServiceLoader.load(Subcommand.class)) {
            Command c = s.getClass().getAnnotation(Command.class);
            present |= c != null && c.name().equals("jmc");
        }
        if (!present) return "skipped: no 'pxlab jmc' on the class path (build the rules module)";
        Path report = out.resolve("jmc.txt");
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"jmc", jfr.toString(), "--format", "text"}, new PrintWriter(text, true),
                new PrintWriter(err, true));
        Files.writeString(report, text.toString() + err);
        return code == Main.OK ? "written to " + report : "'pxlab jmc' exited " + code + "; its output is in " + report;
    }

    private static int bad(PrintWriter err, String why) {
        err.println("pxlab demo: " + why);
        return Main.BAD_INPUT;
    }
}
