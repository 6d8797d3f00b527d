package pxlab.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.Inversions;
import pxlab.sim.CpuMask;
import pxlab.sim.Op;
import pxlab.sim.Policy;
import pxlab.sim.SchedPolicy;
import pxlab.sim.SimConfig;
import pxlab.sim.SimResult;
import pxlab.sim.Simulator;
import pxlab.sim.TaskSpec;
import pxlab.sim.Workload;
import pxlab.trace.Request;
import pxlab.trace.SchedAttributes;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.TraceLock;
import pxlab.trace.TraceThread;
import pxlab.trace.Wait;

/**
 * Replays a recording's contention through the scheduler model under each policy: every thread that did
 * something in the window becomes a task with its recorded scheduling attributes and a program
 * ({@link ThreadProgram}), and the same workload runs under {@code none}, {@code inherit} and {@code proxy}.
 * The {@code none} run next to the recording is the fidelity figure.
 */
public final class Replay {

    private static final long HOLDERS_LEAD_NS = 1_000;

    private Replay() {
    }

    /**
     * Replays a recording.
     *
     * @param trace      The recording.
     * @param inversions Its classified waits: the replay window is the one with the most inversion time (the most
     *                   wait time when there are no inversions).
     * @param options    How to replay.
     * @return The runs, or a result without runs when nothing in the window can be replayed.
     */
    public static ReplayResult run(Trace trace, Inversions inversions, ReplayOptions options) {
        List<Wait> focus = inversions.inversions().stream().map(ClassifiedWait::lockWait).sorted(Wait.ORDER).toList();
        ReplayWindow window = ReplayWindow.of(trace, focus.isEmpty() ? trace.waits() : focus, options.maxWindowNs());
        return run(trace, window, options);
    }

    /**
     * Replays a stretch of a recording chosen by the caller: for a trace of only that stretch's part of a large
     * recording, where the stretch with the most inversion time was found without the whole trace.
     *
     * @param trace   The recording, or the part of it around the stretch.
     * @param fromNs  The stretch's start, epoch nanoseconds.
     * @param toNs    Its end.
     * @param options How to replay.
     * @return The runs, or a result without runs when nothing in the stretch can be replayed.
     */
    public static ReplayResult run(Trace trace, long fromNs, long toNs, ReplayOptions options) {
        return run(trace, new ReplayWindow(fromNs, toNs), options);
    }

    private static ReplayResult run(Trace trace, ReplayWindow window, ReplayOptions options) {
        List<String> limitations = new ArrayList<>();
        int cpus = options.cpus() > 0 ? options.cpus() : trace.cpus();
        if (cpus <= 0) {
            cpus = 1;
            limitations.add("The recording does not say how many CPUs the machine had (no jdk.CPUInformation); "
                    + "the replay used 1. Use --cpus to set it.");
        }
        Workload workload = workload(trace, window, cpus, limitations);
        if (workload.tasks().isEmpty()) return new ReplayResult(cpus, window.fromNs(), window.toNs(), null, List.of(),
                null, List.of("Nothing in the recording could be replayed: no thread with lock waits or CPU time."));
        SimConfig config = SimConfig.DEFAULT.withProxy(options.proxyPreset());
        List<ReplayResult.PolicyRun> runs = new ArrayList<>();
        for (Policy policy : options.policies()) {
            runs.add(runPolicy(policy, workload, config, options));
        }
        List<String> names = workload.tasks().stream().map(TaskSpec::name).toList();
        ReplayResult.PolicyRun recorded = recorded(trace, window, names, options);
        ReplayResult.Fidelity fidelity = runs.stream().filter(r -> r.policy() == Policy.NONE).findFirst()
                .map(none -> fidelity(recorded, none)).orElse(null);
        return new ReplayResult(cpus, window.fromNs(), window.toNs(), recorded, runs, fidelity, limitations);
    }

