package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.Threads;
import pxlab.corpus.truth.TrackedLock;

/**
 * Virtual threads as waiters: 16 virtual {@code session-N} threads (on nice-0 carriers) take the {@code sessions}
 * ReentrantLock, which a nice-19 platform {@code flusher} holds while it flushes, among CPU hogs; between times they
 * meet briefly on a {@code synchronized} counter. Planted: their waits for the lock are inversions behind the
 * preempted flusher. JDK 21+; skipped before.
 */
final class VirtualWaiters extends AbstractWorkload {

    private final ReentrantLock sessions = new ReentrantLock();
    private final Object counter = new Object();

    VirtualWaiters() {
        super("virtual-waiters",
                "virtual session-N threads wait on a ReentrantLock held by flusher (platform, nice 19) among hogs,"
                + " and on a shared monitor; planted: inversion, owner preempted, culprit flusher in flushSessions"
                + " (JDK 21+)");
    }

    @Override
    public void run(Run run) throws Exception {
        if (!Threads.virtualAvailable()) {
            throw new Run.Skip("virtual threads need JDK 21+, this is " + Runtime.version().feature());
        }
        TrackedLock lock = run.plantedLock("mutex", new Plant("virtual-sessions-behind-flusher", "sessions",
                "session-\\d+", "flusher", "flushSessions", "OWNER_PREEMPTED", true));
        TrackedLock count = run.truth().lock("counter", "monitor");
        run.renicedOwner("flusher", 19, 20, cpuNs -> flushSessions(lock, cpuNs));
        for (int i = 0; i < run.knobs().threadsOr(16); i++) {
            run.adopt(Threads.startVirtual("session-" + i, run.guarded(() -> {
                while (run.running()) {
                    lock.holding(sessions, () -> Burn.spin(10_000));
                    Run.synchronizedOn(count, counter, () -> Run.pause(20_000));
                    Run.pause(1_000_000);
                }
            })));
        }
        run.hogsPerCpu(2);
        run.go();
    }

    private void flushSessions(TrackedLock lock, long cpuNs) {
        lock.holding(sessions, () -> Burn.cpu(cpuNs, 1_000_000_000L));
    }
}
