package pxlab.jfr.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import pxlab.jfr.RecordingException;
import pxlab.jfr.RecordingException.Problem;

/**
 * Checks a file's chunk headers before any chunk is parsed, so that the usual ways a file goes wrong become one
 * clear {@link RecordingException} instead of whatever a parser happens to throw ({@code EOFException},
 * {@code ArrayIndexOutOfBoundsException}, "String size 61 exceeds available data", all seen on truncated files).
 *
 * <p>A JFR file is a sequence of chunks, each starting with a 68-byte big-endian header:
 * <pre>
 *   0 magic "FLR\0"   4 major u2   6 minor u2   8 chunk size i8   16 constant pool offset i8
 *  24 metadata offset i8   32 start nanos (epoch) i8   40 duration nanos i8   48 start ticks i8
 *  56 ticks per second i8   64 state u1 (0 once the chunk is finished)   65 unused u2   67 flags u1
 * </pre>
 * Walking the sizes from chunk to chunk must land exactly on the end of the file.
 */
final class ChunkHeaders {

    /** The header's size, and where each field sits in it: the one statement of the layout drawn above. */
    static final int HEADER_BYTES = 68;
    static final int MAJOR_AT = 4;
    static final int SIZE_AT = 8;
    static final int CONSTANT_POOL_AT = 16;
    static final int METADATA_AT = 24;
    static final int START_NANOS_AT = 32;
    static final int DURATION_NANOS_AT = 40;
    static final int START_TICKS_AT = 48;
    static final int TICKS_PER_SECOND_AT = 56;
    /** 0 once the chunk is finished; the JVM writes other values while it writes the chunk. */
    static final int STATE_AT = 64;
    /** The flags the parser checks. */
    static final int FLAGS_AT = 67;
    /** Flag: event start ticks are stored relative to a base (JDK-internal, newer than pxlab's parser). */
    static final int COMPRESSED_TICKS = 1 << 2;

    /**
     * The span the headers describe.
     *
     * @param startNs    The earliest chunk start, epoch nanoseconds.
     * @param durationNs From {@code startNs} to the latest chunk end; 0 when no chunk states a duration.
     * @param chunks     The number of chunks.
     */
    record Span(long startNs, long durationNs, int chunks) {
    }

    /**
     * One chunk, as its header describes it.
     *
     * @param offset     Where it starts in the file, bytes.
     * @param size       Its size, bytes.
     * @param startNs    When it started, epoch nanoseconds.
     * @param durationNs How long it lasted; 0 when not stated.
     */
    record Chunk(long offset, long size, long startNs, long durationNs) {
    }

    private ChunkHeaders() {
    }

    /**
     * Checks that a file is a complete JFR recording, as far as its chunk headers tell, and lists its chunks.
     *
     * @param path The file.
     * @param name The file's name as the user gave it, for messages.
     * @return The chunks in file order; at least one.
     * @throws RecordingException When the file is missing, unreadable, empty, not JFR, or truncated, or a header
     *                            gives times no clock makes.
     */
    static List<Chunk> chunks(Path path, String name) throws RecordingException {
        if (!Files.exists(path)) throw new RecordingException(name, Problem.MISSING, "no such file", null);
        if (!Files.isRegularFile(path))
            throw new RecordingException(name, Problem.UNREADABLE, "not a regular file", null);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0)
                throw new RecordingException(name, Problem.EMPTY, "empty file (0 bytes), not a JFR recording", null);
            return walk(ch, size, name);
        } catch (IOException e) {
            throw new RecordingException(name, Problem.UNREADABLE, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the span chunks cover.
     *
     * @param chunks The chunks, at least one.
     * @return From the earliest start to the latest end.
     */
    static Span span(List<Chunk> chunks) {
        long startNs = Long.MAX_VALUE;
        long endNs = Long.MIN_VALUE;
        for (Chunk c : chunks) {
            startNs = Math.min(startNs, c.startNs());
            endNs = Math.max(endNs, c.startNs() + c.durationNs());
        }
        return new Span(startNs, endNs - startNs, chunks.size());
    }

    private static List<Chunk> walk(FileChannel ch, long size, String name) throws IOException, RecordingException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);   // big-endian, as JFR writes
        List<Chunk> out = new ArrayList<>();
        long pos = 0;
        int chunks = 0;
        while (pos < size) {
            header.clear();
            int read = readFully(ch, header, pos);
            if (!hasMagic(header, read)) {
                if (chunks == 0)
                    throw new RecordingException(name, Problem.NOT_JFR,
                            "not a JFR recording (it does not start with the bytes FLR\\0)", null);
                throw new RecordingException(name, Problem.DAMAGED,
                        "damaged recording: no chunk header at byte " + pos + " after " + chunks + " chunks", null);
            }
            if (read < HEADER_BYTES)
                throw new RecordingException(name, Problem.TRUNCATED, "truncated recording: the file ends inside"
                        + " the header of chunk " + (chunks + 1) + " (" + size + " bytes)", null);
            long chunkSize = header.getLong(SIZE_AT);
            if (chunkSize < HEADER_BYTES)
                throw new RecordingException(name, Problem.TRUNCATED, "truncated recording: chunk " + (chunks + 1)
                        + " was never finished (the recording JVM stopped while writing it)", null);
            if (chunkSize > size - pos)
                throw new RecordingException(name, Problem.TRUNCATED, "truncated recording: chunk " + (chunks + 1)
                        + " needs " + chunkSize + " bytes but the file has only " + (size - pos) + " left", null);
            long chunkStart = header.getLong(START_NANOS_AT);
            long chunkDuration = Math.max(0, header.getLong(DURATION_NANOS_AT));
            String clock = clock(chunkStart, chunkDuration, header.getLong(TICKS_PER_SECOND_AT));
            if (clock != null)
                throw new RecordingException(name, Problem.DAMAGED, "damaged recording: chunk " + (chunks + 1) + "'s"
                        + " header gives " + clock, null);
            out.add(new Chunk(pos, chunkSize, chunkStart, chunkDuration));
            pos += chunkSize;
            chunks++;
        }
        return out;
    }

    /**
     * JFR's clocks tick from a few million times a second (Windows' performance counter) to a few billion (the
     * CPU's time-stamp counter, or nanoseconds); outside these bounds, with room to spare, times made from ticks
     * are noise, and noise the model would replay.
     */
    private static final long MIN_TICKS_PER_SECOND = 1_000;
    private static final long MAX_TICKS_PER_SECOND = 1_000_000_000_000L;

    /** What is wrong with a header's clock fields, or {@code null}: a start before 1970 or past 2262, a wild clock. */
    private static String clock(long startNs, long durationNs, long ticksPerSecond) {
        if (startNs < 0 || durationNs > Long.MAX_VALUE - startNs)
            return "a start " + startNs + " ns after the epoch and a duration of " + durationNs + " ns";
        if (ticksPerSecond < MIN_TICKS_PER_SECOND || ticksPerSecond > MAX_TICKS_PER_SECOND)
            return "a clock of " + ticksPerSecond + " ticks a second";
        return null;
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    private static boolean hasMagic(ByteBuffer header, int read) {
        return read >= 4 && header.get(0) == 'F' && header.get(1) == 'L' && header.get(2) == 'R' && header.get(3) == 0;
    }
}
