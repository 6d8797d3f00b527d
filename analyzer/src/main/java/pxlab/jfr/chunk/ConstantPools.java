package pxlab.jfr.chunk;

import java.util.HashMap;
import java.util.Map;
import pxlab.jfr.LongMap;

/**
 * Where each constant of a chunk is: for each type, its constants' keys and the offsets of their values in the
 * chunk. Values are read only when an event refers to them, and then once ({@link ChunkEventView} remembers what it
 * made of them): a chunk may define thousands of stacks and methods that no event the analyzer reads refers to.
 *
 * <p>A chunk's constants are written in checkpoint events, the last one named by the chunk header; each names the
 * one before it by a (negative) offset, 0 ending the chain. Each checkpoint holds pools, a type id and its
 * constants as key-value pairs. A key defined twice keeps its first (the newest) value: they are the same
 * constant.
 */
final class ConstantPools {

    /** The type id of checkpoint events. */
    static final long CHECKPOINT_TYPE_ID = 1;

    private final Map<Long, LongMap<Integer>> pools = new HashMap<>();

    private ConstantPools() {
    }

    /**
     * Returns where a constant's value starts.
     *
     * @param typeId The constant's type.
     * @param key    Its key.
     * @return The offset from the chunk's start, or -1 when the chunk defines no such constant.
     */
    int offset(long typeId, long key) {
        LongMap<Integer> o = pools.get(typeId);
        Integer at = o == null ? null : o.get(key);
        return at == null ? -1 : at;
    }

    /**
     * Finds every constant of a chunk.
     *
     * @param in       The chunk.
     * @param at       Where the last checkpoint starts (the header's constant pool offset).
     * @param metadata The chunk's types, to step over each value.
     * @param walker   Steps over values.
     * @return The pools.
     */
    static ConstantPools read(ChunkInput in, long at, ChunkMetadata metadata, ValueWalker walker) {
        ConstantPools p = new ConstantPools();
        // Each link leads back to an earlier checkpoint, so the chain ends within the chunk's size in steps.
        for (long pos = at, delta = -1; delta != 0; pos += delta) {
            if (pos < ChunkHeaders.HEADER_BYTES || pos >= in.size())
                throw new IllegalStateException("checkpoint offset " + pos + " outside the chunk");
            in.position((int) pos);
            long size = in.readLong();
            if (size <= 0 || size > in.size() - pos)
                throw new IllegalStateException("a checkpoint of " + size + " bytes at byte " + pos);
            long type = in.readLong();
            if (type != CHECKPOINT_TYPE_ID)
                throw new IllegalStateException("expected a checkpoint at byte " + pos + ", found type " + type);
            in.readLong();   // start
            in.readLong();   // duration
            delta = in.readLong();
            if (delta > 0)
                throw new IllegalStateException("the checkpoint at byte " + pos + " links forward, to byte "
                        + (pos + delta));
            in.readByte();   // checkpoint kind: flush, header, statics, threads
            int poolCount = in.readCount(2, "constant pools");   // a type id and a count each
            for (int i = 0; i < poolCount; i++) p.readPool(in, metadata, walker);
            if (in.position() > pos + size)
                throw new IllegalStateException("the checkpoint at byte " + pos + " holds more than its " + size
                        + " bytes");
        }
        return p;
    }

    private void readPool(ChunkInput in, ChunkMetadata metadata, ValueWalker walker) {
        long typeId = in.readLong();
        ChunkMetadata.Type type = metadata.type(typeId);
        if (type == null) throw new IllegalStateException("constants of undeclared type " + typeId);
        int count = in.readCount(1, "constants of " + type.name);   // a key each
        LongMap<Integer> offsets = pools.computeIfAbsent(typeId, k -> new LongMap<>());
        for (int j = 0; j < count; j++) {
            long key = in.readLong();
            offsets.putIfAbsent(key, in.position());
            walker.skipValueOf(type);
        }
    }
}
