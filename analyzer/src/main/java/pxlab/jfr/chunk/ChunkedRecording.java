package pxlab.jfr.chunk;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordingFile;
import pxlab.jfr.EventDecoder;
import pxlab.jfr.EventSink;
import pxlab.jfr.RecordingException;
import pxlab.jfr.RecordingException.Problem;
import pxlab.jfr.RecordingInfo;

/**
 * A recording read one chunk at a time: the one way pxlab reads a file, whole ({@link RecordingReader}) or window
 * by window. A JFR chunk is self-contained (its own metadata and constant pools) and covers one stretch of time, so
 * each can be read on its own, in any order, by any thread.
 *
 * <p>{@link #read(int, EventSink)} reads the chunk's bytes and decodes them with pxlab's own {@link ChunkParser};
 * a chunk of a kind it was not made for goes to the JDK's parser, into the same records. The sink sees no
 * {@link EventSink#begin} or {@link EventSink#end}: {@link #info()} describes the whole file instead, and its
 * declared types come from every chunk's metadata, read the same way.
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
        ChunkHeaders.Span span = ChunkHeaders.span(chunks);
        ChunkedRecording recording = new ChunkedRecording(file, chunks, null);
        Set<String> declared = new HashSet<>();
        for (int k = 0; k < chunks.size(); k++) declared.addAll(recording.declaredTypes(k));
        return new ChunkedRecording(file, chunks, new RecordingInfo(name, span.startNs(), span.durationNs(),
                span.chunks(), declared));
    }

    /** The types one chunk's metadata declares, read by {@link ChunkParser} or, for a chunk it does not read, the JDK. */
    private Set<String> declaredTypes(int chunk) throws RecordingException {
        ChunkHeaders.Chunk c = chunks.get(chunk);
        if (c.size() <= MAX_PARSED_BYTES) {
            byte[] bytes = bytes(c, chunk);
            try {
                return ChunkParser.declaredTypes(bytes, (int) c.size());
            } catch (ChunkParser.Unsupported e) {
                checkForJdk(chunk, bytes);
            } catch (RuntimeException | StackOverflowError e) {
                throw damaged(chunk, e);
            }
        }
        return withJdk(chunk, recording -> {
            Set<String> names = new HashSet<>();
            for (EventType t : recording.readEventTypes()) names.add(t.getName());
            return names;
        });
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
     * @return The latest end of any event read, epoch nanoseconds, or -1 when the chunk held none the decoder reads.
     * @throws RecordingException When the chunk is damaged or cannot be read.
     */
    public long read(int chunk, EventSink sink) throws RecordingException {
        ChunkHeaders.Chunk c = chunks.get(chunk);
        if (c.size() <= MAX_PARSED_BYTES) {
            byte[] bytes = bytes(c, chunk);
            try {
                EventDecoder decoder = decoder(chunk, sink);
                ChunkParser.parse(bytes, (int) c.size(), decoder);
                return decoder.lastEndNs();
            } catch (ChunkParser.Unsupported e) {
                checkForJdk(chunk, bytes);   // then read by the JDK below; the decoder has seen nothing
            } catch (RuntimeException | StackOverflowError e) {
                // Damage, or a field of another type than the event contract says: the JDK's parser fails on both.
                throw damaged(chunk, e);
            }
        }
        return readWithJdk(chunk, sink);
    }

    /**
     * Streams one chunk's events into a sink through the JDK's parser: the fallback of {@link #read}, and what the
     * tests compare pxlab's parser with.
     *
     * @param chunk The chunk's index, in file order.
     * @param sink  What receives the events.
     * @return The latest end of any event read, epoch nanoseconds, or -1.
     * @throws RecordingException When the chunk is damaged or cannot be read.
     */
    long readWithJdk(int chunk, EventSink sink) throws RecordingException {
        EventDecoder decoder = decoder(chunk, sink);
        return withJdk(chunk, recording -> {
            RecordedEventView view = new RecordedEventView();
            while (recording.hasMoreEvents()) decoder.decode(view.at(recording.readEvent()));
            return decoder.lastEndNs();
        });
    }

    /**
     * How far an event's end may lie outside its chunk's span: a minute, or a hundredth of the chunk's duration if
     * that is longer. An event is written to the chunk in which it ended, so its end lies inside the span the
     * header gives (in the recordings measured, milliseconds inside); the margin allows for the clock the ticks
     * come from and the one the header's times come from drifting apart over a long chunk.
     */
    private static final long END_MARGIN_NS = 60_000_000_000L;

    /** A decoder that takes an event ending far outside the chunk's span for damage. */
    private EventDecoder decoder(int chunk, EventSink sink) {
        ChunkHeaders.Chunk c = chunks.get(chunk);
        long marginNs = Math.max(END_MARGIN_NS, c.durationNs() / 100);
        // A duration of 0 is not stated; the header's times are checked to make no sum overflow but this margin's.
        long toNs = c.durationNs() == 0 || endNs(chunk) > Long.MAX_VALUE - marginNs ? Long.MAX_VALUE
                : endNs(chunk) + marginNs;
        return new EventDecoder(sink, c.startNs() - marginNs, toNs);
    }

    /** {@link ChunkParser#checkForJdk}, its damage said as {@link #read} says it. */
    private void checkForJdk(int chunk, byte[] bytes) throws RecordingException {
        try {
            ChunkParser.checkForJdk(bytes, (int) chunks.get(chunk).size());
        } catch (RuntimeException | StackOverflowError e) {
            throw damaged(chunk, e);
        }
    }

    private RecordingException damaged(int chunk, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new RecordingException(name, Problem.DAMAGED, "damaged recording: chunk " + (chunk + 1) + ": " + why,
                e);
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

    /** What is done with one chunk through the JDK's parser. */
    private interface JdkRead<T> {
        T apply(RecordingFile recording) throws IOException;
    }

    /**
     * Reads one chunk through the JDK's parser: {@link RecordingFile} reads only whole files, so the chunk's bytes
     * are copied to a temporary file first. Whatever the parser throws is damage, said in one line: its exceptions
     * vary by JDK and include unchecked ones (an {@code ArrayIndexOutOfBoundsException} on some cut-off pools) and
     * errors ({@code StackOverflowError} on deep metadata). All but one: running out of memory is not damage, and
     * a chunk {@link ChunkParser#checkForJdk} passed gives the JDK's parser no length larger than the chunk.
     *
     * @param chunk The chunk's index, in file order.
     * @param read  What to read.
     * @return What {@code read} returned.
     * @throws RecordingException When the chunk is damaged or cannot be copied.
     */
    private <T> T withJdk(int chunk, JdkRead<T> read) throws RecordingException {
        ChunkHeaders.Chunk c = chunks.get(chunk);
        Path part = null;
        try {
            part = Files.createTempFile("pxlab-chunk", ".jfr");
            copy(c, part);
            try (RecordingFile recording = new RecordingFile(part)) {
                return read.apply(recording);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Exception | Error e) {
                throw damaged(chunk, e);
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
