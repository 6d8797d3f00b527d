package pxlab.jfr.chunk;

import java.nio.file.Path;
import pxlab.jfr.EventSink;
import pxlab.jfr.RecordingException;

/**
 * Streams a {@code .jfr} file into an {@link EventSink}: one chunk in memory at a time, one pass over the events,
 * each converted to its record (times in nanoseconds) before the sink sees it.
 *
 * <p>Reading happens in three steps: the chunk headers are checked ({@link ChunkHeaders}: missing, empty, not
 * JFR, truncated), each chunk's metadata is read for the declared event types (which tell whether the agent was
 * loaded even when it recorded nothing), then the chunks' events are streamed in file order, each chunk read by
 * {@link ChunkedRecording#read}: pxlab's own parser, or the JDK's for a chunk of a kind it was not made for.
 *
 * <p><b>Note</b>: events arrive in file order, which is not time order, and the same lock or thread may appear
 * in several chunks. Sorting and merging are the sink's business.
 */
public final class RecordingReader {

    private RecordingReader() {
    }

    /**
     * Reads a recording into a sink.
     *
     * @param file The recording.
     * @param sink What receives the events.
     * @throws RecordingException When the file cannot be read as a recording; the sink has then seen at most part
     *                            of it, and {@link EventSink#end} was not called.
     */
    public static void read(Path file, EventSink sink) throws RecordingException {
        read(file, sink, ChunkedRecording::read);
    }

    /** How each chunk is read: {@link ChunkedRecording#read}, or for the tests {@link ChunkedRecording#readWithJdk}. */
    interface ChunkReader {
        long read(ChunkedRecording recording, int chunk, EventSink sink) throws RecordingException;
    }

    /**
     * Reads a recording into a sink, each chunk read by a given parser.
     *
     * @param file   The recording.
     * @param sink   What receives the events.
     * @param chunks Reads one chunk into the sink and returns the latest end of its events.
     * @throws RecordingException As {@link #read(Path, EventSink)}.
     */
    static void read(Path file, EventSink sink, ChunkReader chunks) throws RecordingException {
        ChunkedRecording recording = ChunkedRecording.open(file);
        sink.begin(recording.info());
        long lastEndNs = -1;
        for (int k = 0; k < recording.chunks(); k++) lastEndNs = Math.max(lastEndNs, chunks.read(recording, k, sink));
        sink.end(lastEndNs);
    }
}
