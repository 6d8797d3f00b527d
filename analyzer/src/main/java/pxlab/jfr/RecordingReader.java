package pxlab.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import pxlab.jfr.RecordingException.Problem;

/**
 * Streams a {@code .jfr} file into an {@link EventSink}: one event in memory at a time, one pass over the events,
 * each converted to its record (times in nanoseconds) before the sink sees it.
 *
 * <p>Reading happens in three steps: the chunk headers are checked ({@link ChunkHeaders}: missing, empty, not
 * JFR, truncated), each chunk's metadata is read for the declared event types (which tell whether the agent was
 * loaded even when it recorded nothing), then the events are streamed.
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
        String name = file.toString();
        ChunkHeaders.Span span = ChunkHeaders.check(file, name);
        EventDecoder decoder = new EventDecoder(sink);
        RecordedEventView view = new RecordedEventView();
        try (RecordingFile recording = new RecordingFile(file)) {
            sink.begin(new RecordingInfo(name, span.startNs(), span.durationNs(), span.chunks(),
                    declaredTypes(recording, name)));
            while (true) {
                RecordedEvent e = next(recording, name);
                if (e == null) break;
                decoder.decode(view.at(e));
            }
        } catch (IOException e) {   // only close() is left here: parsing errors are wrapped by next()
            throw damaged(name, e);
        }
        sink.end(decoder.lastEndNs());
    }

    static Set<String> declaredTypes(RecordingFile recording, String name) throws RecordingException {
        try {
            Set<String> names = new HashSet<>();
            for (EventType t : recording.readEventTypes()) names.add(t.getName());
            return names;
        } catch (IOException | RuntimeException e) {
            throw damaged(name, e);
        }
    }

    /** Returns the next event, or {@code null} at the end; parser failures of any kind become one problem. */
    static RecordedEvent next(RecordingFile recording, String name) throws RecordingException {
        try {
            return recording.hasMoreEvents() ? recording.readEvent() : null;
        } catch (IOException | RuntimeException e) {
            // The headers were sound, so the contents are damaged; the parser's own exceptions vary by JDK and
            // include unchecked ones (ArrayIndexOutOfBoundsException on some cut-off constant pools).
            throw damaged(name, e);
        }
    }

    static RecordingException damaged(String name, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new RecordingException(name, Problem.DAMAGED, "damaged recording: " + why, e);
    }
}