    private static Workload workload(Trace trace, ReplayWindow window, int cpus, List<String> limitations) {
        Map<TraceLock, String> lockNames = lockNames(trace);
        Map<String, List<Request>> requests = new HashMap<>();
        for (Request r : trace.requests()) requests.computeIfAbsent(r.thread().name(), k -> new ArrayList<>()).add(r);
        List<TaskSpec> tasks = new ArrayList<>();
        int unknownSched = 0;
        int unknownCpu = 0;
        List<String> holdersAtStart = new ArrayList<>();
        Map<TraceThread, List<Wait>> byOwner = new HashMap<>();
        for (Wait w : trace.waits()) {
            if (w.owner() != null) byOwner.computeIfAbsent(w.owner(), k -> new ArrayList<>()).add(w);
        }
        for (ThreadTimeline t : trace.threads()) {
            CpuShare share = CpuShare.of(t, window.fromNs(), window.toNs(), trace.cpus());
            List<Request> mine = requests.getOrDefault(t.thread().name(), List.of());
            ThreadProgram builder = new ThreadProgram(t, window.fromNs(), window.toNs(), lockNames, share,
                    byOwner.getOrDefault(t.thread(), List.of()));
            List<Op> program = builder.build(mine);
            if (program.stream().noneMatch(op -> op instanceof Op.Run || op instanceof Op.Lock)) continue;
            if (builder.startsHolding()) holdersAtStart.add(t.thread().name());
            if (!share.measured()) unknownCpu++;
            SchedAttributes sched = t.schedAt(window.fromNs());
            if (sched == null) unknownSched++;
            long startNs = Math.max(0, t.startNs() - window.fromNs());
            tasks.add(task(t.thread().name(), sched, cpus, startNs, program));
        }
        if (unknownSched > 0) limitations.add(unknownSched + " replayed threads have no recorded scheduling "
                + "attributes (no pxlab.ThreadSched: a recording without the agent, or a thread shorter than the "
                + "agent's sampling period) and ran as nice 0 on any CPU.");
        if (unknownCpu > 0) limitations.add(unknownCpu + " replayed threads have no recorded CPU time "
                + "(pxlab.ThreadCpu or jdk.ThreadCPULoad); between their lock operations they only slept.");
        OutsideLoad.Load outside = OutsideLoad.of(trace, window.fromNs(), window.toNs(), cpus);
        if (!outside.busy().isEmpty()) {
            tasks.addAll(OutsideLoad.tasks(outside, window.fromNs(), window.toNs(), cpus));
            limitations.add(OutsideLoad.describe(outside));
        }
        if (!holdersAtStart.isEmpty()) tasks = holdersFirst(tasks, holdersAtStart);
        List<String> locks = new ArrayList<>(invert(lockNames).keySet());
        locks.sort(null);
        return new Workload(cpus, locks, List.of(), tasks, window.lengthNs());
    }

    /**
     * Threads that held a lock when the window began must have it before anyone asks: the others start one
     * microsecond later, when the holders' first step (taking the lock) is done.
     */
    private static List<TaskSpec> holdersFirst(List<TaskSpec> tasks, List<String> holders) {
        return tasks.stream().map(t -> holders.contains(t.name()) ? t : t.withStart(Math.max(t.startNs(), HOLDERS_LEAD_NS)))
                .toList();
    }

    /** Gives each lock a unique name: its display name, numbered when two locks share one. */
    private static Map<TraceLock, String> lockNames(Trace trace) {
        Map<TraceLock, String> names = new HashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (TraceLock l : trace.locks()) {
            int n = used.merge(l.name(), 1, Integer::sum);
            names.put(l, n == 1 ? l.name() : l.name() + "~" + n);
        }
        return names;
    }

    private static Map<String, TraceLock> invert(Map<TraceLock, String> names) {
        Map<String, TraceLock> out = new HashMap<>();
        names.forEach((lock, name) -> out.put(name, lock));
        return out;
    }

    /** A task with the thread's attributes; affinity only when it leaves out some of the replayed CPUs. */
    private static TaskSpec task(String name, SchedAttributes sched, int cpus, long startNs, List<Op> program) {
        TaskSpec t = TaskSpec.fair(name, program).withStart(startNs);
        if (sched == null) return t;
        SchedPolicy policy = policy(sched.policy());
        t = policy.isRt() ? t.withPolicy(policy, Math.max(1, Math.min(99, sched.rtPriority())))
                : t.withPolicy(policy, 0).withNice(sched.nice());
        CpuMask mask = affinity(sched.affinity(), cpus);
        return mask == null ? t : t.withAffinity(mask);
    }

    private static SchedPolicy policy(String linux) {
        if (linux == null) return SchedPolicy.FAIR;
        return switch (linux.toUpperCase(Locale.ROOT)) {
            case "SCHED_FIFO" -> SchedPolicy.FIFO;
            case "SCHED_RR" -> SchedPolicy.RR;
            case "SCHED_BATCH" -> SchedPolicy.BATCH;
            case "SCHED_IDLE" -> SchedPolicy.IDLE;
            default -> SchedPolicy.FAIR;   // SCHED_OTHER; SCHED_DEADLINE is not modelled
        };
    }

