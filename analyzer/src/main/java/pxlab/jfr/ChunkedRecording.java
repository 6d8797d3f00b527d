package pxlab.jfr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import pxlab.jfr.RecordingException.Problem;

/**
 * A recording read one chunk at a time, for files too large to hold as one trace. A JFR chunk is self-contained
 * (its own metadata and constant pools) and covers one stretch of time, so each can be read on its own, in any
 * order, by any thread.
 *
 * <p>{@link #read(int, EventSink)} copies the chunk's bytes to a temporary file, since
 * {@link RecordingFile} reads only whole files, and streams its events as {@link RecordingReader} does. The sink
 * sees no {@link EventSink#begin} or {@link EventSink#end}: {@link #info()} describes the whole file instead.
 *
 * <p><b>Note</b>: file order is not time order inside a chunk, and an event is written to the chunk in which it
 * ended, so a long event can overlap earlier chunks.
 */
public final class ChunkedRecording {

    private final Path file;
    private final String name;
    private final List<ChunkHeaders.Chunk> chunks;
    private final RecordingInfo info;

    private ChunkedRecording(Path file, List<ChunkHeaders.Chunk> chunks, RecordingInfo info) {
        this.file = file;
        this.name = file.toString();
        this.chunks = chunks;
        this.info = info;
    }

    /**
     * Checks a recording's headers and reads its declared event types.
     *
     * @param file The recording.
     * @return The recording, ready to read chunk by chunk.
     * @throws RecordingException When the file cannot be read as a recording.
     */
    public static ChunkedRecording open(Path file) throws RecordingException {
        String name = file.toString();
        List<ChunkHeaders.Chunk> chunks = ChunkHeaders.chunks(file, name);
        long startNs = Long.MAX_VALUE;
        long endNs = Long.MIN_VALUE;
        for (ChunkHeaders.Chunk c : chunks) {
            startNs = Math.min(startNs, c.startNs());
            endNs = Math.max(endNs, c.startNs() + c.durationNs());
        }
        try (RecordingFile recording = new RecordingFile(file)) {
            return new ChunkedRecording(file, chunks, new RecordingInfo(name, startNs, endNs - startNs,
                    chunks.size(), RecordingReader.declaredTypes(recording, name)));
        } catch (IOException e) {
            throw RecordingReader.damaged(name, e);
        }
    }

    /**
     * Returns what the headers and metadata of the whole file say, as {@link EventSink#begin} would get it.
     *
     * @return The recording's span and declared event types.
     */
    public RecordingInfo info() {
        return info;
    }

    /**
     * Returns the number of chunks.
     *
     * @return At least one.
     */
    public int chunks() {
        return chunks.size();
    }

    /**
     * Returns when a chunk began.
     *
     * @param chunk The chunk's index, in file order.
     * @return Epoch nanoseconds.
     */
    public long startNs(int chunk) {
        return chunks.get(chunk).startNs();
    }

    /**
     * Returns when a chunk ended, as its header says.
     *
     * @param chunk The chunk's index, in file order.
     * @return Epoch nanoseconds.
     */
    public long endNs(int chunk) {
        return chunks.get(chunk).startNs() + chunks.get(chunk).durationNs();
    }

    /**
     * Returns a chunk's size.
     *
     * @param chunk The chunk's index, in file order.
     * @return Bytes.
     */
    public long bytes(int chunk) {
        return chunks.get(chunk).size();
    }

    /**
     * Streams one chunk's events into a sink, in file order.
     *
     * @param chunk The chunk's index, in file order.
     * @param sink  What receives the events; it gets neither {@code begin} nor {@code end}.
     * @throws RecordingException When the chunk is damaged or cannot be copied.
     */
    public void read(int chunk, EventSink sink) throws RecordingException {
        ChunkHeaders.Chunk c = chunks.get(chunk);
        Path part = null;
        try {
            part = Files.createTempFile("pxlab-chunk", ".jfr");
            copy(c, part);
            EventDecoder decoder = new EventDecoder(sink);
            try (RecordingFile recording = new RecordingFile(part)) {
                while (true) {
                    RecordedEvent e = RecordingReader.next(recording, name);
                    if (e == null) break;
                    decoder.decode(e);
                }
            }
        } catch (IOException e) {
            throw new RecordingException(name, Problem.UNREADABLE, "cannot copy chunk " + (chunk + 1)
                    + " to a temporary file: " + e.getMessage(), e);
        } finally {
            if (part != null) part.toFile().delete();
        }
    }

    private void copy(ChunkHeaders.Chunk c, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < c.size()) done += in.transferTo(c.offset() + done, c.size() - done, out);
        }
    }
}
