package pxlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pxlab.analysis.Analysis;
import pxlab.analysis.AnalysisOptions;
import pxlab.analysis.Analyzer;
import pxlab.jfr.RecordingException;
import pxlab.replay.ReplayOptions;
import pxlab.report.AnalysisHtml;
import pxlab.report.AnalysisJson;
import pxlab.report.AnalysisText;
import pxlab.scenario.ScenarioParser;
import pxlab.sim.Policy;
import pxlab.sim.ProxyConfig;

/**
 * {@code pxlab analyze}: reads a JFR recording, finds its priority inversions, replays it through the scheduler
 * model under each policy, and reports the lot as text, JSON or one HTML page.
 *
 * <p>The analysis is the library's one pipeline, {@link Analyzer#analyze}, with a progress bar on a terminal. Every
 * option is checked before the file is read, so a typo costs nothing on a large recording.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Find the priority inversions in a JFR recording and what proxy execution would change.",
        footer = {"", "Examples:",
                "  pxlab analyze app.jfr",
                "  pxlab analyze app.jfr --format html -o report.html",
                "  pxlab analyze app.jfr --format json --policy none,proxy --proxy-preset v6",
                "  pxlab analyze app.jfr --threads '^http-' --top 20",
                "", "Exit codes: 0 success (also when nothing was found), 2 bad input or usage."})
final class AnalyzeCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json, html }

    /** Inversions listed by text and HTML when {@code --top} is not given; JSON then lists them all. */
    static final int DEFAULT_TOP = 10;

    @Parameters(index = "0", paramLabel = "FILE.jfr", description = "The recording.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text | json | html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ReportOutput output;

    @Mixin
    ModelOptions model;

    @Option(names = "--threads", paramLabel = "REGEX",
            description = "Report only waits by threads whose name contains a match; only they replay as themselves.")
    String threads;

    @Option(names = "--top", paramLabel = "N",
            description = "List the N longest inversions; 0 lists all (default: " + DEFAULT_TOP + " in text and html,"
                    + " all in json).")
    Integer top;

    @Option(names = "--chunked", description = "Read the recording chunk by chunk, in memory that does not grow with"
            + " the file (the default for files of " + (Analyzer.CHUNKED_FROM_BYTES >> 20) + " MiB or more).")
    boolean chunked;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ReplayOptions replay = options();
        int limit = top != null ? top : format == Format.json ? 0 : DEFAULT_TOP;
        if (limit < 0) throw new UserInputException("--top " + limit + ": must be 0 (all) or more");
        AnalysisOptions options = AnalysisOptions.DEFAULT.withReplay(replay).withTop(limit)
                .withReading(chunked ? AnalysisOptions.Reading.CHUNKED : AnalysisOptions.Reading.AUTO);
        PrintWriter err = spec.commandLine().getErr();
        Analysis analysis;
        try (ProgressBar bar = ProgressBar.forTerminal(err)) {
            analysis = Analyzer.analyze(file, options, bar);
        } catch (RecordingException e) {
            throw new UserInputException(e.getMessage());   // already one line: FILE: reason
        }
        write(analysis);
        // The text report says so itself; a JSON or HTML report may go to a file nobody reads right away.
        if (!analysis.found() && (format != Format.text || output.toFile())) {
            err.println("pxlab: " + file + ": no lock waits found" + (threads == null ? "" : " by threads matching '"
                    + threads + "'"));
        }
        return Main.OK;
    }

    private void write(Analysis analysis) throws IOException {
        output.write(spec, out -> {
            switch (format) {
                case json: AnalysisJson.write(analysis, out); break;
                case html: AnalysisHtml.write(analysis, out); break;
                default: AnalysisText.write(analysis, out);
            }
        });
    }

    /** Checks every option and builds the replay's; a bad one is one line and exit 2. */
    ReplayOptions options() {
        ReplayOptions o = ReplayOptions.DEFAULT.withPolicies(model.policies());
        OptionalInt cpus = model.cpuCount();
        if (cpus.isPresent()) o = o.withCpus(cpus.getAsInt());
        o = o.withProxyPreset(model.proxyConfig().orElse(ProxyConfig.MAINLINE));
        if (threads != null) {
            try {
                o = o.withThreads(Pattern.compile(threads));
            } catch (PatternSyntaxException e) {
                // The exception's own message spans three lines (pattern, caret); one line names the same things.
                throw new UserInputException("--threads '" + threads + "': " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
        return o;
    }
}
