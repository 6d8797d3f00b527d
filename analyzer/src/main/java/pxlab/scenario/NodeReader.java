package pxlab.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of SnakeYAML nodes, turning every mismatch into a {@link ScenarioException} that names the
 * file, the line and the key path.
 */
final class NodeReader {

    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");

    private final String source;

    /**
     * Creates a reader for one file.
     *
     * @param source The file's name, used in every error.
     */
    NodeReader(String source) {
        this.source = source;
    }

    /**
     * Creates an error located at a node.
     *
     * @param at     The offending node, or {@code null} if unknown.
     * @param path   The key path.
     * @param reason What is wrong.
     * @return The exception, for the caller to throw.
     */
    ScenarioException error(Node at, String path, String reason) {
        return new ScenarioException(source, line(at), path, reason);
    }

    /**
     * Returns a node's 1-based line.
     *
     * @param node The node, or {@code null}.
     * @return The line, or 0 if unknown.
     */
    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /**
     * Reads a mapping, refusing non-string keys, duplicate keys and, when {@code validKeys} is given, unknown keys.
     *
     * @param node      The node.
     * @param path      The node's key path.
     * @param validKeys The keys allowed here, or {@code null} to allow any name.
     * @return The mapping's entries.
     * @throws ScenarioException if the node is not such a mapping.
     */
    Fields mapping(Node node, String path, List<String> validKeys) throws ScenarioException {
        if (!(node instanceof MappingNode map)) throw error(node, path, "expected a mapping, got " + describe(node));
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || keyNode.getTag().equals(Tag.NULL))
                throw error(keyNode, path, "keys must be plain names, got " + describe(keyNode));
            if (keyNode.getTag().equals(Tag.MERGE)) throw error(keyNode, path, "merge keys (<<) are not supported");
            String key = scalar.getValue();
            String keyPath = Fields.join(path, key);
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null)
                throw error(keyNode, keyPath, "duplicate key (first at line " + line(first.getKeyNode()) + ")");
            if (validKeys != null && !validKeys.contains(key))
                throw error(keyNode, keyPath, "unknown key '" + key + "' (valid: " + String.join(", ", validKeys) + ")");
        }
        return new Fields(this, map, path, entries);
    }

    /**
     * Reads a sequence.
     *
     * @param node The node.
     * @param path The node's key path.
     * @return The sequence's items.
     * @throws ScenarioException if the node is not a sequence.
     */
    List<Node> list(Node node, String path) throws ScenarioException {
        if (!(node instanceof SequenceNode seq)) throw error(node, path, "expected a list, got " + describe(node));
        return seq.getValue();
    }

    /**
     * Reads a decimal integer within bounds; quoted numbers, fractions and YAML's octal or hex forms are refused.
     *
     * @param node The node.
     * @param path The node's key path.
     * @param min  The smallest allowed value.
     * @param max  The largest allowed value.
     * @return The value.
     * @throws ScenarioException if the node is not such an integer.
     */
    long integer(Node node, String path, long min, long max) throws ScenarioException {
        if (!(node instanceof ScalarNode s) || !node.getTag().equals(Tag.INT) || !DECIMAL_INT.matcher(s.getValue()).matches())
            throw error(node, path, "expected an integer, got " + describe(node));
        long value;
        try {
            value = Long.parseLong(s.getValue());
        } catch (NumberFormatException e) {
            throw error(node, path, "integer out of range: " + s.getValue());
        }
        if (value < min || value > max)
            throw error(node, path, max == Long.MAX_VALUE ? "must be at least " + min + ", got " + value
                    : value + " is out of range " + min + ".." + max);
        return value;
    }

    /**
     * Reads a duration with a unit, such as {@code 250us}.
     *
     * @param node The node.
     * @param path The node's key path.
     * @param min  The smallest allowed value in nanoseconds (0, or 1 for settings that must be positive).
     * @return The duration in nanoseconds.
     * @throws ScenarioException if the node is not such a duration.
     */
    long duration(Node node, String path, long min) throws ScenarioException {
        if (!(node instanceof ScalarNode s) || node.getTag().equals(Tag.NULL))
            throw error(node, path, "expected a duration such as 250us, 3ms, 2s, got " + describe(node));
        if (node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT))
            throw error(node, path, "duration needs a unit: 250us, 3ms, 2s");
        long ns;
        try {
            ns = Durations.parseNs(s.getValue());
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
        if (ns < min) throw error(node, path, "must be greater than 0");
        return ns;
    }

    /**
     * Reads {@code true} or {@code false}.
     *
     * @param node The node.
     * @param path The node's key path.
     * @return The value.
     * @throws ScenarioException for anything else, including YAML 1.1's {@code yes}, {@code no}, {@code on}, {@code off}.
     */
    boolean bool(Node node, String path) throws ScenarioException {
        if (node instanceof ScalarNode s && node.getTag().equals(Tag.BOOL)) {
            String v = s.getValue().toLowerCase(Locale.ROOT);
            if (v.equals("true")) return true;
            if (v.equals("false")) return false;
        }
        throw error(node, path, "expected true or false, got " + describe(node));
    }

    /**
     * Reads a name: any non-empty scalar, taken as written.
     *
     * @param node The node.
     * @param path The node's key path.
     * @return The name, trimmed.
     * @throws ScenarioException if the node is not a non-empty scalar.
     */
    String name(Node node, String path) throws ScenarioException {
        if (!(node instanceof ScalarNode s) || node.getTag().equals(Tag.NULL) || s.getValue().isBlank())
            throw error(node, path, "expected a name, got " + describe(node));
        return s.getValue().trim();
    }

    /**
     * Reads a name that must be one of those declared elsewhere in the file.
     *
     * @param node     The node.
     * @param path     The key path, for errors.
     * @param what     What the name names, e.g. {@code lock}.
     * @param declared The declared names.
     * @return The name.
     * @throws ScenarioException if it is not a name, or not declared.
     */
    String declaredName(Node node, String path, String what, List<String> declared) throws ScenarioException {
        String name = name(node, path);
        if (!declared.contains(name))
            throw error(node, path, "unknown " + what + " '" + name + "' (" + (declared.isEmpty()
                    ? "no " + what + "s declared" : "declared: " + String.join(", ", declared)) + ")");
        return name;
    }

    /**
     * Reads one of a fixed set of words.
     *
     * @param node    The node.
     * @param path    The node's key path.
     * @param choices The allowed words.
     * @return The word.
     * @throws ScenarioException if the node is not one of them.
     */
    String choice(Node node, String path, List<String> choices) throws ScenarioException {
        if (node instanceof ScalarNode s && choices.contains(s.getValue())) return s.getValue();
        throw error(node, path, "expected one of " + String.join(", ", choices) + "; got " + describe(node));
    }

    /**
     * Describes a node for an error message.
     *
     * @param node The node, or {@code null}.
     * @return For example {@code '2.5'}, {@code nothing}, {@code a list} or {@code a mapping}.
     */
    static String describe(Node node) {
        if (node == null || node.getTag().equals(Tag.NULL)) return "nothing";
        if (node instanceof ScalarNode s) return "'" + abbreviate(s.getValue()) + "'";
        if (node instanceof SequenceNode) return "a list";
        return "a mapping";
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 40 ? one : one.substring(0, 37) + "...";
    }
}
