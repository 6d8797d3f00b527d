package pxlab.jfr.chunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types one chunk declares, read from its metadata event: for each type its name and its fields in the order
 * their values are written. This is what {@link ChunkParser} needs to walk any value of the chunk, and what tells it
 * where a field of an event is.
 *
 * <p>The metadata event is a string table followed by a tree of elements, each a name, attributes (string-table
 * indexes in pairs) and children: {@code root} holds {@code metadata}, whose {@code class} children are the types,
 * whose {@code field} children are the fields, each with {@code annotation} children ({@code jdk.jfr.Timespan}'s
 * {@code value} is a field's unit).
 */
final class ChunkMetadata {

    /** What a field's value is, for walking and reading it. */
    enum Kind { BOOLEAN, BYTE, VARINT, FLOAT, DOUBLE, STRING, CONSTANT, STRUCT }

    /**
     * One field of a type.
     *
     * @param name     The field's name.
     * @param typeName The field's type, e.g. {@code java.lang.Thread}.
     * @param typeId   The field type's id.
     * @param kind     How its value is written: a constant-pool field is a varint key, whatever its type.
     * @param array    Whether the value is an array (a varint count, then the elements).
     * @param timespan The {@code @Timespan} unit, e.g. {@code NANOSECONDS}; {@code null} when not a timespan.
     */
    record Field(String name, String typeName, long typeId, Kind kind, boolean array, String timespan) {
    }

    /** One type: an event type, a constant's type or a struct. */
    static final class Type {
        final long id;
        final String name;
        final List<Field> fields = new ArrayList<>();
        /** Each field's kind, {@code null} for arrays and structs: what reading an event of the type walks. */
        Kind[] kinds;
        /** Whether a value of the type takes no bytes ({@link #markByteless}): one of {@code WALK_*}. */
        private byte walk;
        private final Map<String, Integer> index = new HashMap<>();
        /**
         * The names asked of {@link #index} so far, by identity, and their answers: callers ask with the same
         * constant strings for every event, and a hash lookup compares the metadata's copy of a name character by
         * character, a dozen times an event. Open addressing; once half full, later names go to the hash map.
         */
        private final String[] asked = new String[64];
        private final int[] answers = new int[64];
        private int askedCount;

        Type(long id, String name) {
            this.id = id;
            this.name = name;
        }

        /**
         * Returns where a field's value sits among the type's values.
         *
         * @param field The field's name.
         * @return Its index, or -1 when the type has no such field.
         */
        int index(String field) {
            int mask = asked.length - 1;
            int slot = System.identityHashCode(field) & mask;
            for (String s; (s = asked[slot]) != null; slot = (slot + 1) & mask) {
                if (s == field) return answers[slot];
            }
            Integer i = index.get(field);
            int answer = i == null ? -1 : i;
            if (askedCount < asked.length / 2) {
                asked[slot] = field;
                answers[slot] = answer;
                askedCount++;
            }
            return answer;
        }
    }

    private static final long METADATA_TYPE_ID = 0;
    private static final byte WALK_UNKNOWN = 0;
    private static final byte WALK_VISITING = 1;
    private static final byte WALK_BYTELESS = 2;
    private static final byte WALK_TAKES_BYTES = 3;
    private static final String TIMESPAN = "jdk.jfr.Timespan";

    private final Map<Long, Type> byId = new HashMap<>();
    private final Map<String, Type> byName = new HashMap<>();

    private ChunkMetadata() {
    }

    Type type(long id) {
        return byId.get(id);
    }

    /**
     * Returns every type the chunk declares.
     *
     * @return The types, in no order.
     */
    Iterable<Type> types() {
        return byId.values();
    }

    /**
     * Returns a type by name.
     *
     * @param name The type's name.
     * @return The type, or {@code null} when the chunk does not declare it.
     */
    Type type(String name) {
        return byName.get(name);
    }

    /**
     * Returns the names of every type the chunk declares.
     *
     * @return The names; a set that cannot be changed.
     */
    Set<String> names() {
        Set<String> names = new HashSet<>(byName.keySet());
        names.remove(null);   // a damaged class element without a name
        return Set.copyOf(names);
    }

    /** An element of the metadata tree. */
    private record Element(String name, Map<String, String> attributes, List<Element> children) {
        List<Element> all(String childName) {
            List<Element> out = new ArrayList<>();
            for (Element c : children) if (childName.equals(c.name)) out.add(c);
            return out;
        }

        /** An attribute that holds a type's id. */
        long id(String attribute) {
            String v = attributes.get(attribute);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("metadata: the " + attribute + " of a " + name + " element is "
                        + (v == null ? "missing" : "'" + v + "', not a type id"));
            }
        }
    }

    /**
     * Reads the metadata event that starts at a position.
     *
     * @param in The chunk.
     * @param at Where the metadata event starts, from the chunk's start.
     * @return The chunk's types.
     */
    static ChunkMetadata read(ChunkInput in, int at) {
        in.position(at);
        long size = in.readLong();
        if (size <= 0 || size > in.size() - at)
            throw new IllegalStateException("a metadata event of " + size + " bytes at byte " + at);
        long typeId = in.readLong();
        if (typeId != METADATA_TYPE_ID)
            throw new IllegalStateException("expected the metadata event at byte " + at + ", found type " + typeId);
        in.readLong();   // start
        in.readLong();   // duration
        in.readLong();   // metadata id
        String[] strings = new String[in.readCount(1, "metadata strings")];
        for (int i = 0; i < strings.length; i++) strings[i] = in.readInline(in.readByte());
        Element root = element(in, strings, 0);
        if (in.position() > at + size)
            throw new IllegalStateException("the metadata event at byte " + at + " holds more than its size");
        ChunkMetadata m = new ChunkMetadata();
        List<Element> metadata = root.all("metadata");
        if (metadata.isEmpty()) throw new IllegalStateException("the metadata event has no metadata element");
        List<Element> classes = metadata.get(0).all("class");
        for (Element c : classes) {
            // Interned, so that asking whether a field is of a type ("java.lang.Thread") settles by identity.
            String name = c.attributes.get("name");
            Type t = new Type(c.id("id"), name == null ? null : name.intern());
            m.byId.put(t.id, t);
            m.byName.put(t.name, t);
        }
        for (Element c : classes) {
            Type t = m.byId.get(c.id("id"));
            for (Element f : c.all("field")) {
                long fieldTypeId = f.id("class");
                Type fieldType = m.byId.get(fieldTypeId);
                if (fieldType == null)
                    throw new IllegalStateException("field " + t.name + "." + f.attributes.get("name")
                            + " has undeclared type " + fieldTypeId);
                boolean constant = "true".equals(f.attributes.get("constantPool"));
                boolean array = f.attributes.get("dimension") != null && !"0".equals(f.attributes.get("dimension"));
                Field field = new Field(f.attributes.get("name"), fieldType.name, fieldTypeId,
                        constant ? Kind.CONSTANT : kindOf(fieldType.name), array, timespan(m, f));
                t.index.put(field.name(), t.fields.size());
                t.fields.add(field);
            }
            t.kinds = new Kind[t.fields.size()];
            for (int i = 0; i < t.kinds.length; i++) {
                Field f = t.fields.get(i);
                t.kinds[i] = f.array() || f.kind() == Kind.STRUCT ? null : f.kind();
            }
        }
        for (Type t : m.byId.values()) m.markByteless(t, 0);
        return m;
    }

    /**
     * Returns whether a value of a type takes no bytes.
     *
     * @param t The type.
     * @return {@code true} for a struct whose every field is, again, such a struct: no array, constant or primitive.
     */
    boolean byteless(Type t) {
        return t.walk == WALK_BYTELESS;
    }

    /**
     * Works out {@link #byteless} for a type and the types it nests, each once. {@link ValueWalker} steps over such
     * values without a loop, so that every value it walks reads a byte at least and walking a chunk takes time in
     * proportion to its size, however many empty structs a damaged metadata declares. A type that contains itself,
     * or nests deeper than {@link ValueWalker#MAX_DEPTH}, is taken to take bytes: walking it then fails at that
     * depth.
     */
    private boolean markByteless(Type t, int depth) {
        if (t.walk == WALK_UNKNOWN && depth <= ValueWalker.MAX_DEPTH) {
            t.walk = WALK_VISITING;
            boolean none = kindOf(t.name == null ? "" : t.name) == Kind.STRUCT;
            for (int i = 0; none && i < t.fields.size(); i++) {
                Field f = t.fields.get(i);
                none = !f.array() && f.kind() == Kind.STRUCT && markByteless(byId.get(f.typeId()), depth + 1);
            }
            t.walk = none ? WALK_BYTELESS : WALK_TAKES_BYTES;
        }
        return t.walk == WALK_BYTELESS;
    }

    private static Kind kindOf(String typeName) {
        switch (typeName) {
            case "boolean": return Kind.BOOLEAN;
            case "byte": return Kind.BYTE;
            case "char": case "short": case "int": case "long": return Kind.VARINT;
            case "float": return Kind.FLOAT;
            case "double": return Kind.DOUBLE;
            case "java.lang.String": return Kind.STRING;
            default: return Kind.STRUCT;
        }
    }

    private static String timespan(ChunkMetadata m, Element field) {
        for (Element a : field.all("annotation")) {
            Type t = m.byId.get(a.id("class"));
            if (t != null && TIMESPAN.equals(t.name)) return a.attributes.get("value");
        }
        return null;
    }

    private static Element element(ChunkInput in, String[] strings, int depth) {
        if (depth > 64) throw new IllegalStateException("metadata elements nest deeper than 64");
        String name = string(in, strings);
        // An attribute is two string indexes; an element its name and two counts: a byte each at least.
        int attributes = in.readCount(2, "metadata attributes");
        Map<String, String> attrs = new HashMap<>();
        for (int i = 0; i < attributes; i++) attrs.put(string(in, strings), string(in, strings));
        int children = in.readCount(3, "metadata elements");
        List<Element> kids = new ArrayList<>(Math.min(children, 16));
        for (int i = 0; i < children; i++) kids.add(element(in, strings, depth + 1));
        return new Element(name, attrs, kids);
    }

    private static String string(ChunkInput in, String[] strings) {
        int i = in.readInt();
        if (i < 0 || i >= strings.length) throw new IllegalStateException("metadata string index " + i + " out of range");
        return strings[i];
    }
}
