package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A snapshot behind a {@link ReentrantReadWriteLock}: a nice-19 {@code publisher} takes the write lock to publish,
 * CPU hogs preempt it, and nice-0 {@code reader-N} threads wait for the read lock; a nice-0 {@code auditor} takes
 * the write lock briefly and so waits behind the readers. Planted: the readers' waits are inversions behind the
 * publisher, owner preempted. The auditor's waits have readers as owners: the harness scores them too.
 */
final class ReadersBehindWriter extends AbstractWorkload {

    private final ReentrantReadWriteLock snapshot = new ReentrantReadWriteLock();

    ReadersBehindWriter() {
        super("rw-readers-behind-writer",
                "ReentrantReadWriteLock: reader-N (nice 0, read) wait for publisher (nice 19, write) among hogs,"
                + " auditor (write) waits for readers; planted: inversion, owner preempted, culprit publisher in"
                + " publishSnapshot");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("rw", new Plant("readers-behind-publisher", "snapshot", "reader-\\d+",
                "publisher", "publishSnapshot", "OWNER_PREEMPTED", true));
        run.renicedOwner("publisher", 19, 25, cpuNs -> publishSnapshot(lock, cpuNs));
        run.periodic("auditor", () -> { }, 7, () -> lock.holding(snapshot.writeLock(), () -> Burn.spin(50_000)));
        // Readers overlap, so the auditor waits behind several.
        run.clients("reader-", run.knobs().threadsOr(4), 300_000,
                () -> lock.holdingShared(snapshot.readLock(), () -> Run.pause(200_000)));
        run.hogsPerCpu(2);
        run.go();
    }

    private void publishSnapshot(TrackedLock lock, long cpuNs) {
        lock.holding(snapshot.writeLock(), () -> Burn.cpu(cpuNs, 1_000_000_000L));
    }
}
