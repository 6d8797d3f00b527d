package pxlab.corpus.workload;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A thread pool beside short-lived threads: nice-0 {@code pool-worker-N} threads of a {@link ThreadPoolExecutor}
 * run tasks that take the {@code batch} lock briefly, while a launcher starts a {@code job-N} thread every 100 ms.
 * Each job runs at nice 19 (inherited from the launcher), computes for a while (every other job holding
 * {@code batch}), and ends within a second, long before the recording does. CPU hogs preempt the jobs. Planted:
 * the workers' waits are inversions behind jobs that no longer exist when the recording is written.
 */
final class ShortJobs extends AbstractWorkload {

    private final ReentrantLock batch = new ReentrantLock();

    ShortJobs() {
        super("pool-short-jobs",
                "ThreadPoolExecutor pool-worker-N (nice 0) wait for short-lived job-N threads (nice 19, < 1 s each,"
                + " ended before the recording) among hogs; planted: inversion, owner preempted, culprit job-N in"
                + " runJob");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("mutex", new Plant("workers-behind-ended-jobs", "batch", "pool-worker-\\d+",
                "job-\\d+", "runJob", "OWNER_PREEMPTED", true));
        int poolSize = run.knobs().threadsOr(4);
        ExecutorService pool = new ThreadPoolExecutor(poolSize, poolSize, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), run.threadFactory(n -> "pool-worker-" + n));
        runJob(lock, true, 0);   // warms the job's code on a thread that stays at nice 0
        run.start("dispatcher", () -> {
            while (run.running()) {
                pool.execute(() -> lock.holding(batch, () -> Burn.spin(20_000)));
                Run.pause(500_000);
            }
            pool.shutdown();
        });
        // Linux threads inherit their creator's nice value: a nice-19 launcher makes nice-19 jobs.
        run.start("launcher", () -> run.renice(19), () -> {
            for (int n = 0; run.running(); n++) {
                boolean holds = n % 2 == 0;
                run.start("job-" + n, () -> runJob(lock, holds, 1_000_000));
                Run.sleepMs(100);
            }
        });
        run.hogsPerCpu(2);
        run.go();
    }

    /** One job's work: CPU time, holding {@code batch} when it is a job that does. */
    private void runJob(TrackedLock lock, boolean holds, long cpuNs) {
        if (!holds) {
            Burn.cpu(cpuNs, 800_000_000L);
            return;
        }
        lock.holding(batch, () -> Burn.cpu(cpuNs, 800_000_000L));   // the cap keeps each job under a second
    }
}
