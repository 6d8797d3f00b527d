package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A segment store behind a non-fair {@link ReentrantLock}: a nice-19 {@code compactor} compacts segments holding
 * it, CPU hogs (two per CPU, nice 0) preempt it, and nice-0 {@code writer-N} threads wait. Planted: their waits
 * are inversions behind the compactor, owner preempted.
 */
final class PreemptedMutex implements Workload {

    private final ReentrantLock segments = new ReentrantLock();

    @Override
    public String name() {
        return "mutex-preempted";
    }

    @Override
    public String summary() {
        return "ReentrantLock: writer-N (nice 0) wait for compactor (nice 19) among 2 hogs per CPU;"
                + " planted: inversion, owner preempted, culprit compactor in compactSegments";
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.truth().lock("segments", "mutex");
        run.truth().plant(new Plant("writers-behind-compactor", "segments", "writer-\\d+", "compactor",
                "compactSegments", "OWNER_PREEMPTED", true));
        run.periodic("compactor", () -> {
            compactSegments(lock, 100_000);
            run.renice(19);
        }, 20, () -> compactSegments(lock, 1_000_000));
        run.clients("writer-", run.knobs().threadsOr(4), 1_000_000,
                () -> lock.holding(segments, () -> Burn.spin(10_000)));
        run.hogs(run.knobs().hogsOr(2 * Runtime.getRuntime().availableProcessors()), null);
        run.go();
    }

    private void compactSegments(TrackedLock lock, long cpuNs) {
        lock.holding(segments, () -> Burn.cpu(cpuNs, 1_000_000_000L));
    }
}
