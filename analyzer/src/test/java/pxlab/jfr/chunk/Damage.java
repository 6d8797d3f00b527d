package pxlab.jfr.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ways a recording gets damaged, each applied to a copy of a sound file's bytes with a seeded random, for
 * {@link DamagedRecordingFuzzIT}. The structural ones know JFR's layout ({@link ChunkHeaders}, read with
 * {@link ChunkInput}): they aim at the fields a reader trusts, chunk sizes and offsets, the checkpoint chain, the
 * metadata's counts and nesting, lengths in events, and at chunks that go to the JDK's parser.
 *
 * <p>Each works on a file whose chunks are sound before it is applied: damage is applied once.
 */
enum Damage {

    /** One byte changed at random. */
    FLIP_1((f, r) -> flip(f.bytes, 1, r)),
    /** Four bytes changed at random. */
    FLIP_4((f, r) -> flip(f.bytes, 4, r)),
    /** Thirty-two bytes changed at random. */
    FLIP_32((f, r) -> flip(f.bytes, 32, r)),
    /** The file cut off at a random point. */
    TRUNCATED((f, r) -> f.bytes = Arrays.copyOf(f.bytes, 1 + r.nextInt(f.bytes.length - 1))),
    /** A chunk header's size set to a wrong value. */
    CHUNK_SIZE((f, r) -> wrongHeaderField(f, r, ChunkHeaders.SIZE_AT)),
    /** A chunk header's constant-pool offset set to a wrong value: outside the chunk or into the middle of it. */
    CONSTANT_POOL_OFFSET((f, r) -> wrongHeaderField(f, r, ChunkHeaders.CONSTANT_POOL_AT)),
    /** A chunk header's metadata offset set to a wrong value. */
    METADATA_OFFSET((f, r) -> wrongHeaderField(f, r, ChunkHeaders.METADATA_AT)),
    /**
     * The last checkpoint's link to the one before it pointing nowhere: before the chunk, into an event, past the
     * end, or at itself.
     */
    CHECKPOINT_LINK(Damage::checkpointLink),
    /**
     * A count in the metadata set to an absurd value: the string table's, or an element's count of attributes or
     * of children.
     */
    METADATA_COUNT(Damage::metadataCount),
    /** The metadata's element tree made as deep as the metadata is long: every element has one child. */
    DEEP_NESTING(Damage::deepNesting),
    /**
     * A varint among the events (a size, a string length, an array count, a key) set to a huge value, written over
     * as many bytes as it needs, whatever they held.
     */
    HUGE_LENGTH(Damage::hugeLength),
    /** A header field the times come from (start, duration, start ticks, ticks per second) set to a wrong value. */
    HEADER_TIME(Damage::headerTime),
    /** A chunk header's state byte set to "being written" (1) or "header being updated" (255). */
    CHUNK_STATE((f, r) -> f.bytes[(int) f.chunk(r)[0] + ChunkHeaders.STATE_AT] = (byte) (r.nextBoolean() ? 1 : -1)),
    /**
     * A chunk made one the JDK's parser reads ({@link ChunkedRecording#read}'s fallback: another format version,
     * or the compressed-ticks flag), then damaged by one of the kinds above inside it.
     */
    JDK_CHUNK(Damage::jdkChunk),
    /** Sound: a chunk the JDK's parser reads, undamaged; the analysis must succeed. */
    JDK_CHUNK_SOUND(Damage::toJdk, true),
    /** Sound: nothing changed (on a concatenated file, that file's chunks as they are); the analysis must succeed. */
    NONE((f, r) -> { }, true);

    /** How a damage is done. */
    private interface How {
        void apply(Bytes f, SplittableRandom r);
    }

    private final How how;
    private final boolean sound;

    Damage(How how) {
        this(how, false);
    }

    Damage(How how, boolean sound) {
        this.how = how;
        this.sound = sound;
    }

    /**
     * Damages a file.
     *
     * @param f The file's bytes, changed in place or replaced.
     * @param r Where every choice comes from.
     */
    void apply(Bytes f, SplittableRandom r) {
        how.apply(f, r);
    }

    /**
     * Returns whether the file stays a sound recording, which the command line must analyze.
     *
     * @return {@code true} for the controls.
     */
    boolean sound() {
        return sound;
    }

    /** A file's bytes and its chunks, as the sound file's headers give them. */
    static final class Bytes {
        byte[] bytes;
        private final List<long[]> chunks = new ArrayList<>();

