package pxlab.corpus.workload;

import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A {@code synchronized} index rebuilt by a nice-19 {@code indexer} pinned to CPU 0 with two nice-0 hogs pinned
 * there too ({@code taskset}): the indexer is preempted holding the monitor while nice-0 {@code lookup-N} threads,
 * free to run anywhere, wait for it. Planted: their waits are inversions behind the indexer, owner preempted.
 */
final class PreemptedMonitor extends AbstractWorkload {

    private final Object index = new Object();
    private long entries;

    PreemptedMonitor() {
        super("monitor-pinned-hogs",
                "synchronized: lookup-N (nice 0) wait for indexer (nice 19, pinned to CPU 0 with 2 pinned hogs);"
                + " planted: inversion, owner preempted, culprit indexer in rebuildIndex");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("monitor", new Plant("lookups-behind-indexer", "index", "lookup-\\d+",
                "indexer", "rebuildIndex", "OWNER_PREEMPTED", true));
        run.periodic("indexer", () -> {
            rebuildIndex(lock, 100_000);   // loads the classes before the thread is slowed down
            run.pin("0");
            run.renice(19);
        }, 15, () -> rebuildIndex(lock, 1_000_000));
        run.clients("lookup-", run.knobs().threadsOr(3), 500_000, () -> lookup(lock));
        run.hogs(run.knobs().hogsOr(2), "0");
        run.go();
    }

    /** Holds the index for {@code cpuNs} of CPU time. */
    private void rebuildIndex(TrackedLock lock, long cpuNs) throws Exception {
        Run.synchronizedOn(lock, index, () -> {
            Burn.cpu(cpuNs, 1_000_000_000L);
            entries++;
        });
    }

    private void lookup(TrackedLock lock) throws Exception {
        Run.synchronizedOn(lock, index, () -> Burn.spin(20_000));
    }
}
