package pxlab.testsupport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain maps (in document order), lists, strings, numbers, booleans and nulls, so tests can check a
 * report's shape with jackson-core alone. Paths like {@code get(doc, "summary", "waits")} walk it.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /**
     * Parses a document.
     *
     * @param text The JSON text.
     * @return Its value.
     */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            Object v = value(p);
            if (p.nextToken() != null) throw new IllegalArgumentException("text after the value: " + p.currentToken());
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Walks a path of object keys (strings) and array indices (integers).
     *
     * @param doc  The parsed document.
     * @param path The steps.
     * @return The value there.
     * @throws AssertionError When a step does not exist.
     */
    @SuppressWarnings("unchecked")
    public static Object get(Object doc, Object... path) {
        Object at = doc;
        for (Object step : path) {
            if (step instanceof Integer i && at instanceof List<?> l && i < l.size()) {
                at = l.get(i);
            } else if (step instanceof String k && at instanceof Map<?, ?> m && m.containsKey(k)) {
                at = ((Map<String, Object>) m).get(k);
            } else {
                throw new AssertionError("no " + step + " in " + at);
            }
        }
        return at;
    }

    /**
     * Returns the keys of the object at a path, in document order.
     *
     * @param doc  The parsed document.
     * @param path The steps.
     * @return The keys.
     */
    public static List<String> keys(Object doc, Object... path) {
        Object at = get(doc, path);
        if (!(at instanceof Map<?, ?> m)) throw new AssertionError("not an object: " + at);
        List<String> out = new ArrayList<>();
        for (Object k : m.keySet()) out.add((String) k);
        return out;
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    if (m.put(k, value(p)) != null) throw new IllegalArgumentException("duplicate key " + k);
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) l.add(value(p));
                return l;
            }
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT: return p.getLongValue();
            case VALUE_NUMBER_FLOAT: return p.getDecimalValue();
            case VALUE_TRUE: return true;
            case VALUE_FALSE: return false;
            case VALUE_NULL: return null;
            default: throw new IllegalArgumentException("unexpected " + t);
        }
    }
}
