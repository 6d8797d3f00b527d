package pxlab.corpus.workload;

import java.util.List;
import java.util.Optional;

/** The corpus: every workload, in the order the harness runs and lists them. */
public final class Workloads {

    private static final List<Workload> ALL = List.of(
            new PreemptedMonitor(),
            new PreemptedMutex(),
            new ReadersBehindWriter(),
            new StampedWriter(),
            new FsyncJournal(),
            new SleepingPoller(),
            new ChainOfThree(),
            new Convoy(),
            new ShortJobs(),
            new ReniceMidway(),
            new PinnedRunningOwner(),
            new LowWeightGroup(),
            new VirtualWaiters(),
            new CaffeineMaintenance());

    private Workloads() {
    }

    /**
     * Returns every workload.
     *
     * @return The corpus, in order.
     */
    public static List<Workload> all() {
        return ALL;
    }

    /**
     * Finds a workload by name.
     *
     * @param name Its name.
     * @return The workload, if there is one of that name.
     */
    public static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