    /** Parses {@code Cpus_allowed_list} ({@code 0-3,8}); {@code null} when it allows every replayed CPU. */
    static CpuMask affinity(String list, int cpus) {
        if (list == null || list.isBlank()) return null;
        List<Integer> allowed = new ArrayList<>();
        try {
            for (String part : list.trim().split(",")) {
                int dash = part.indexOf('-');
                int lo = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(part.substring(dash + 1).trim());
                for (int c = lo; c <= hi && c < cpus; c++) allowed.add(c);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (allowed.isEmpty() || allowed.size() == cpus) return null;
        return CpuMask.of(allowed);
    }

    private static ReplayResult.PolicyRun runPolicy(Policy policy, Workload workload, SimConfig config,
                                                    ReplayOptions options) {
        List<ReplayResult.Slice> schedule = new ArrayList<>();
        SimResult result = Simulator.run(workload, config, policy,
                (cpu, startNs, endNs, task, donor) -> schedule.add(new ReplayResult.Slice(cpu, startNs, endNs, task,
                        donor)));
        List<ReplayResult.ThreadRun> threads = new ArrayList<>();
        for (SimResult.TaskResult t : result.tasks()) {
            if (options.threads() != null && !options.threads().matcher(t.name()).find()) continue;
            if (t.name().startsWith(OutsideLoad.NAME_PREFIX)) continue;   // the machine's other load, not a thread
            Optional<SimResult.RequestStats> waits = t.request(ThreadProgram.WAIT_MARK);
            List<SimResult.RequestStats> requests = t.requests().stream()
                    .filter(r -> !r.name().equals(ThreadProgram.WAIT_MARK) && !r.name().equals(ThreadProgram.TAKE_MARK))
                    .toList();
            // A take the recording shows no wait for is left out, so the figure compares with what was recorded.
            long takes = t.request(ThreadProgram.TAKE_MARK).map(q -> q.all().sum()).orElse(0L);
            threads.add(new ReplayResult.ThreadRun(t.name(), Math.max(0, t.lockWaitNs() - takes),
                    waits.orElse(new SimResult.RequestStats(ThreadProgram.WAIT_MARK, 0, 0, 0, 0)), requests));
        }
        threads.sort((a, b) -> a.thread().compareTo(b.thread()));
        return new ReplayResult.PolicyRun(policy, result, threads, schedule);
    }

    /**
     * What the recording measured in the window for the replayed threads, in the shape of a run: each thread's lock
     * waiting inside the window, the durations of the waits and requests that began in it.
     */
    private static ReplayResult.PolicyRun recorded(Trace trace, ReplayWindow window, List<String> names,
                                                   ReplayOptions options) {
        Map<String, List<Wait>> waits = new HashMap<>();
        for (Wait w : trace.waits()) {
            if (w.overlapNs(window.fromNs(), window.toNs()) > 0) {
                waits.computeIfAbsent(w.waiter().name(), k -> new ArrayList<>()).add(w);
            }
        }
        Map<String, Map<String, List<Long>>> requests = new HashMap<>();
        for (Request r : trace.requests()) {
            if (r.startNs() < window.fromNs() || r.startNs() >= window.toNs()) continue;
            requests.computeIfAbsent(r.thread().name(), k -> new TreeMap<>())
                    .computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.endNs() - r.startNs());
        }
        List<ReplayResult.ThreadRun> threads = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (options.threads() != null && !options.threads().matcher(name).find()) continue;
            long lockWaitNs = 0;
            List<Long> began = new ArrayList<>();
            for (Wait w : waits.getOrDefault(name, List.of())) {
                lockWaitNs += w.overlapNs(window.fromNs(), window.toNs());
                if (w.startNs() >= window.fromNs()) began.add(w.durationNs());
            }
            List<SimResult.RequestStats> stats = new ArrayList<>();
            requests.getOrDefault(name, Map.of()).forEach((q, latencies) -> stats.add(stats(q, latencies)));
            threads.add(new ReplayResult.ThreadRun(name, lockWaitNs, stats(ThreadProgram.WAIT_MARK, began), stats));
        }
        return new ReplayResult.PolicyRun(null, null, threads, List.of());
    }

    private static SimResult.RequestStats stats(String name, List<Long> latencies) {
        return SimResult.RequestStats.of(name, latencies.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /** The recorded lock waiting in the window, per thread, next to the {@code none} replay's. */
    private static ReplayResult.Fidelity fidelity(ReplayResult.PolicyRun recorded, ReplayResult.PolicyRun none) {
        List<ReplayResult.ThreadFidelity> threads = new ArrayList<>();
        long measured = 0;
        long replayed = 0;
        long error = 0;
        for (ReplayResult.ThreadRun run : none.threads()) {
            long m = recorded.thread(run.thread()).map(ReplayResult.ThreadRun::lockWaitNs).orElse(0L);
            if (m == 0 && run.lockWaitNs() == 0) continue;
            threads.add(new ReplayResult.ThreadFidelity(run.thread(), m, run.lockWaitNs()));
            measured += m;
            replayed += run.lockWaitNs();
            error += Math.abs(run.lockWaitNs() - m);
        }
        return new ReplayResult.Fidelity(measured, replayed, error, threads);
    }
}
