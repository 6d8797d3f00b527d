package pxlab.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import pxlab.sim.CpuMask;
import pxlab.sim.Op;
import pxlab.sim.SchedPolicy;
import pxlab.sim.TaskSpec;

/**
 * Reads the entries of a scenario's {@code tasks} list into {@link TaskSpec}s, one instance per file so that it
 * can refuse duplicate task names.
 */
final class TaskParser {

    private static final List<String> TASK_KEYS =
            List.of("name", "policy", "nice", "rt_priority", "cpus", "group", "start", "program");
    private static final List<String> POLICIES = List.of("fair", "batch", "idle", "fifo", "rr");

    private final NodeReader r;
    private final int cpus;
    private final List<String> locks;
    private final List<String> groups;
    private final Map<String, Node> names = new HashMap<>();

    /**
     * Creates a task reader for one file.
     *
     * @param r      The reader for the file.
     * @param cpus   The machine's CPU count, bounding affinities.
     * @param locks  The declared lock names.
     * @param groups The declared group names.
     */
    TaskParser(NodeReader r, int cpus, List<String> locks, List<String> groups) {
        this.r = r;
        this.cpus = cpus;
        this.locks = locks;
        this.groups = groups;
    }

    /**
     * Reads a task.
     *
     * @param node The task's mapping.
     * @param path Its key path, such as {@code tasks[2]}.
     * @return The task.
     * @throws ScenarioException for unknown keys, bad values or a program that fails its checks.
     */
    TaskSpec parse(Node node, String path) throws ScenarioException {
        Fields f = r.mapping(node, path, TASK_KEYS);
        String name = name(f.require("name"), f.path("name"));
        SchedPolicy policy = f.has("policy")
                ? SchedPolicy.valueOf(r.choice(f.get("policy"), f.path("policy"), POLICIES).toUpperCase(Locale.ROOT))
                : SchedPolicy.FAIR;
        int nice = nice(f, policy);
        int rtPriority = rtPriority(f, policy);
        CpuMask affinity = f.has("cpus") ? affinity(f.get("cpus"), f.path("cpus")) : null;
        String group = f.has("group") ? group(f.get("group"), f.path("group")) : null;
        long start = f.has("start") ? r.duration(f.get("start"), f.path("start"), 0) : 0;
        List<Op> program = ProgramParser.parse(r, f.require("program"), f.path("program"), locks);
        return new TaskSpec(name, policy, nice, rtPriority, affinity, group, start, program);
    }

    private String name(Node node, String path) throws ScenarioException {
        String name = r.name(node, path);
        Node first = names.putIfAbsent(name, node);
        if (first != null)
            throw r.error(node, path, "duplicate task name '" + name + "' (first at line " + NodeReader.line(first) + ")");
        return name;
    }

    private int nice(Fields f, SchedPolicy policy) throws ScenarioException {
        if (!f.has("nice")) return 0;
        int nice = (int) r.integer(f.get("nice"), f.path("nice"), -20, 19);
        if (nice != 0 && (policy.isRt() || policy == SchedPolicy.IDLE))
            throw r.error(f.get("nice"), f.path("nice"), "nice applies to fair and batch tasks only, not to "
                    + policy.key() + (policy.isRt() ? " (use rt_priority)" : ""));
        return nice;
    }

    private int rtPriority(Fields f, SchedPolicy policy) throws ScenarioException {
        if (policy.isRt()) {
            if (!f.has("rt_priority"))
                throw r.error(f.node(), f.path("rt_priority"), "required for policy " + policy.key() + " (1..99)");
            return (int) r.integer(f.get("rt_priority"), f.path("rt_priority"), 1, 99);
        }
        if (f.has("rt_priority") && r.integer(f.get("rt_priority"), f.path("rt_priority"), 0, 99) != 0)
            throw r.error(f.get("rt_priority"), f.path("rt_priority"),
                    "rt_priority applies to fifo and rr tasks only, not to " + policy.key());
        return 0;
    }

    private CpuMask affinity(Node node, String path) throws ScenarioException {
        List<Node> items = r.list(node, path);
        if (items.isEmpty()) throw r.error(node, path, "affinity needs at least one CPU");
        Set<Integer> seen = new HashSet<>();
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String at = path + "[" + i + "]";
            int cpu = (int) r.integer(item, at, 0, Integer.MAX_VALUE);
            if (cpu >= cpus)
                throw r.error(item, at, "CPU " + cpu + " does not exist (cpus: " + cpus + ", so 0.." + (cpus - 1) + ")");
            if (!seen.add(cpu)) throw r.error(item, at, "CPU " + cpu + " is listed twice");
            list.add(cpu);
        }
        return CpuMask.of(list);
    }

    private String group(Node node, String path) throws ScenarioException {
        return r.declaredName(node, path, "group", groups);
    }
}
