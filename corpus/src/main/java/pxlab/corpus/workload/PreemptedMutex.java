package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A segment store behind a non-fair {@link ReentrantLock}: a nice-19 {@code compactor} compacts segments holding
 * it, CPU hogs (two per CPU, nice 0) preempt it, and nice-0 {@code writer-N} threads wait. Planted: their waits
 * are inversions behind the compactor, owner preempted.
 */
final class PreemptedMutex extends AbstractWorkload {

    private final ReentrantLock segments = new ReentrantLock();

    PreemptedMutex() {
        super("mutex-preempted",
                "ReentrantLock: writer-N (nice 0) wait for compactor (nice 19) among 2 hogs per CPU;"
                + " planted: inversion, owner preempted, culprit compactor in compactSegments");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("mutex", new Plant("writers-behind-compactor", "segments", "writer-\\d+",
                "compactor", "compactSegments", "OWNER_PREEMPTED", true));
        run.renicedOwner("compactor", 19, 20, cpuNs -> compactSegments(lock, cpuNs));
        run.clients("writer-", run.knobs().threadsOr(4), 1_000_000,
                () -> lock.holding(segments, () -> Burn.spin(10_000)));
        run.hogsPerCpu(2);
        run.go();
    }

    private void compactSegments(TrackedLock lock, long cpuNs) {
        lock.holding(segments, () -> Burn.cpu(cpuNs, 1_000_000_000L));
    }
}
