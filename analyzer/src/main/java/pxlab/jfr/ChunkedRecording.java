package pxlab.jfr;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * <p>{@link #read(int, EventSink)} reads the chunk's bytes and decodes them with pxlab's own {@link ChunkParser},
 * into the same records as {@link RecordingReader}. The sink sees no {@link EventSink#begin} or
 * {@link EventSink#end}: {@link #info()} describes the whole file instead.
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
     * <p>The chunk is read by pxlab's own {@link ChunkParser}; a chunk of a kind it does not read goes to the
     * JDK's parser instead ({@link #readWithJdk}), with the same records as the result.
     *
     * @param chunk The chunk's index, in file order.
     * @param sink  What receives the events; it gets neither {@code begin} nor {@code end}.
     * @throws RecordingException When the chunk is damaged or cannot be read.
     */
    public void read(int chunk, EventSink sink) throws RecordingException {
        ChunkHeaders.Chunk c = chunks.get(chunk);
        if (c.size() > MAX_PARSED_BYTES) {
            readWithJdk(chunk, sink);
            return;
        }
        byte[] bytes = bytes(c, chunk);
        try {
            ChunkParser.parse(bytes, (int) c.size(), new EventDecoder(sink));
        } catch (ChunkParser.Unsupported e) {
            readWithJdk(chunk, sink);
        } catch (RuntimeException e) {
            // Damage, or a field of another type than the event contract says: the JDK's parser fails on both.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new RecordingException(name, Problem.DAMAGED, "damaged recording: chunk " + (chunk + 1) + ": "
                    + why, e);
        }
    }

    /** Chunks read into one array: JFR writes chunks of about 12 MiB by default; a larger one goes to the JDK. */
    private static final long MAX_PARSED_BYTES = 1L << 30;

    /**
     * Each reading thread's buffer, reused from chunk to chunk: a chunk is several MiB, which the collector takes
     * as a humongous object each time. The parser copies what it keeps out of it.
     */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

    private byte[] bytes(ChunkHeaders.Chunk c, int chunk) throws RecordingException {
        byte[] bytes = BUFFER.get();
        if (bytes.length < c.size()) {
            bytes = new byte[(int) c.size()];
            BUFFER.set(bytes);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, (int) c.size());
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                if (in.read(buf, c.offset() + buf.position()) < 0) throw new EOFException("file ended");
            }
        } catch (IOException e) {
            throw new RecordingException(name, Problem.UNREADABLE, "cannot read chunk " + (chunk + 1) + ": "
                    + e.getMessage(), e);
        }
        return bytes;
    }

    /**
     * Streams one chunk's events into a sink through the JDK's parser: {@link RecordingFile} reads only whole files,
     * so the chunk's bytes are copied to a temporary file first.
     *
     * @param chunk The chunk's index, in file order.
     * @param sink  What receives the events.
     * @throws RecordingException When the chunk is damaged or cannot be copied.
     */
    void readWithJdk(int chunk, EventSink sink) throws RecordingException {
        ChunkHeaders.Chunk c = chunks.get(chunk);
        Path part = null;
        try {
            part = Files.createTempFile("pxlab-chunk", ".jfr");
            copy(c, part);
            EventDecoder decoder = new EventDecoder(sink);
            RecordedEventView view = new RecordedEventView();
            try (RecordingFile recording = new RecordingFile(part)) {
                while (true) {
                    RecordedEvent e = RecordingReader.next(recording, name);
                    if (e == null) break;
                    decoder.decode(view.at(e));
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
