package pxlab.corpus.workload;

import java.util.concurrent.locks.StampedLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A routing table behind a {@link StampedLock}: a nice-19 {@code rebalancer} holds the write stamp while it
 * rebalances, CPU hogs preempt it, and nice-0 {@code router-N} threads wait for read stamps. Planted: their waits
 * are inversions behind the rebalancer, owner preempted. A StampedLock has no owner thread to ask, so this is the
 * workload where the agent must find the owner another way.
 */
final class StampedWriter extends AbstractWorkload {

    private final StampedLock table = new StampedLock();

    StampedWriter() {
        super("stamped-rebalancer",
                "StampedLock: router-N (nice 0, read stamps) wait for rebalancer (nice 19, write stamp) among hogs;"
                + " planted: inversion, owner preempted, culprit rebalancer in rebalance");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("stamped", new Plant("routers-behind-rebalancer", "routes", "router-\\d+",
                "rebalancer", "rebalance", "OWNER_PREEMPTED", true));
        run.renicedOwner("rebalancer", 19, 20, cpuNs -> rebalance(lock, cpuNs));
        run.clients("router-", run.knobs().threadsOr(4), 1_000_000, () -> route(lock));
        run.hogsPerCpu(2);
        run.go();
    }

    private void route(TrackedLock lock) {
        lock.requestShared();
        long stamp = table.readLock();
        lock.acquiredShared();
        try {
            Burn.spin(10_000);
        } finally {
            lock.releasedShared();
            table.unlockRead(stamp);
        }
    }

    private void rebalance(TrackedLock lock, long cpuNs) {
        lock.request();
        long stamp = table.writeLock();
        lock.acquired();
        try {
            Burn.cpu(cpuNs, 1_000_000_000L);
        } finally {
            lock.released();
            table.unlockWrite(stamp);
        }
    }
}
