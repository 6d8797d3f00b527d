package pxlab.jfr;

/**
 * pxlab's own parser of one JFR chunk: reads the metadata and the constant pools' offsets, then walks the events,
 * stepping over every event of a type {@link EventDecoder} does not read by its size alone and reading the rest
 * into a {@link ChunkEventView}. It allocates only the records the decoder makes and one conversion per constant,
 * where the JDK's {@code RecordingFile} makes an object per event and per value and looks fields up by name.
 *
 * <p>It reads format 2.x with compressed integers, which JDK 11 and later write (tested on 17 and 25). A chunk it was
 * not made for (another major version, or ticks compressed against the chunk start, a header flag some JDKs may
 * set) is {@link Unsupported}, said before any event is decoded, so the caller can hand the chunk to the JDK's
 * parser instead. Damage found on the way ({@code IllegalStateException}, reads past the end) is thrown as it is met.
 *
 * <p>Header layout: see {@link ChunkHeaders}.
 */
final class ChunkParser {

    /** The chunk is of a kind this parser does not read; nothing was decoded. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private static final int MAJOR_AT = 4;
    private static final int SIZE_AT = 8;
    private static final int CONSTANT_POOL_AT = 16;
    private static final int METADATA_AT = 24;
    private static final int START_NANOS_AT = 32;
    private static final int START_TICKS_AT = 48;
    private static final int TICKS_PER_SECOND_AT = 56;
    private static final int FLAGS_AT = 67;
    /** Header flag: event start ticks are stored relative to a base (JDK-internal, newer than this parser). */
    private static final int COMPRESSED_TICKS = 1 << 2;

    private ChunkParser() {
    }

    /**
     * Decodes every event of one chunk that the decoder reads.
     *
     * @param chunk   The chunk's bytes, header first, from index 0; the array may be longer.
     * @param length  The chunk's size in bytes.
     * @param decoder Receives the events.
     * @throws Unsupported When the chunk is of a kind this parser does not read; the decoder has seen nothing.
     */
    static void parse(byte[] chunk, int length, EventDecoder decoder) throws Unsupported {
        ChunkInput in = new ChunkInput(chunk, length);
        if (length < ChunkHeaders.HEADER_BYTES) throw new IllegalStateException("chunk shorter than its header");
        int major = (chunk[MAJOR_AT] & 0xFF) << 8 | chunk[MAJOR_AT + 1] & 0xFF;
        if (major != 2) throw new Unsupported("format version " + major);
        if ((chunk[FLAGS_AT] & COMPRESSED_TICKS) != 0) throw new Unsupported("compressed ticks");
        long size = in.rawLong(SIZE_AT);
        if (size != length) throw new IllegalStateException("chunk header says " + size + " bytes, has " + length);
        long ticksPerSecond = in.rawLong(TICKS_PER_SECOND_AT);
        if (ticksPerSecond <= 0) throw new IllegalStateException("ticks per second " + ticksPerSecond);

        ChunkMetadata metadata = ChunkMetadata.read(in, offset(in, METADATA_AT));
        ValueWalker walker = new ValueWalker(in, metadata);
        ConstantPools pools = ConstantPools.read(in, offset(in, CONSTANT_POOL_AT), metadata, walker);
        ChunkConstants constants = new ChunkConstants(in, metadata, pools, walker);
        ChunkEventView view = new ChunkEventView(in, walker, constants, in.rawLong(START_NANOS_AT),
                in.rawLong(START_TICKS_AT), ticksPerSecond);
        LongMap<ChunkMetadata.Type> wanted = new LongMap<>();
        for (String name : EventDecoder.READ) {
            ChunkMetadata.Type t = metadata.type(name);
            if (t != null) wanted.putIfAbsent(t.id, t);
        }

        int pos = ChunkHeaders.HEADER_BYTES;
        while (pos < length) {
            in.position(pos);
            int eventSize = in.readInt();
            if (eventSize <= 0 || eventSize > length - pos)
                throw new IllegalStateException("an event of " + eventSize + " bytes at byte " + pos);
            ChunkMetadata.Type type = wanted.get(in.readLong());
            if (type != null) {
                view.at(type);
                if (in.position() > pos + eventSize)
                    throw new IllegalStateException("the " + type.name + " event at byte " + pos + " holds more than"
                            + " its " + eventSize + " bytes");
                decoder.decode(view);
            }
            pos += eventSize;
        }
    }

    private static int offset(ChunkInput in, int headerField) {
        long at = in.rawLong(headerField);
        if (at < ChunkHeaders.HEADER_BYTES || at >= in.size())
            throw new IllegalStateException("header offset " + at + " outside the chunk");
        return (int) at;
    }
}
