package pxlab.jfr.chunk;

import java.util.Set;
import pxlab.jfr.EventDecoder;
import pxlab.jfr.LongMap;

/**
 * pxlab's own parser of one JFR chunk: reads the metadata and the constant pools' offsets, then walks the events,
 * stepping over every event of a type {@link EventDecoder} does not read by its size alone and reading the rest
 * into a {@link ChunkEventView}. It allocates only the records the decoder makes and one conversion per constant,
 * where the JDK's {@code RecordingFile} makes an object per event and per value and looks fields up by name.
 *
 * <p>It reads format 2.x with compressed integers, which JDK 11 and later write (tested on 17 and 25). A chunk it was
 * not made for (another major version, or ticks compressed against the chunk start, a header flag some JDKs may
 * set) is {@link Unsupported}, said before any event is decoded, so the caller can hand the chunk to the JDK's
 * parser instead, after {@link #checkForJdk}. Damage found on the way ({@code IllegalStateException}, reads past the
 * end) is thrown as it is met.
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
        ChunkInput in = header(chunk, length);
        ChunkMetadata metadata = ChunkMetadata.read(in, offset(in, ChunkHeaders.METADATA_AT));
        ValueWalker walker = new ValueWalker(in, metadata);
        ConstantPools pools = ConstantPools.read(in, offset(in, ChunkHeaders.CONSTANT_POOL_AT), metadata, walker);
        ChunkConstants constants = new ChunkConstants(in, metadata, pools, walker);
        ChunkEventView view = new ChunkEventView(in, walker, constants, in.rawLong(ChunkHeaders.START_NANOS_AT),
                in.rawLong(ChunkHeaders.START_TICKS_AT), in.rawLong(ChunkHeaders.TICKS_PER_SECOND_AT));
        LongMap<ChunkMetadata.Type> wanted = new LongMap<>();
        for (String name : EventDecoder.READ) {
            ChunkMetadata.Type t = metadata.type(name);
            if (t != null) wanted.putIfAbsent(t.id, t);
        }
        events(in, wanted, new EventStep() {
            @Override
            public void read(ChunkMetadata.Type type) {
                view.at(type);
            }

            @Override
            public void done() {
                decoder.decode(view);
            }
        });
    }

    /**
     * Checks a chunk's structure before the JDK's parser reads it: that the chunk is finished, that its offsets,
     * checkpoints and metadata are sound, and that every event's values fit in the event. The JDK's parser trusts
     * these: on some versions it waits for ever on a chunk that is not finished, and it allocates an array of
     * whatever length a count says. This walk reads the format the JDK's parser reads, 1.x and 2.x alike, and
     * ends in time and memory bounded by the chunk's size ({@link ValueWalker}), so after it nothing the JDK
     * allocates is larger than the chunk allows.
     *
     * @param chunk  The chunk's bytes, header first, from index 0; the array may be longer.
     * @param length The chunk's size in bytes.
     * @throws IllegalStateException When the chunk is damaged; so may any {@link RuntimeException}.
     */
    static void checkForJdk(byte[] chunk, int length) {
        ChunkInput in = sized(chunk, length);
        if (chunk[ChunkHeaders.STATE_AT] != 0)
            throw new IllegalStateException("the chunk was never finished (its header says it was being written)");
        ChunkMetadata metadata = ChunkMetadata.read(in, offset(in, ChunkHeaders.METADATA_AT));
        ValueWalker walker = new ValueWalker(in, metadata);
        ConstantPools.read(in, offset(in, ChunkHeaders.CONSTANT_POOL_AT), metadata, walker);
        LongMap<ChunkMetadata.Type> all = new LongMap<>();
        for (ChunkMetadata.Type t : metadata.types()) {
            // The metadata (type 0) and checkpoints (1) are events of no declared type: stepped over.
            if (t.id > ConstantPools.CHECKPOINT_TYPE_ID) all.putIfAbsent(t.id, t);
        }
        events(in, all, walker::skipValueOf);
    }

    /**
     * Returns the names of the types a chunk's metadata declares: every event type, whether or not the chunk holds
     * an event of it (an enabled event type tells that its recorder ran).
     *
     * @param chunk  The chunk's bytes, header first, from index 0; the array may be longer.
     * @param length The chunk's size in bytes.
     * @return The names.
     * @throws Unsupported When the chunk is of a kind this parser does not read.
     */
    static Set<String> declaredTypes(byte[] chunk, int length) throws Unsupported {
        ChunkInput in = header(chunk, length);
        return ChunkMetadata.read(in, offset(in, ChunkHeaders.METADATA_AT)).names();
    }

    /** What is done with each event of a type asked for. */
    private interface EventStep {
        /** Reads the event's values, the input at the first. */
        void read(ChunkMetadata.Type type);

        /** Uses the values read, once they are known to lie inside the event. */
        default void done() {
        }
    }

    /**
     * Walks the events from the header to the chunk's end, each by its size; an event of a type in {@code types}
     * is read by {@code step}, and must end inside its size.
     */
    private static void events(ChunkInput in, LongMap<ChunkMetadata.Type> types, EventStep step) {
        for (int pos = ChunkHeaders.HEADER_BYTES, size; pos < in.size(); pos += size) {
            in.position(pos);
            long declared = in.readLong();
            if (declared <= 0 || declared > in.size() - pos)
                throw new IllegalStateException("an event of " + declared + " bytes at byte " + pos);
            size = (int) declared;
            ChunkMetadata.Type type = types.get(in.readLong());
            if (type != null) {
                step.read(type);
                if (in.position() > pos + size)
                    throw new IllegalStateException("the " + type.name + " event at byte " + pos + " holds more than"
                            + " its " + size + " bytes");
                step.done();
            }
        }
    }

    /** Checks the header's format version, flags and size; damage is thrown, a kind not read is unsupported. */
    private static ChunkInput header(byte[] chunk, int length) throws Unsupported {
        ChunkInput in = sized(chunk, length);
        int major = (chunk[ChunkHeaders.MAJOR_AT] & 0xFF) << 8 | chunk[ChunkHeaders.MAJOR_AT + 1] & 0xFF;
        if (major != 2) throw new Unsupported("format version " + major);
        if ((chunk[ChunkHeaders.FLAGS_AT] & ChunkHeaders.COMPRESSED_TICKS) != 0)
            throw new Unsupported("compressed ticks");
        return in;
    }

    /** Checks that the header gives the chunk's size; the other header fields {@link ChunkHeaders} checked. */
    private static ChunkInput sized(byte[] chunk, int length) {
        if (length < ChunkHeaders.HEADER_BYTES) throw new IllegalStateException("chunk shorter than its header");
        ChunkInput in = new ChunkInput(chunk, length);
        long size = in.rawLong(ChunkHeaders.SIZE_AT);
        if (size != length) throw new IllegalStateException("chunk header says " + size + " bytes, has " + length);
        return in;
    }

    private static int offset(ChunkInput in, int headerField) {
        long at = in.rawLong(headerField);
        if (at < ChunkHeaders.HEADER_BYTES || at >= in.size())
            throw new IllegalStateException("header offset " + at + " outside the chunk");
        return (int) at;
    }
}
