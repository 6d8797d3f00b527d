package pxlab.jfr.chunk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a JFR chunk from scratch, for damage no recording can be edited into: the header, then the events, the
 * checkpoints (each linking to the one before, unless told otherwise) and the metadata last. Integers are
 * varints; event and checkpoint sizes are written in four bytes, as the JVM does, so they can be known before
 * the event is, and links in nine, so that one can be changed without moving anything.
 */
final class ChunkBuilder {

    /** The header's start: 2023-11-14, epoch nanoseconds. */
    static final long START_NS = 1_700_000_000_000_000_000L;

    /** An element of the metadata tree. */
    static final class Element {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();
        /** Written instead of the attribute count, when set: a count the element does not have. */
        long attributeCount = -1;

        Element(String name) {
            this.name = name;
        }

        Element with(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        Element add(Element child) {
            children.add(child);
            return this;
        }
    }

    private final Element metadata = new Element("metadata");
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private final List<byte[]> checkpoints = new ArrayList<>();
    private final List<Long> links = new ArrayList<>();

    /** The primitive types every builder declares, by id: {@code long} is {@code PRIMITIVES.indexOf("long") + 100}. */
    static final List<String> PRIMITIVES = List.of("boolean", "byte", "int", "long");
    static final long LONG = 103;
    static final long INT = 102;

    ChunkBuilder() {
        for (int i = 0; i < PRIMITIVES.size(); i++) type(100 + i, PRIMITIVES.get(i));
    }

    /**
     * Declares a type.
     *
     * @param id     Its id.
     * @param name   Its name.
     * @param fields Its fields, made by {@link #field}.
     * @return The class element, for changes.
     */
    Element type(long id, String name, Element... fields) {
        Element c = new Element("class").with("id", Long.toString(id)).with("name", name);
        for (Element f : fields) c.add(f);
        metadata.add(c);
        return c;
    }

    static Element field(String name, long typeId, boolean array) {
        Element f = new Element("field").with("name", name).with("class", Long.toString(typeId));
        return array ? f.with("dimension", "1") : f;
    }

    /**
     * Adds an event.
     *
     * @param typeId Its type.
     * @param values Its values, as varints.
     * @return This builder.
     */
    ChunkBuilder event(long typeId, long... values) {
        return event(typeId, false, values);
    }

    /**
     * Adds an event whose values are written in four bytes each (padded varints, below 2^28): events of one type
     * are then all of one size, whatever their values.
     *
     * @param typeId Its type.
     * @param values Its values.
     * @return This builder.
     */
    ChunkBuilder paddedEvent(long typeId, long... values) {
        return event(typeId, true, values);
    }

    private ChunkBuilder event(long typeId, boolean padded, long... values) {
        Out body = new Out();
        body.varint(typeId);
        for (long v : values) {
            if (padded) body.padded(v);
            else body.varint(v);
        }
        sized(events, body);
        return this;
    }

    /**
     * Adds a checkpoint with one pool of constants whose values are varints.
     *
     * @param typeId The constants' type.
     * @param keys   How many: keys 1 to {@code keys}, each valued its key.
     * @param link   Its link to the checkpoint before, {@code null} for the true one (0 for the first).
     * @return This builder.
     */
    ChunkBuilder checkpoint(long typeId, int keys, Long link) {
        Out pool = new Out();
        pool.varint(1);   // one pool
        pool.varint(typeId);
        pool.varint(keys);
        for (long k = 1; k <= keys; k++) {
            pool.varint(k);
            pool.varint(k);
        }
        checkpoints.add(pool.toByteArray());
        links.add(link);
        return this;
    }

    /** Returns the root element's {@code metadata} child, whose {@code class} children are the types. */
    Element metadata() {
        return metadata;
    }

