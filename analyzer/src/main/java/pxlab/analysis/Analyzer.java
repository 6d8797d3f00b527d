package pxlab.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import pxlab.inversion.InversionFinder;
import pxlab.inversion.Inversions;
import pxlab.jfr.RecordingException;
import pxlab.jfr.chunk.RecordingReader;
import pxlab.replay.Replay;
import pxlab.replay.ReplayResult;
import pxlab.sim.Policy;
import pxlab.trace.Trace;
import pxlab.trace.TraceBuilder;

/**
 * The one analysis pipeline: a recording in, its {@link Analysis} out. Every front end calls it: {@code pxlab
 * analyze}, the JMC rules (over the trace JMC's items make) and the demo, so they report the same figures.
 *
 * <p>The steps are the library's: the trace ({@link RecordingReader} into a {@link TraceBuilder}),
 * {@link InversionFinder#find}, then {@link Replay#run} unless no wait is in scope. A file of
 * {@link #CHUNKED_FROM_BYTES} or more, or any file when {@link AnalysisOptions.Reading#CHUNKED} is asked for, is
 * analyzed chunk by chunk ({@link LargeAnalysis}) in memory that does not grow with the file.
 */
public final class Analyzer {

    /**
     * From this size on a recording is read chunk by chunk: larger than one chunk at JFR's default 12 MiB, and a
     * 1M-event trace (26 MiB) does not fit in 512 MiB of heap.
     */
    public static final long CHUNKED_FROM_BYTES = 16L << 20;

    private Analyzer() {
    }

    /**
     * Analyzes a recording file, deciding from its size how to read it.
     *
     * @param file     The recording.
     * @param options  What to analyze and how.
     * @param progress Told what is being done.
     * @return The analysis.
     * @throws RecordingException When the file cannot be read as a recording; the message is one line.
     */
    public static Analysis analyze(Path file, AnalysisOptions options, Progress progress) throws RecordingException {
        if (options.reading() == AnalysisOptions.Reading.CHUNKED || size(file) >= CHUNKED_FROM_BYTES) {
            return LargeAnalysis.run(file, options.replay(), options.top(), progress);
        }
        return whole(file, options, progress);
    }

    /**
     * Analyzes a whole recording file in memory, as one trace.
     *
     * @param file     The recording.
     * @param options  What to analyze; {@link AnalysisOptions#reading()} is not consulted.
     * @param progress Told what is being done.
     * @return The analysis.
     * @throws RecordingException When the file cannot be read as a recording.
     */
    static Analysis whole(Path file, AnalysisOptions options, Progress progress) throws RecordingException {
        progress.step("reading " + file);
        TraceBuilder builder = new TraceBuilder();
        RecordingReader.read(file, new ProgressSink(builder, progress));
        return analyze(builder.build(), options, progress);
    }

    /**
     * Analyzes a trace already built, e.g. from JMC's items.
     *
     * @param trace    The trace.
     * @param options  What to analyze; {@link AnalysisOptions#reading()} is not consulted.
     * @param progress Told what is being done.
     * @return The analysis.
     */
    public static Analysis analyze(Trace trace, AnalysisOptions options, Progress progress) {
        progress.step("classifying " + trace.waits().size() + " waits");
        Inversions found = InversionFinder.find(trace);
        ReplayResult replay = null;
        if (trace.waits().stream().anyMatch(w -> Analysis.inScope(options.replay().threads(), w.waiter().name()))) {
            progress.step("replaying under " + Policy.keys(options.replay().policies()));
            replay = Replay.run(trace, found, options.replay());
        }
        return Analysis.of(trace, found, replay, options.replay(), options.top());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;   // the reader names what is wrong with the file
        }
    }
}
