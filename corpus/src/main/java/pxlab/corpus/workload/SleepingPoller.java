package pxlab.corpus.workload;

import pxlab.corpus.truth.Plant;
import pxlab.corpus.truth.TrackedLock;

/**
 * A control: a nice-0 {@code poller} sleeps 5 ms holding a {@code synchronized} device handle, and nice-0
 * {@code reader-N} threads wait for it. Equal priorities: nothing here is a priority inversion, so any the
 * analysis reports is false. Planted: owner sleeping, no inversion.
 */
final class SleepingPoller extends AbstractWorkload {

    private final Object device = new Object();

    SleepingPoller() {
        super("sleeping-poller",
                "synchronized: reader-N (nice 0) wait for poller (nice 0) sleeping 5 ms inside;"
                + " planted: NO inversion (control), owner sleeping, culprit poller in pollDevice");
    }

    @Override
    public void run(Run run) throws Exception {
        TrackedLock lock = run.plantedLock("monitor", new Plant("readers-behind-sleeping-poller", "device",
                "reader-\\d+", "poller", "pollDevice", "OWNER_SLEEPING", false));
        run.periodic("poller", () -> { }, 5, () -> pollDevice(lock));
        run.clients("reader-", run.knobs().threadsOr(3), 2_000_000,
                () -> Run.synchronizedOn(lock, device, () -> Burn.spin(10_000)));
        run.go();
    }

    private void pollDevice(TrackedLock lock) throws Exception {
        Run.synchronizedOn(lock, device, () -> Run.sleepMs(5));
    }
}
