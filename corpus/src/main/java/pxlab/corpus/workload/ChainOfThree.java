package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A chain of three: nice-0 {@code api-N} threads wait for the {@code orders} monitor, held by a nice-5
 * {@code settler} that waits inside it for the write lock of {@code ledger} (a ReentrantReadWriteLock), held by a
 * nice-19 {@code compactor} that CPU hogs preempt. Planted: the api threads' waits are inversions blocked in a
 * chain that ends at the compactor; the settler's are inversions behind the preempted compactor.
 */
final class ChainOfThree extends AbstractWorkload {

    private final Object orders = new Object();
    private final ReentrantReadWriteLock ledger = new ReentrantReadWriteLock();

    ChainOfThree() {
        super("chain-of-three",
                "api-N (nice 0) wait on monitor orders held by settler (nice 5), who waits for RW-write ledger held"
                + " by compactor (nice 19) among hogs; planted: inversions, api owner-blocked and settler"
                + " owner-preempted, culprit compactor in compactLedger");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock ordersLock = run.plantedLock("monitor", new Plant("api-blocked-in-chain", "orders", "api-\\d+",
                "compactor", "compactLedger", "OWNER_BLOCKED", true));
        TrackedLock ledgerLock = run.plantedLock("rw", new Plant("settler-behind-compactor", "ledger", "settler",
                "compactor", "compactLedger", "OWNER_PREEMPTED", true));
        run.renicedOwner("compactor", 19, 30, cpuNs -> compactLedger(ledgerLock, cpuNs));
        run.periodic("settler", () -> {
            settle(ordersLock, ledgerLock);
            run.renice(5);
        }, 3, () -> settle(ordersLock, ledgerLock));
        run.clients("api-", run.knobs().threadsOr(3), 1_000_000,
                () -> Run.synchronizedOn(ordersLock, orders, () -> Burn.spin(10_000)));
        run.hogsPerCpu(2);
        run.go();
    }

    /** Takes orders, then the ledger inside it: the middle link of the chain. */
    private void settle(TrackedLock ordersLock, TrackedLock ledgerLock) throws Exception {
        Run.synchronizedOn(ordersLock, orders, () -> ledgerLock.holding(ledger.writeLock(), () -> Burn.spin(20_000)));
    }

    private void compactLedger(TrackedLock ledgerLock, long cpuNs) {
        ledgerLock.holding(ledger.writeLock(), () -> Burn.cpu(cpuNs, 1_000_000_000L));
    }
}
