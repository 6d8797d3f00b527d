package pxlab.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import pxlab.sim.Op;

/**
 * Parses a task's {@code program} into {@link Op} trees while walking it abstractly to check locks and request marks.
 *
 * <p>The walk tracks the locks the task holds and the requests it has begun. It rejects a lock of an undeclared or
 * already held lock, an unlock of a lock not held, a second {@code mark: begin X} before {@code mark: end X}, an end
 * without a begin, a {@code repeat} whose steps change the held locks or the open requests, and a program that ends
 * holding a lock or inside a request. A repeat's steps are walked once, whatever the count.
 */
final class ProgramParser {

    /** More steps than this, counting every alias expansion, is refused to bound the work. */
    static final int MAX_STEPS = 1_000_000;

    private static final List<String> STEP_KEYS = List.of("run", "sleep", "lock", "unlock", "mark", "repeat");
    private static final List<String> REPEAT_KEYS = List.of("repeat", "steps");
    private static final Pattern MARK = Pattern.compile("(begin|end)\\s+(\\S.*)");

    /** Where a lock was taken or a request begun, for messages. */
    private record Site(Node node, String path) {
    }

    private final NodeReader reader;
    private final List<String> locks;
    private final Map<String, Site> held = new LinkedHashMap<>();
    private final Map<String, Site> open = new LinkedHashMap<>();
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    private int steps;

    private ProgramParser(NodeReader reader, List<String> locks) {
        this.reader = reader;
        this.locks = locks;
    }

    /**
     * Parses and checks a program.
     *
     * @param reader The reader for the file.
     * @param node   The {@code program} value.
     * @param path   Its key path, such as {@code tasks[1].program}.
     * @param locks  The declared lock names.
     * @return The steps.
     * @throws ScenarioException for a malformed step or a failed check.
     */
    static List<Op> parse(NodeReader reader, Node node, String path, List<String> locks) throws ScenarioException {
        ProgramParser p = new ProgramParser(reader, locks);
        List<Op> ops = p.steps(node, path);
        if (!p.held.isEmpty()) {
            Map.Entry<String, Site> e = p.held.entrySet().iterator().next();
            throw p.error(e.getValue(), "task ends holding lock '" + e.getKey()
                    + "' (add 'unlock: " + e.getKey() + "'; a lock never released can only deadlock others)");
        }
        if (!p.open.isEmpty()) {
            Map.Entry<String, Site> e = p.open.entrySet().iterator().next();
            throw p.error(e.getValue(), "task ends inside request '" + e.getKey()
                    + "' (add 'mark: end " + e.getKey() + "')");
        }
        return ops;
    }

    private ScenarioException error(Site site, String reason) {
        return reader.error(site.node(), site.path(), reason);
    }

    private List<Op> steps(Node node, String path) throws ScenarioException {
        if (!onPath.add(node)) throw reader.error(node, path, "a list of steps cannot contain itself (recursive alias)");
        List<Node> items = reader.list(node, path);
        List<Op> ops = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) ops.add(step(items.get(i), path + "[" + i + "]"));
        onPath.remove(node);
        return ops;
    }

    private Op step(Node node, String path) throws ScenarioException {
        if (++steps > MAX_STEPS) throw reader.error(node, path, "program too large (over " + MAX_STEPS + " steps)");
        Fields f = reader.mapping(node, path, null);
        if (f.has("repeat") || f.has("steps")) return repeat(f);
        if (f.keys().size() != 1) {
            throw reader.error(node, path, f.keys().isEmpty()
                    ? "empty step (use one of " + String.join(", ", STEP_KEYS) + ")"
                    : "a step has exactly one key, got " + String.join(", ", f.keys()));
        }
        String key = f.keys().iterator().next();
        Node value = f.get(key);
        String at = f.path(key);
        return switch (key) {
            case "run" -> new Op.Run(reader.duration(value, at, 0));
            case "sleep" -> new Op.Sleep(reader.duration(value, at, 0));
            case "lock" -> lock(value, at);
            case "unlock" -> unlock(value, at);
            case "mark" -> mark(value, at);
            default -> throw reader.error(f.keyNode(key), at,
                    "unknown step '" + key + "' (valid: " + String.join(", ", STEP_KEYS) + " with steps)");
        };
    }

    private Op repeat(Fields f) throws ScenarioException {
        for (String key : f.keys())
            if (!REPEAT_KEYS.contains(key))
                throw reader.error(f.keyNode(key), f.path(key), "unknown key '" + key + "' in a repeat step (valid: repeat, steps)");
        long count = reader.integer(f.require("repeat"), f.path("repeat"), 0, Long.MAX_VALUE);
        Node body = f.require("steps");
        Set<String> heldBefore = new LinkedHashSet<>(held.keySet());
        Set<String> openBefore = new LinkedHashSet<>(open.keySet());
        List<Op> ops = steps(body, f.path("steps"));
        Site site = new Site(f.keyNode("repeat"), f.path("repeat"));
        for (String lock : held.keySet())
            if (!heldBefore.contains(lock))
                throw error(site, "the repeated steps take lock '" + lock + "' without releasing it; each pass must leave held locks unchanged");
        for (String lock : heldBefore)
            if (!held.containsKey(lock))
                throw error(site, "the repeated steps release lock '" + lock + "' without taking it again; each pass must leave held locks unchanged");
        for (String name : open.keySet())
            if (!openBefore.contains(name))
                throw error(site, "the repeated steps begin request '" + name + "' without ending it; each pass must balance its marks");
        for (String name : openBefore)
            if (!open.containsKey(name))
                throw error(site, "the repeated steps end request '" + name + "' begun before the repeat; each pass must balance its marks");
        return new Op.Repeat(count, ops);
    }

    private Op lock(Node value, String path) throws ScenarioException {
        String name = declaredLock(value, path);
        Site first = held.get(name);
        if (first != null)
            throw reader.error(value, path, "lock '" + name + "' is already held (taken at line "
                    + NodeReader.line(first.node()) + "); locks are not recursive");
        held.put(name, new Site(value, path));
        return new Op.Lock(name);
    }

    private Op unlock(Node value, String path) throws ScenarioException {
        String name = declaredLock(value, path);
        if (held.remove(name) == null)
            throw reader.error(value, path, "unlock of lock '" + name + "', which the task does not hold here");
        return new Op.Unlock(name);
    }

    private String declaredLock(Node value, String path) throws ScenarioException {
        return reader.declaredName(value, path, "lock", locks);
    }

    private Op mark(Node value, String path) throws ScenarioException {
        Matcher m = MARK.matcher(reader.name(value, path));
        if (!m.matches())
            throw reader.error(value, path, "expected 'begin NAME' or 'end NAME', got " + NodeReader.describe(value));
        String name = m.group(2).trim();
        if (m.group(1).equals("begin")) {
            Site first = open.putIfAbsent(name, new Site(value, path));
            if (first != null)
                throw reader.error(value, path, "request '" + name + "' is already begun (at line "
                        + NodeReader.line(first.node()) + ") and not yet ended");
            return new Op.Mark(true, name);
        }
        if (open.remove(name) == null)
            throw reader.error(value, path, "'end " + name + "' without a matching 'begin " + name + "'");
        return new Op.Mark(false, name);
    }
}
