package pxlab.scenario;

import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The entries of one YAML mapping, already checked for duplicate and unknown keys, with their key paths.
 */
final class Fields {

    private final NodeReader reader;
    private final MappingNode node;
    private final String path;
    private final Map<String, NodeTuple> entries;

    Fields(NodeReader reader, MappingNode node, String path, Map<String, NodeTuple> entries) {
        this.reader = reader;
        this.node = node;
        this.path = path;
        this.entries = entries;
    }

    /**
     * Joins a key path and a key.
     *
     * @param path The parent path, possibly empty.
     * @param key  The key.
     * @return For example {@code config.costs} from {@code config} and {@code costs}.
     */
    static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Returns the mapping node itself.
     *
     * @return The node.
     */
    MappingNode node() {
        return node;
    }

    /**
     * Returns the key path of an entry.
     *
     * @param key The key.
     * @return The mapping's path joined with the key.
     */
    String path(String key) {
        return join(path, key);
    }

    /**
     * Returns the keys in the order written.
     *
     * @return The keys.
     */
    Set<String> keys() {
        return entries.keySet();
    }

    /**
     * Returns whether a key is present.
     *
     * @param key The key.
     * @return {@code true} if the mapping has it.
     */
    boolean has(String key) {
        return entries.containsKey(key);
    }

    /**
     * Returns a key's value node.
     *
     * @param key The key.
     * @return The value node, or {@code null} when the key is absent.
     */
    Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /**
     * Returns a key's own node, to point errors at the key rather than its value.
     *
     * @param key The key.
     * @return The key node, or {@code null} when the key is absent.
     */
    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getKeyNode();
    }

    /**
     * Returns a required key's value node.
     *
     * @param key The key.
     * @return The value node.
     * @throws ScenarioException at the mapping's line when the key is absent.
     */
    Node require(String key) throws ScenarioException {
        Node value = get(key);
        if (value == null) throw reader.error(node, path(key), "required key is missing");
        return value;
    }
}
