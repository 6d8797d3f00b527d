package pxlab.corpus.workload;

import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.TrackedLock;

/**
 * A convoy of equals: 32 nice-0 {@code worker-N} threads take one of 8 monitors and 8 ReentrantLocks at a time,
 * chosen at random, and park about 50 µs inside. Many short waits, owners changing hands constantly, and no
 * priority gap anywhere: nothing is planted, every inversion reported is false, and every owner is checked.
 */
final class Convoy extends AbstractWorkload {

    private static final int LOCKS = 8;

    Convoy() {
        super("convoy-32",
                "32 equal threads (nice 0) over 8 monitors + 8 ReentrantLocks, ~50 us parked inside;"
                + " planted: nothing (every inversion is false), owners checked on every wait");
    }

    @Override
    public void run(Run run) throws Exception {
        Object[] monitors = new Object[LOCKS];
        ReentrantLock[] mutexes = new ReentrantLock[LOCKS];
        TrackedLock[] tracked = new TrackedLock[2 * LOCKS];
        for (int i = 0; i < LOCKS; i++) {
            monitors[i] = new Object();
            mutexes[i] = new ReentrantLock();
            tracked[i] = run.truth().lock("monitor-" + i, "monitor");
            tracked[LOCKS + i] = run.truth().lock("mutex-" + i, "mutex");
        }
        int threads = run.knobs().threadsOr(32);
        for (int i = 0; i < threads; i++) {
            long seed = i;
            run.start("worker-" + i, () -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (run.running()) {
                    int k = random.nextInt(2 * LOCKS);
                    if (k < LOCKS) {
                        Run.synchronizedOn(tracked[k], monitors[k], () -> Run.pause(50_000));
                    } else {
                        ReentrantLock m = mutexes[k - LOCKS];
                        tracked[k].lock(m);
                        try {
                            Run.pause(50_000);
                        } finally {
                            tracked[k].unlock(m);
                        }
                    }
                    Run.pause(20_000);
                }
            });
        }
        run.go();
    }
}
