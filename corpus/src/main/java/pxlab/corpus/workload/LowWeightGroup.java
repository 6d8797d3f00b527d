package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.CpuGroup;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A background group: a {@code reporter} at nice 0 moves itself into a cgroup with {@code cpu.weight} 4 (cgroup
 * v2, or the v1 {@code cpu.shares} with that weight) and builds reports holding the {@code report} lock, while CPU
 * hogs and nice-0 {@code viewer-N} threads stay in the JVM's own group. Only the group's weight makes the waits
 * inversions. Needs root; skipped with the reason when no group can be made.
 */
final class LowWeightGroup extends AbstractWorkload {

    private final ReentrantLock report = new ReentrantLock();

    LowWeightGroup() {
        super("cgroup-low-weight",
                "ReentrantLock: viewer-N (nice 0) wait for reporter (nice 0 in a cgroup of cpu.weight 4) among hogs"
                + " in the parent group; planted: inversion by group weight, owner preempted, culprit reporter in"
                + " buildReport");
    }

    @Override
    public void run(Run run) throws Exception {
        if (ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true)) {
            throw new Run.Skip("needs root to make a cgroup");
        }
        CpuGroup group = CpuGroup.create();
        if (group == null) throw new Run.Skip(CpuGroup.whyNot());
        try {
            TrackedLock lock = run.plantedLock("mutex", new Plant("viewers-behind-low-weight-reporter", "report",
                    "viewer-\\d+", "reporter", "buildReport", "OWNER_PREEMPTED", true));
            run.start("reporter", () -> {
                buildReport(lock, 100_000);
                long asked = System.nanoTime();
                String err = group.join();
                if (err != null) throw new IllegalStateException(err);
                run.truth().sched(asked, 0, group.weight(), group.path(), "SCHED_OTHER");
            }, () -> {
                try {
                    while (run.running()) {
                        Run.sleepMs(20);
                        buildReport(lock, 1_000_000);
                    }
                } finally {
                    group.leave();
                }
            });
            run.clients("viewer-", run.knobs().threadsOr(3),
                    () -> run.truth().sched(System.nanoTime(), 0, group.parentWeight(), group.parentPath(),
                            "SCHED_OTHER"),
                    1_000_000, () -> lock.holding(report, () -> Burn.spin(10_000)));
            run.hogsPerCpu(2);
            run.go();
            run.awaitThreads();
        } finally {
            group.remove();
        }
    }

    private void buildReport(TrackedLock lock, long cpuNs) {
        lock.holding(report, () -> Burn.cpu(cpuNs, 1_000_000_000L));
    }
}
