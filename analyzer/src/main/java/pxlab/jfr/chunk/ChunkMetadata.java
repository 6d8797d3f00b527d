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
    private static final String TIMESPAN = "jdk.jfr.Timespan";

    private final Map<Long, Type> byId = new HashMap<>();
    private final Map<String, Type> byName = new HashMap<>();

    private ChunkMetadata() {
    }

    Type type(long id) {
        return byId.get(id);
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
            for (Element c : children) if (c.name.equals(childName)) out.add(c);
            return out;
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
        in.readInt();   // size
        long typeId = in.readLong();
        if (typeId != METADATA_TYPE_ID)
            throw new IllegalStateException("expected the metadata event at byte " + at + ", found type " + typeId);
        in.readLong();   // start
        in.readLong();   // duration
        in.readLong();   // metadata id
        int count = in.readInt();
        if (count < 0 || count > in.size()) throw new IllegalStateException("metadata declares " + count + " strings");
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) strings[i] = in.readInline(in.readByte());
        Element root = element(in, strings, 0);
        ChunkMetadata m = new ChunkMetadata();
        List<Element> metadata = root.all("metadata");
        if (metadata.isEmpty()) throw new IllegalStateException("the metadata event has no metadata element");
        List<Element> classes = metadata.get(0).all("class");
        for (Element c : classes) {
            // Interned, so that asking whether a field is of a type ("java.lang.Thread") settles by identity.
            String name = c.attributes.get("name");
            Type t = new Type(Long.parseLong(c.attributes.get("id")), name == null ? null : name.intern());
            m.byId.put(t.id, t);
            m.byName.put(t.name, t);
        }
        for (Element c : classes) {
            Type t = m.byId.get(Long.parseLong(c.attributes.get("id")));
            for (Element f : c.all("field")) {
                long fieldTypeId = Long.parseLong(f.attributes.get("class"));
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
        return m;
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
            Type t = m.byId.get(Long.parseLong(a.attributes.get("class")));
            if (t != null && TIMESPAN.equals(t.name)) return a.attributes.get("value");
        }
        return null;
    }

    private static Element element(ChunkInput in, String[] strings, int depth) {
        if (depth > 64) throw new IllegalStateException("metadata elements nest deeper than 64");
        String name = string(in, strings);
        int attributes = in.readInt();
        Map<String, String> attrs = new HashMap<>(Math.max(4, attributes * 2));
        for (int i = 0; i < attributes; i++) attrs.put(string(in, strings), string(in, strings));
        int children = in.readInt();
        List<Element> kids = new ArrayList<>(Math.max(0, Math.min(children, 1024)));
        for (int i = 0; i < children; i++) kids.add(element(in, strings, depth + 1));
        return new Element(name, attrs, kids);
    }

    private static String string(ChunkInput in, String[] strings) {
        int i = in.readInt();
        if (i < 0 || i >= strings.length) throw new IllegalStateException("metadata string index " + i + " out of range");
        return strings[i];
    }
}