    byte[] build() {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes(new byte[ChunkHeaders.HEADER_BYTES]);
        chunk.writeBytes(events.toByteArray());
        long last = 0;
        for (int i = 0; i < checkpoints.size(); i++) {
            long at = chunk.size();
            Out body = new Out();
            body.varint(1);   // checkpoint type
            body.varint(0);   // start
            body.varint(0);   // duration
            body.nineBytes(links.get(i) != null ? links.get(i) : i == 0 ? 0 : last - at);
            body.write(0);    // kind
            body.writeBytes(checkpoints.get(i));
            sized(chunk, body);
            last = at;
        }
        long metadataAt = chunk.size();
        sized(chunk, metadataEvent());
        byte[] b = chunk.toByteArray();
        b[0] = 'F';
        b[1] = 'L';
        b[2] = 'R';
        b[ChunkHeaders.MAJOR_AT + 1] = 2;
        putLong(b, ChunkHeaders.SIZE_AT, b.length);
        putLong(b, ChunkHeaders.CONSTANT_POOL_AT, last);
        putLong(b, ChunkHeaders.METADATA_AT, metadataAt);
        putLong(b, ChunkHeaders.START_NANOS_AT, START_NS);
        putLong(b, ChunkHeaders.DURATION_NANOS_AT, 1_000_000_000L);
        putLong(b, ChunkHeaders.TICKS_PER_SECOND_AT, 1_000_000_000L);
        b[ChunkHeaders.FLAGS_AT] = 1;   // compressed integers
        return b;
    }

    private Out metadataEvent() {
        Element root = new Element("root").add(metadata).add(new Element("region"));
        Map<String, Integer> strings = new LinkedHashMap<>();
        index(root, strings);
        Out body = new Out();
        body.varint(0);   // metadata type
        body.varint(0);   // start
        body.varint(0);   // duration
        body.varint(0);   // metadata id
        body.varint(strings.size());
        for (String s : strings.keySet()) body.string(s);
        write(root, strings, body);
        return body;
    }

    private static void index(Element e, Map<String, Integer> strings) {
        strings.putIfAbsent(e.name, strings.size());
        e.attributes.forEach((k, v) -> {
            strings.putIfAbsent(k, strings.size());
            strings.putIfAbsent(v, strings.size());
        });
        for (Element c : e.children) index(c, strings);
    }

    private static void write(Element e, Map<String, Integer> strings, Out out) {
        out.varint(strings.get(e.name));
        out.varint(e.attributeCount >= 0 ? e.attributeCount : e.attributes.size());
        e.attributes.forEach((k, v) -> {
            out.varint(strings.get(k));
            out.varint(strings.get(v));
        });
        out.varint(e.children.size());
        for (Element c : e.children) write(c, strings, out);
    }

    /** Writes an event: its size in four bytes, then its body. */
    private static void sized(ByteArrayOutputStream to, Out body) {
        Out size = new Out();
        size.padded(4 + body.size());
        to.writeBytes(size.toByteArray());
        to.writeBytes(body.toByteArray());
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--, v >>>= 8) b[at + i] = (byte) v;
    }

    /** Bytes in JFR's encodings. */
    static final class Out extends ByteArrayOutputStream {
        void varint(long v) {
            for (int i = 0; i < 8; i++, v >>>= 7) {
                if ((v & ~0x7FL) == 0) {
                    write((int) v);
                    return;
                }
                write((int) (v & 0x7F | 0x80));
            }
            write((int) v);
        }

        /** A varint in nine bytes, the most it takes: a value that changes leaves everything after it in place. */
        void nineBytes(long v) {
            for (int i = 0; i < 8; i++, v >>>= 7) write((int) (v & 0x7F | 0x80));
            write((int) v);
        }

        /** A varint in four bytes, as the JVM writes sizes: continuation bits pad a small value. */
        void padded(long v) {
            for (int i = 0; i < 3; i++) write((int) (v >>> 7 * i & 0x7F | 0x80));
            write((int) (v >>> 21 & 0x7F));
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            write(ChunkInput.STRING_UTF8);
            varint(utf8.length);
            writeBytes(utf8);
        }
    }
}
