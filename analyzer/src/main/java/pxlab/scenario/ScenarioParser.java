package pxlab.scenario;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;
import pxlab.sim.GroupSpec;
import pxlab.sim.SimConfig;
import pxlab.sim.TaskSpec;
import pxlab.sim.Workload;

/**
 * Reads scenario files (YAML, or JSON as YAML's flow syntax) into {@link Scenario}s, reporting every mistake with
 * file, line and key path. The format is described in docs/scenario-format.md.
 */
public final class ScenarioParser {

    private static final List<String> TOP_KEYS = List.of("cpus", "until", "config", "groups", "locks", "tasks");
    private static final List<String> GROUP_KEYS = List.of("cpu_weight");
    /** The most CPUs a scenario may declare. */
    public static final int MAX_CPUS = 1024;
    /** The default {@code cpu_weight} of a group, as in cgroup v2. */
    public static final int DEFAULT_CPU_WEIGHT = 100;
    private static final int MAX_FILE_BYTES = 8 << 20;

    private ScenarioParser() {
    }

    /**
     * Reads and parses a scenario file.
     *
     * @param file The file, UTF-8 encoded.
     * @return The scenario, with {@code file.toString()} as its source.
     * @throws ScenarioException if the file cannot be read or is not a valid scenario.
     */
    public static Scenario parse(Path file) throws ScenarioException {
        String name = file.toString();
        if (Files.isDirectory(file)) throw new ScenarioException(name, 0, null, "is a directory, not a scenario file");
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES)
                throw new ScenarioException(name, 0, null, "file too large (over " + (MAX_FILE_BYTES >> 20) + " MiB)");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(name, 0, null, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ScenarioException(name, 0, null, "cannot read file: permission denied", e);
        } catch (IOException e) {
            throw new ScenarioException(name, 0, null, "cannot read file: " + e, e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(name, 0, null, "not UTF-8 text", e);
        }
        return parse(text, name);
    }

    /**
     * Parses a scenario from text.
     *
     * @param text       The scenario, YAML or JSON.
     * @param sourceName The name to use in messages and as the scenario's source, usually the file's name.
     * @return The scenario.
     * @throws ScenarioException if the text is not a valid scenario.
     */
    public static Scenario parse(String text, String sourceName) throws ScenarioException {
        NodeReader r = new NodeReader(sourceName);
        Node root = compose(text, sourceName);
        if (root == null) throw new ScenarioException(sourceName, 0, null, "empty file: a scenario needs cpus and tasks");
        Fields f = r.mapping(root, "", TOP_KEYS);
        int cpus = (int) r.integer(f.require("cpus"), "cpus", 1, MAX_CPUS);
        long until = f.has("until") ? r.duration(f.get("until"), "until", 1) : Long.MAX_VALUE;
        SimConfig config = ConfigParser.parse(r, f.get("config"), "config");
        List<GroupSpec> groups = f.has("groups") ? groups(r, f.get("groups")) : List.of();
        List<String> locks = f.has("locks") ? locks(r, f.get("locks")) : List.of();
        List<TaskSpec> tasks = tasks(r, f.require("tasks"), new TaskParser(r, cpus, locks,
                groups.stream().map(GroupSpec::name).toList()));
        try {
            return new Scenario(sourceName, new Workload(cpus, locks, groups, tasks, until), config);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(sourceName, 0, null, e.getMessage(), e);
        }
    }

    private static Node compose(String text, String sourceName) throws ScenarioException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(MAX_FILE_BYTES);
        String body = jsonTabs(text.startsWith("\uFEFF") ? text.substring(1) : text);
        try {
            return new Yaml(options).compose(new StringReader(body));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ScenarioException(sourceName, mark == null ? 0 : mark.getLine() + 1, null, yamlProblem(e), e);
        } catch (ReaderException e) {
            throw new ScenarioException(sourceName, lineAt(body, e.getPosition()), null, String.format(
                    "character U+%04X is not allowed in a scenario file", e.getCodePoint()), e);
        } catch (YAMLException e) {
            throw new ScenarioException(sourceName, 0, null, "invalid YAML: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Turns tabs into spaces in a document that starts with a flow mapping, as JSON does. JSON allows tabs as
     * whitespace and forbids them inside strings, but SnakeYAML's scanner refuses every tab outside a scalar; one
     * space per tab keeps lines and columns where they were.
     */
    private static String jsonTabs(String text) {
        return text.strip().startsWith("{") ? text.replace('\t', ' ') : text;
    }

    private static String yamlProblem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : oneLine(e.getProblem());
        if (e.getContext() == null || e.getContextMark() == null) return "invalid YAML: " + problem;
        if (problem.startsWith("but ")) return "invalid YAML: " + oneLine(e.getContext()) + ", " + problem;
        return "invalid YAML: " + problem + " (" + oneLine(e.getContext()) + " at line "
                + (e.getContextMark().getLine() + 1) + ")";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /** Returns the 1-based line of a code point offset. */
    private static int lineAt(String text, int codePointOffset) {
        int line = 1;
        int i = 0;
        for (int cp = 0; cp < codePointOffset && i < text.length(); cp++) {
            if (text.charAt(i) == '\n') line++;
            i += Character.charCount(text.codePointAt(i));
        }
        return line;
    }

    private static List<GroupSpec> groups(NodeReader r, Node node) throws ScenarioException {
        Fields f = r.mapping(node, "groups", null);
        List<GroupSpec> groups = new ArrayList<>();
        for (String name : f.keys()) {
            Fields g = r.mapping(f.get(name), f.path(name), GROUP_KEYS);
            int weight = g.has("cpu_weight")
                    ? (int) r.integer(g.get("cpu_weight"), g.path("cpu_weight"), 1, 10_000)
                    : DEFAULT_CPU_WEIGHT;
            groups.add(new GroupSpec(name, weight));
        }
        return groups;
    }

    private static List<String> locks(NodeReader r, Node node) throws ScenarioException {
        List<Node> items = r.list(node, "locks");
        Map<String, Node> seen = new HashMap<>();
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "locks[" + i + "]";
            String name = r.name(items.get(i), at);
            Node first = seen.putIfAbsent(name, items.get(i));
            if (first != null) throw r.error(items.get(i), at, "lock '" + name + "' is declared twice");
            locks.add(name);
        }
        return locks;
    }

    private static List<TaskSpec> tasks(NodeReader r, Node node, TaskParser parser) throws ScenarioException {
        List<Node> items = r.list(node, "tasks");
        if (items.isEmpty()) throw r.error(node, "tasks", "a scenario needs at least one task");
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) tasks.add(parser.parse(items.get(i), "tasks[" + i + "]"));
        return tasks;
    }
}
