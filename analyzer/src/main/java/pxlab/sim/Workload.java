package pxlab.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the model runs: the machine, the locks, the groups and the tasks.
 *
 * @param cpus    The number of CPUs, at least 1.
 * @param locks   The lock names.
 * @param groups  The cgroup v2 groups.
 * @param tasks   The tasks, in the order they were declared (the order breaks ties).
 * @param untilNs When to stop the simulation, or {@link Long#MAX_VALUE} to run until every task exits.
 */
public record Workload(int cpus, List<String> locks, List<GroupSpec> groups, List<TaskSpec> tasks, long untilNs) {

    public Workload {
        if (cpus < 1) throw new IllegalArgumentException("cpus must be at least 1: " + cpus);
        if (untilNs <= 0) throw new IllegalArgumentException("until must be positive: " + untilNs);
        locks = List.copyOf(locks);
        groups = List.copyOf(groups);
        tasks = List.copyOf(tasks);
        unique("lock", locks);
        unique("group", groups.stream().map(GroupSpec::name).toList());
        unique("task", tasks.stream().map(TaskSpec::name).toList());
    }

    private static void unique(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) if (!seen.add(n)) throw new IllegalArgumentException("duplicate " + what + " name: " + n);
    }

    /**
     * Returns a copy with another CPU count.
     *
     * @param cpus The number of CPUs.
     * @return A new workload.
     */
    public Workload withCpus(int cpus) {
        return new Workload(cpus, locks, groups, tasks, untilNs);
    }
}
