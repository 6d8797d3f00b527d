package pxlab.corpus.workload;

import java.nio.file.Path;
import pxlab.corpus.truth.TruthLog;

/**
 * Runs one workload in this JVM and writes its truth: {@code WorkloadMain NAME --truth FILE [--duration 3s]
 * [--threads N] [--hogs N]}. The harness starts it under the agent; it runs as well without.
 *
 * <p>Exit codes: 0 done, 1 failed, 2 bad arguments, 3 skipped (the truth file then says why, and so does the one
 * line {@code SKIP reason} on standard output).
 */
public final class WorkloadMain {

    /** The exit code of a workload that cannot run here. */
    public static final int SKIPPED = 3;

    private WorkloadMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = null;
        Path truthFile = null;
        long durationNs = Knobs.DEFAULT.durationNs();
        int threads = -1;
        int hogs = -1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--truth": truthFile = Path.of(args[++i]); break;
                    case "--duration": durationNs = Knobs.parseNs(args[++i]); break;
                    case "--threads": threads = Integer.parseInt(args[++i]); break;
                    case "--hogs": hogs = Integer.parseInt(args[++i]); break;
                    default:
                        if (args[i].startsWith("-") || name != null) throw new IllegalArgumentException(args[i]);
                        name = args[i];
                }
            }
            if (name == null || truthFile == null) throw new IllegalArgumentException("want NAME and --truth FILE");
        } catch (RuntimeException e) {
            System.err.println("usage: WorkloadMain NAME --truth FILE [--duration 3s] [--threads N] [--hogs N]: "
                    + e.getMessage());
            System.exit(2);
            return;
        }
        Workload workload = Workloads.named(name).orElse(null);
        if (workload == null) {
            System.err.println("no workload named " + name + "; there are: "
                    + String.join(", ", Workloads.all().stream().map(Workload::name).toArray(String[]::new)));
            System.exit(2);
            return;
        }
        TruthLog truth = new TruthLog();
        Run run = new Run(new Knobs(durationNs, threads, hogs), truth);
        try {
            workload.run(run);
            run.finish();
        } catch (Run.Skip skip) {
            run.finish();
            truth.write(truthFile, name, skip.getMessage());
            System.out.println("SKIP " + skip.getMessage());
            System.exit(SKIPPED);
            return;
        }
        truth.write(truthFile, name, null);
        System.out.println("DONE workload=" + name + " threads=" + truth.threads() + " events=" + truth.events());
        System.exit(0);
    }
}
