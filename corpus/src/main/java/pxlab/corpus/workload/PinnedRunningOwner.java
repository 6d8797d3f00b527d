package pxlab.corpus.workload;

import java.util.concurrent.locks.ReentrantLock;
import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A running owner on a CPU of its own: an {@code encoder} pinned to CPU 0 runs {@code SCHED_FIFO} (as root; else
 * nice -10, else nice 0) and spins 15 ms holding the {@code frame} lock, while nice-0 {@code uploader-N} threads
 * pinned to the last CPU wait for it. The owner outranks its waiters: a control with no inversion, whose owner was
 * running. Needs two CPUs.
 */
final class PinnedRunningOwner extends AbstractWorkload {

    private final ReentrantLock frame = new ReentrantLock();

    PinnedRunningOwner() {
        super("pinned-running-owner",
                "ReentrantLock: uploader-N (nice 0, pinned to the last CPU) wait for encoder (SCHED_FIFO, pinned to"
                + " CPU 0) spinning inside; planted: NO inversion (control), owner running, culprit encoder in"
                + " encodeFrame");
    }

    @Override
    public void run(Run run) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) throw new Run.Skip("needs 2 CPUs, has " + cpus);
        TrackedLock lock = run.plantedLock("mutex", new Plant("uploaders-behind-running-encoder", "frame",
                "uploader-\\d+", "encoder", "encodeFrame", "OWNER_RUNNING", false));
        String last = Integer.toString(cpus - 1);
        run.periodic("encoder", () -> {
            encodeFrame(lock, 100_000);
            run.pin("0");
            raise(run);
        }, 15, () -> encodeFrame(lock, 15_000_000));
        run.clients("uploader-", run.knobs().threadsOr(2), () -> run.pin(last), 2_000_000,
                () -> lock.holding(frame, () -> Burn.spin(10_000)));
        run.go();
    }

    /** Puts the encoder ahead of everything else on its CPU, as far as the privileges allow. */
    private static void raise(Run run) {
        if (!run.fifo(10)) run.renice(-10);
    }

    private void encodeFrame(TrackedLock lock, long wallNs) {
        lock.holding(frame, () -> Burn.spin(wallNs));
    }
}
