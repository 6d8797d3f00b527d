package pxlab.jfr.chunk;

import java.nio.file.Path;
import pxlab.jfr.EventSink;
import pxlab.jfr.RecordingException;
import pxlab.trace.Trace;
import pxlab.trace.TraceBuilder;

/**
 * The JDK's parser as a whole-file reader, for tests outside this package that compare it with pxlab's chunk parser
 * and JMC's: {@link RecordingReader} with every chunk read by {@link ChunkedRecording#readWithJdk}, which the
 * reader itself uses only for chunks its own parser was not made for. (This class sits in the reader's package, in
 * the rules' test sources, to reach the two package-private methods.)
 */
public final class JdkParser {

    private JdkParser() {
    }

    /**
     * Reads a recording into a sink through the JDK's parser, as {@link RecordingReader#read} does through pxlab's.
     *
     * @param file The recording.
     * @param sink What receives the events, between {@code begin} and {@code end}.
     */
    public static void read(Path file, EventSink sink) throws RecordingException {
        RecordingReader.read(file, sink, ChunkedRecording::readWithJdk);
    }

    /**
     * Reads a recording's trace through the JDK's parser.
     *
     * @param file The recording.
     * @return The trace {@code Trace.read} would build, had pxlab's parser read every chunk with the JDK's.
     */
    public static Trace trace(Path file) throws RecordingException {
        TraceBuilder builder = new TraceBuilder();
        read(file, builder);
        return builder.build();
    }
}
