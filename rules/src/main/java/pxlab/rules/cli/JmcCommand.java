package pxlab.rules.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import pxlab.cli.Subcommand;
import pxlab.cli.UserInputException;

/**
 * {@code pxlab jmc}: JDK Mission Control's own automated analysis of a recording, with the pxlab rules beside
 * JMC's built-in ones. JMC's {@code RuleRegistry} finds the pxlab rules on the class path through
 * {@code META-INF/services}, as it finds its own, and JMC's engine evaluates them all ({@link RuleReport}).
 *
 * <p>The reports: HTML is JMC's {@link JfrHtmlRulesReport} (one self-contained page, as the JMC desktop shows it);
 * text and XML are JfrRulesReport's document and text transform ({@link ReportXml}); JSON is written by pxlab
 * ({@link ReportJson}), because JMC's transform does not give valid JSON. The file is loaded once, so a missing or
 * damaged file is one line and exit 2.
 */
@Command(name = "jmc", mixinStandardHelpOptions = true,
        description = "Run JDK Mission Control's automated analysis, with the pxlab rules, over a JFR recording.",
        footer = {"", "Examples:",
                "  pxlab jmc app.jfr",
                "  pxlab jmc app.jfr --format html > report.html",
                "  pxlab jmc app.jfr --format json --min warning",
                "", "Exit codes: 0 success, 2 bad input or usage."})
public final class JmcCommand implements Callable<Integer>, Subcommand {

    /** Output formats. */
    enum Format { text, html, json, xml }

    /** The lowest severity shown, as JfrRulesReport's {@code -min}. */
    enum Min {
        ok(Severity.OK), info(Severity.INFO), warning(Severity.WARNING);

        final Severity severity;

        Min(Severity severity) {
            this.severity = severity;
        }
    }

    @Parameters(index = "0", paramLabel = "FILE.jfr", description = "The recording.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text | html | json | xml (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--min", paramLabel = "SEVERITY", defaultValue = "ok",
            description = "ok | info | warning: the lowest severity listed, for text, json and xml (default: "
                    + "${DEFAULT-VALUE}); the HTML report lists every rule, as JMC's does.")
    Min min;

    @Option(names = "--verbose", description = "Add each result's explanation and solution, and the events it names (text,"
            + " json, xml).")
    boolean verbose;

    /**
     * JMC's loggers, off while the command runs: JMC logs the chunks it skips in a damaged file with a stack
     * trace on standard error; the user gets the one line of {@link #load} instead, or JMC's report of what it
     * could read. Held here because the log manager keeps loggers weakly.
     */
    private static final Logger JMC_LOG = Logger.getLogger("org.openjdk.jmc");

    @Spec
    CommandSpec spec;

    /** Creates the command; picocli fills in the fields. */
    public JmcCommand() {
    }

    @Override
    public Integer call() throws IOException {
        JMC_LOG.setLevel(Level.OFF);
        try {
            IItemCollection items = load(file);
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.html) {
                out.print(JfrHtmlRulesReport.createReport(items));
            } else {
                RuleReport report = RuleReport.evaluate(file.toString(), items, min.severity, verbose);
                switch (format) {
                    case json: ReportJson.write(report, verbose, out); break;
                    case xml: ReportXml.writeXml(report, verbose, out); break;
                    default: ReportXml.writeText(report, verbose, out);
                }
            }
            out.flush();
            return 0;
        } finally {
            JMC_LOG.setLevel(null);
        }
    }

    /**
     * Loads a recording with JMC's loader, turning every way a file can be wrong into one line for the user.
     *
     * @param file The file.
     * @return The events.
     * @throws UserInputException When the file is missing, unreadable or not a recording.
     */
    static IItemCollection load(Path file) {
        if (!Files.exists(file)) throw new UserInputException(file + ": no such file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserInputException(file + ": not a readable file");
        }
        if (!startsWithMagic(file)) throw new UserInputException(file + ": not a JFR recording");
        try {
            return JfrLoaderToolkit.loadEvents(file.toFile());
        } catch (IOException | CouldNotLoadRecordingException | RuntimeException e) {
            throw new UserInputException(file + ": not a readable JFR recording ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /** JFR chunks begin with "FLR\0"; checked first so a text file is not handed to the parser at all. */
    private static boolean startsWithMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), new byte[]{'F', 'L', 'R', 0});
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
