package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A renice during the run: a {@code catalog-indexer} starts at nice 0, like its {@code query-N} waiters, and lowers
 * itself to nice 19 a third of the way through, among CPU hogs. The waits before the renice are not inversions;
 * those after are. Planted: the inversions after the renice; reporting the earlier ones as inversions is false,
 * and missing the later ones means the attribute change was not seen.
 */
final class ReniceMidway extends AbstractWorkload {

    private final ReentrantLock catalog = new ReentrantLock();

    ReniceMidway() {
        super("renice-midway",
                "ReentrantLock: query-N (nice 0) wait for catalog-indexer, nice 0 then reniced to 19 a third of the"
                + " way, among hogs; planted: inversion only after the renice, owner preempted, culprit in reindex");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("mutex", new Plant("queries-behind-reniced-indexer", "catalog", "query-\\d+",
                "catalog-indexer", "reindex", "OWNER_PREEMPTED", true));
        long third = run.knobs().durationNs() / 3;
        run.start("catalog-indexer", () -> {
            reindex(lock, 100_000);
            // Spawning the first process loads (and the agent transforms) many classes: seconds among the hogs.
            run.renice(0);
        }, () -> {
            long start = System.nanoTime();
            boolean reniced = false;
            while (run.running()) {
                if (!reniced && System.nanoTime() - start >= third) {
                    run.renice(19);
                    reniced = true;
                }
                Run.sleepMs(20);
                reindex(lock, 1_000_000);
            }
        });
        run.clients("query-", run.knobs().threadsOr(3), 1_000_000,
                () -> lock.holding(catalog, () -> Burn.spin(10_000)));
        run.hogsPerCpu(2);
        run.go();
    }

    private void reindex(TrackedLock lock, long cpuNs) {
        lock.holding(catalog, () -> Burn.cpu(cpuNs, 1_000_000_000L));
    }
}
