package pxlab.jfr.chunk;

import pxlab.jfr.chunk.ChunkMetadata.Field;
import pxlab.jfr.chunk.ChunkMetadata.Kind;
import pxlab.jfr.chunk.ChunkMetadata.Type;

/**
 * Steps over JFR values of any declared type, or reads a struct's values into an array: how a chunk is walked
 * without knowing its types in advance. A struct is its fields' values in order; an array a varint count and its
 * elements; a constant-pool field a varint key.
 *
 * <p>On a damaged chunk the walk ends in bounded time and memory: an array's count is checked against the bytes
 * left, values that take no bytes are not walked ({@link ChunkMetadata#byteless}), so every step reads a byte, and
 * nesting stops at {@link #MAX_DEPTH}.
 */
final class ValueWalker {

    /** Nesting a damaged chunk could make endless: real types nest a few levels. */
    static final int MAX_DEPTH = 32;

    private final ChunkInput in;
    private final ChunkMetadata metadata;

    ValueWalker(ChunkInput in, ChunkMetadata metadata) {
        this.in = in;
        this.metadata = metadata;
    }

    /**
     * Steps over one value of a type, as a constant pool holds it.
     *
     * @param type The type.
     */
    void skipValueOf(Type type) {
        switch (type.name) {
            case "boolean": case "byte": in.readByte(); return;
            case "char": case "short": case "int": case "long": in.readLong(); return;
            case "float": in.position(in.position() + 4); return;
            case "double": in.position(in.position() + 8); return;
            case "java.lang.String": in.skipString(); return;
            default: skipStruct(type, 0);
        }
    }

    /**
     * Steps over one field's value.
     *
     * @param f The field.
     */
    void skip(Field f) {
        skip(f, 0);
    }

    private void skip(Field f, int depth) {
        if (f.array()) {
            // As the JDK's parser, a byte an element at least; an element that takes none needs no step.
            int n = in.readCount(1, "array elements");
            if (f.kind() == Kind.STRUCT && metadata.byteless(metadata.type(f.typeId()))) return;
            for (int i = 0; i < n; i++) skipOne(f, depth);
        } else {
            skipOne(f, depth);
        }
    }

    private void skipOne(Field f, int depth) {
        switch (f.kind()) {
            case BOOLEAN: case BYTE: in.readByte(); return;
            case VARINT: case CONSTANT: in.readLong(); return;
            case FLOAT: in.position(in.position() + 4); return;
            case DOUBLE: in.position(in.position() + 8); return;
            case STRING: in.skipString(); return;
            default: skipStruct(metadata.type(f.typeId()), depth + 1);
        }
    }

    private void skipStruct(Type type, int depth) {
        if (metadata.byteless(type)) return;
        if (depth > MAX_DEPTH) throw new IllegalStateException("values nest deeper than " + MAX_DEPTH);
        for (Field f : type.fields) skip(f, depth);
    }
}