        Bytes(byte[] bytes) {
            this.bytes = bytes;
            for (long at = 0; at < bytes.length; ) {
                long size = getLong(bytes, (int) at + ChunkHeaders.SIZE_AT);
                chunks.add(new long[]{at, size});
                at += size;
            }
        }

        /** A chunk chosen at random: its offset and size. */
        long[] chunk(SplittableRandom r) {
            return chunks.get(r.nextInt(chunks.size()));
        }

        ChunkInput input(long[] chunk) {
            return new ChunkInput(Arrays.copyOfRange(bytes, (int) chunk[0], (int) (chunk[0] + chunk[1])),
                    (int) chunk[1]);
        }
    }

    private static void checkpointLink(Bytes f, SplittableRandom r) {
        long[] c = f.chunk(r);
        ChunkInput in = f.input(c);
        long cp = getLong(f.bytes, (int) c[0] + ChunkHeaders.CONSTANT_POOL_AT);
        in.position((int) cp);
        in.readInt();    // size
        in.readLong();   // type
        in.readLong();   // start
        in.readLong();   // duration
        int at = in.position();
        in.readLong();
        long[] deltas = {-cp, -cp - 1 - r.nextInt(1000), 0 - r.nextInt((int) cp), 1 + r.nextInt((int) c[1]),
                c[1] - cp, Long.MIN_VALUE, Long.MAX_VALUE};
        putVarint(f.bytes, (int) c[0] + at, in.position() - at, deltas[r.nextInt(deltas.length)]);
    }

    private static void metadataCount(Bytes f, SplittableRandom r) {
        long[] c = f.chunk(r);
        List<Integer> counts = new ArrayList<>();
        counts.add(stringCount(f, c));
        ChunkInput in = f.input(c);
        in.position(rootElement(f, c));
        elementCounts(in, counts);
        int at = counts.get(r.nextInt(counts.size()));
        in.position(at);
        in.readLong();
        putVarint(f.bytes, (int) c[0] + at, Math.max(in.position() - at, 1 + r.nextInt(5)), absurd(r));
    }

    private static void deepNesting(Bytes f, SplittableRandom r) {
        long[] c = f.chunk(r);
        int root = (int) c[0] + rootElement(f, c);
        int end = (int) c[0] + metadataEnd(f, c);
        // Each element: name 0, no attributes, one child.
        for (int i = root; i < end; i++) f.bytes[i] = (byte) ((i - root) % 3 == 2 ? 1 : 0);
    }

    private static void hugeLength(Bytes f, SplittableRandom r) {
        long[] c = f.chunk(r);
        int at = ChunkHeaders.HEADER_BYTES + r.nextInt((int) c[1] - ChunkHeaders.HEADER_BYTES - 9);
        putVarint(f.bytes, (int) c[0] + at, 2 + r.nextInt(8), absurd(r));
    }

    private static void headerTime(Bytes f, SplittableRandom r) {
        long[] c = f.chunk(r);
        int[] fields = {ChunkHeaders.START_NANOS_AT, ChunkHeaders.DURATION_NANOS_AT, ChunkHeaders.START_TICKS_AT,
                ChunkHeaders.TICKS_PER_SECOND_AT};
        int at = (int) c[0] + fields[r.nextInt(fields.length)];
        long right = getLong(f.bytes, at);
        long[] values = {0, -1, 1, Long.MAX_VALUE, Long.MIN_VALUE, r.nextLong(), right * 1000, right / 1000, -right};
        ChunkBuilder.putLong(f.bytes, at, values[r.nextInt(values.length)]);
    }

    private static void jdkChunk(Bytes f, SplittableRandom r) {
        long[] c = toJdk(f, r);
        Damage[] inside = {FLIP_1, FLIP_4, FLIP_32, CHECKPOINT_LINK, METADATA_COUNT, DEEP_NESTING, HUGE_LENGTH,
                METADATA_OFFSET, CONSTANT_POOL_OFFSET, HEADER_TIME, CHUNK_STATE};
        Bytes one = new Bytes(Arrays.copyOfRange(f.bytes, (int) c[0], (int) (c[0] + c[1])));
        Damage d = inside[r.nextInt(inside.length)];
        d.apply(one, r);
        // Keep the chunk's major version and flags as set, so that the damage reaches the JDK's parser.
        System.arraycopy(f.bytes, (int) c[0], one.bytes, 0, ChunkHeaders.SIZE_AT);
        if (d != CHUNK_STATE) one.bytes[ChunkHeaders.STATE_AT] = f.bytes[(int) c[0] + ChunkHeaders.STATE_AT];
        one.bytes[ChunkHeaders.FLAGS_AT] = f.bytes[(int) c[0] + ChunkHeaders.FLAGS_AT];
        System.arraycopy(one.bytes, 0, f.bytes, (int) c[0], one.bytes.length);
    }

