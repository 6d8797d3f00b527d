package pxlab.corpus.harness;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files of JSON values, one after another (a truth file, the verdicts): reads them into maps, lists, strings, numbers
 * and booleans, and gives the harness's writers their generator and their string arrays.
 */
final class JsonLines {

    private JsonLines() {
    }

    /**
     * Reads every top-level value of a file.
     *
     * @param file The file.
     * @return The objects, in file order.
     * @throws IOException When the file cannot be read or is not JSON.
     */
    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) throw new IOException(file + ": not an object at " + p.currentLocation());
                out.add(object(p));
            }
        }
        return out;
    }

    /**
     * Opens a file for JSON values written one a line.
     *
     * @param file The file, replaced if it exists.
     * @return The generator; the caller closes it.
     * @throws IOException When the file cannot be opened.
     */
    static JsonGenerator writer(Path file) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8);
        g.setRootValueSeparator(new SerializedString("\n"));
        return g;
    }

    /**
     * Writes a field whose value is an array of strings.
     *
     * @param g      The generator, inside an object.
     * @param field  The field's name.
     * @param values The strings, in order.
     * @throws IOException When writing fails.
     */
    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, value(p));
        }
        return m;
    }

    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: return object(p);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(value(p));
                return list;
            }
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT: return p.getLongValue();
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            default: return null;
        }
    }
}
