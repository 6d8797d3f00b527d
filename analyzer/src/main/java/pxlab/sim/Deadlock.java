package pxlab.sim;

import java.util.List;

/**
 * A lock cycle: {@code tasks.get(i)} waits for {@code locks.get(i)}, which {@code tasks.get(i + 1)} holds (wrapping
 * around). No policy can resolve one, so the simulation stops where it closes.
 *
 * @param atNs  When the last task of the cycle blocked.
 * @param tasks The tasks in the cycle, starting with the one that closed it.
 * @param locks The locks in the cycle.
 */
public record Deadlock(long atNs, List<String> tasks, List<String> locks) {

    public Deadlock {
        tasks = List.copyOf(tasks);
        locks = List.copyOf(locks);
    }

    /**
     * Describes the cycle in one line.
     *
     * @return e.g. {@code a waits for A held by b, b waits for B held by a}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tasks.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(tasks.get(i)).append(" waits for ").append(locks.get(i))
                    .append(" held by ").append(tasks.get((i + 1) % tasks.size()));
        }
        return sb.toString();
    }
}
