package pxlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where a command's report goes: {@code -o, --output OUT}, else standard output. A picocli mixin of {@code analyze}
 * and {@code simulate}; {@link #open} also opens their other output files ({@code --schedule}).
 */
final class ReportOutput {

    /** A report ready to be written; the text, JSON and HTML writers all fit. */
    @FunctionalInterface
    interface Report {
        /**
         * Writes the report.
         *
         * @param out Where to write; flushed and closed by the caller.
         * @throws IOException if writing fails.
         */
        void writeTo(PrintWriter out) throws IOException;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the report to OUT instead of standard output.")
    private Path path;

    /**
     * Returns whether the report goes to a file.
     *
     * @return {@code true} with {@code --output}.
     */
    boolean toFile() {
        return path != null;
    }

    /**
     * Writes a report to {@code --output}, or to the command's standard output, and flushes it.
     *
     * @param spec   The command, for its standard output.
     * @param report What to write.
     * @throws UserInputException if the file cannot be opened.
     * @throws IOException        if writing fails.
     */
    void write(CommandSpec spec, Report report) throws IOException {
        try (Writer file = path == null ? null : open(path, "--output")) {
            PrintWriter out = file == null ? spec.commandLine().getOut() : new PrintWriter(file);
            report.writeTo(out);
            out.flush();
        }
    }

    /**
     * Opens a file a command writes, as UTF-8 and buffered.
     *
     * @param path   The file.
     * @param option The option that named it, for the error.
     * @return The writer; the caller closes it.
     * @throws UserInputException if the file cannot be opened: one line naming the option, the file and why.
     */
    static Writer open(Path path, String option) {
        try {
            return new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UserInputException(option + " " + path + ": cannot write (" + reason(e) + ")");
        }
    }

    /** The exception's kind without the "Exception" (NoSuchFile, AccessDenied), and its message when it has one. */
    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
