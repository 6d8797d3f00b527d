package pxlab.sim;

import java.util.Objects;

/**
 * A cgroup v2 group one level below the root.
 *
 * @param name      The group name.
 * @param cpuWeight The group's {@code cpu.weight}, 1..10000; 100 is the weight of one nice-0 task.
 */
public record GroupSpec(String name, int cpuWeight) {

    public GroupSpec {
        Objects.requireNonNull(name);
        if (cpuWeight < 1 || cpuWeight > 10000) throw new IllegalArgumentException("cpu_weight out of range: " + cpuWeight);
    }
}