    private static void flip(byte[] b, int n, SplittableRandom r) {
        for (int i = 0; i < n; i++) b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
    }

    /** Sets a chunk's major version to 1 or its compressed-ticks flag: what {@link ChunkParser} hands the JDK. */
    private static long[] toJdk(Bytes f, SplittableRandom r) {
        long[] c = f.chunk(r);
        if (r.nextBoolean()) f.bytes[(int) c[0] + ChunkHeaders.MAJOR_AT + 1] = 1;
        else f.bytes[(int) c[0] + ChunkHeaders.FLAGS_AT] |= ChunkHeaders.COMPRESSED_TICKS;
        return c;
    }

    /** Sets a size or offset in a random chunk's header to a wrong value. */
    private static void wrongHeaderField(Bytes f, SplittableRandom r, int field) {
        long[] c = f.chunk(r);
        int at = (int) c[0] + field;
        ChunkBuilder.putLong(f.bytes, at, wrong(getLong(f.bytes, at), c[1], r));
    }

    /** A wrong value for a header field that holds {@code right}, in a chunk of {@code size} bytes. */
    private static long wrong(long right, long size, SplittableRandom r) {
        long[] values = {0, -1, ChunkHeaders.HEADER_BYTES - 1, ChunkHeaders.HEADER_BYTES, size - 1, size, size + 1,
                right - 1 - r.nextInt(64), right + 1 + r.nextInt(64), r.nextLong(size), 2 * size, Long.MAX_VALUE,
                Long.MIN_VALUE, r.nextLong()};
        long v;
        do {
            v = values[r.nextInt(values.length)];
        } while (v == right);
        return v;
    }

    /** A count or length no chunk of these sizes holds. */
    private static long absurd(SplittableRandom r) {
        long[] values = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 1L << 28, 1L << 29, 1L << 30, 0x7FFF_FFF0,
                1L << 31, 1L << 40, Long.MAX_VALUE, 0x1FFFFF, 100_000 + r.nextInt(1 << 20)};
        return values[r.nextInt(values.length)];
    }

    /** Where the metadata event starts in a chunk. */
    private static int metadataStart(Bytes f, long[] c) {
        return (int) getLong(f.bytes, (int) c[0] + ChunkHeaders.METADATA_AT);
    }

    /** Where the metadata event ends in a chunk. */
    private static int metadataEnd(Bytes f, long[] c) {
        ChunkInput in = f.input(c);
        int md = metadataStart(f, c);
        in.position(md);
        return md + in.readInt();
    }

    /** Where the metadata's string count is: after its size, type, start, duration and id. */
    private static int stringCount(Bytes f, long[] c) {
        ChunkInput in = f.input(c);
        in.position(metadataStart(f, c));
        for (int i = 0; i < 5; i++) in.readLong();
        return in.position();
    }

    /** Where the metadata's element tree starts: after its string table. */
    private static int rootElement(Bytes f, long[] c) {
        ChunkInput in = f.input(c);
        in.position(stringCount(f, c));
        for (int n = in.readInt(); n > 0; n--) in.readInline(in.readByte());
        return in.position();
    }

    /** Adds where an element's and its descendants' counts of attributes and of children are. */
    private static void elementCounts(ChunkInput in, List<Integer> out) {
        in.readLong();   // name
        out.add(in.position());
        for (long n = 2 * in.readLong(); n > 0; n--) in.readLong();
        out.add(in.position());
        for (long n = in.readLong(); n > 0; n--) elementCounts(in, out);
    }

    static long getLong(byte[] b, int at) {
        return new ChunkInput(b, b.length).rawLong(at);
    }

    /**
     * Writes a varint in exactly {@code length} bytes, so that nothing after it moves: continuation bits pad a
     * short value, and a value too large for the room keeps its low bits, all set where it overflows.
     */
    private static void putVarint(byte[] b, int at, int length, long v) {
        for (int i = 0; i < length; i++) {
            boolean last = i == length - 1;
            if (i == 8) {
                b[at + i] = (byte) v;
            } else {
                byte bits = (byte) (v & 0x7F);
                b[at + i] = last ? (byte) (v >>> 7 == 0 ? bits : 0x7F) : (byte) (bits | 0x80);
                v >>>= 7;
            }
        }
    }
}
