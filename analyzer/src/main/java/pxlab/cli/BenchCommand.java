package pxlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pxlab.report.Times;
import pxlab.sim.Op;
import pxlab.sim.Policy;
import pxlab.sim.SchedPolicy;
import pxlab.sim.SimConfig;
import pxlab.sim.SimResult;
import pxlab.sim.Simulator;
import pxlab.sim.TaskSpec;
import pxlab.sim.Workload;

/**
 * {@code pxlab bench}: measures how fast the scheduler model runs, in scheduler events per second, and how its run
 * time grows with the number of tasks and with the number of events. Results belong in docs/BENCHMARKS.md.
 *
 * <p>The workload is synthetic and deterministic: tasks with mixed nice values (one in sixteen SCHED_FIFO) that take
 * one of four locks for 20us, run 200us and sleep 100us, in a loop, plus one CPU hog per CPU.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the scheduler model: events per second, and growth with tasks and with events.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--cpus", defaultValue = "4", description = "CPUs in the synthetic machine (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--tasks", split = ",", defaultValue = "16,64,256,1024",
            description = "Task counts for the growth-with-tasks series (default: ${DEFAULT-VALUE}).")
    List<Integer> taskCounts;

    @Option(names = "--loops", split = ",", defaultValue = "100,200,400,800",
            description = "Loop counts per task for the growth-with-events series, at 64 tasks (default: ${DEFAULT-VALUE}).")
    List<Integer> loopCounts;

    @Option(names = "--policy", paramLabel = "POLICY", split = ",", defaultValue = "proxy",
            description = "Policies to measure, one after another, comma-separated, in lower case: none, inherit,"
                    + " proxy, or all (default: ${DEFAULT-VALUE}).")
    List<String> policy;

    @Option(names = "--repeat", defaultValue = "10",
            description = "Untimed then timed runs per point; the best timed run is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--format", defaultValue = "text", description = "text | markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (cpus < 1 || repeat < 1 || taskCounts.stream().anyMatch(n -> n < 1) || loopCounts.stream().anyMatch(n -> n < 1))
            throw new UserInputException("--cpus, --tasks, --loops and --repeat must be positive");
        if (!format.equals("text") && !format.equals("markdown"))
            throw new UserInputException("--format " + format + ": expected text or markdown");
        List<Policy> policies = ModelOptions.parsePolicies(policy);
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < policies.size(); i++) {
            if (i > 0) out.println();
            series(out, policies.get(i));
        }
        out.flush();
        return Main.OK;
    }

    /** Measures one policy: prints its header line and its two series. */
    private void series(PrintWriter out, Policy policy) {
        out.printf("pxlab bench: %d CPUs, policy %s, best of %d runs, JVM %s%n", cpus, policy.key(), repeat,
                System.getProperty("java.vm.version"));
        warmUp(policy);
        List<Point> byTasks = new ArrayList<>();
        for (int n : taskCounts) byTasks.add(measure(policy, n, 100));
        print(out, "growth with tasks (100 loops each)", byTasks);
        List<Point> byLoops = new ArrayList<>();
        for (int loops : loopCounts) byLoops.add(measure(policy, 64, loops));
        print(out, "growth with events (64 tasks)", byLoops);
    }

    private void warmUp(Policy policy) {
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until) Simulator.run(workload(64, 50), SimConfig.DEFAULT, policy);
    }

    private Point measure(Policy policy, int tasks, int loops) {
        Workload w = workload(tasks, loops);
        for (int i = 0; i < repeat; i++) Simulator.run(w, SimConfig.DEFAULT, policy);   // warm this size up too
        long best = Long.MAX_VALUE;
        long events = 0;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            SimResult r = Simulator.run(w, SimConfig.DEFAULT, policy);
            best = Math.min(best, System.nanoTime() - t0);
            events = r.events();
        }
        return new Point(tasks, loops, events, best);
    }

    /** The synthetic workload; the same arguments always give the same workload. */
    Workload workload(int tasks, int loops) {
        SplittableRandom rnd = new SplittableRandom(42);
        List<String> locks = List.of("L0", "L1", "L2", "L3");
        List<TaskSpec> specs = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            specs.add(TaskSpec.fair("hog" + c, List.of(new Op.Run(loops * 400_000L))).withNice(5));
        }
        for (int i = 0; i < tasks; i++) {
            String lock = locks.get(i % locks.size());
            List<Op> body = List.of(new Op.Lock(lock), new Op.Run(20_000), new Op.Unlock(lock),
                    new Op.Run(200_000), new Op.Sleep(100_000 + rnd.nextInt(100_000)));
            TaskSpec t = TaskSpec.fair("t" + i, List.of(new Op.Repeat(loops, body)))
                    .withNice(rnd.nextInt(-5, 6)).withStart(rnd.nextInt(1_000_000));
            if (i % 16 == 15) t = t.withPolicy(SchedPolicy.FIFO, 1 + rnd.nextInt(50)).withNice(0);
            specs.add(t);
        }
        return new Workload(cpus, locks, List.of(), specs, Long.MAX_VALUE);
    }

    private void print(PrintWriter out, String title, List<Point> points) {
        boolean md = format.equals("markdown");
        out.println();
        out.println(md ? "#### " + title : title);
        if (md) {
            out.println("| tasks | loops | events | wall | events/s | ns/event |");
            out.println("|---:|---:|---:|---:|---:|---:|");
        } else {
            out.printf("%8s %8s %12s %12s %14s %10s%n", "tasks", "loops", "events", "wall", "events/s", "ns/event");
        }
        for (Point p : points) {
            long perSec = p.events * 1_000_000_000L / Math.max(1, p.wallNs);
            long nsPerEvent = p.wallNs / Math.max(1, p.events);
            if (md) {
                out.printf("| %d | %d | %d | %s | %d | %d |%n", p.tasks, p.loops, p.events, Times.format(p.wallNs), perSec, nsPerEvent);
            } else {
                out.printf("%8d %8d %12d %12s %14d %10d%n", p.tasks, p.loops, p.events, Times.format(p.wallNs), perSec, nsPerEvent);
            }
        }
    }

    private record Point(int tasks, int loops, long events, long wallNs) {
    }
}
