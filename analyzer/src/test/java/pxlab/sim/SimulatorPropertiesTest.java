package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static pxlab.sim.RandomWorkloads.MS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import pxlab.scenario.Scenario;
import pxlab.scenario.ScenarioException;
import pxlab.scenario.ScenarioParser;
import pxlab.sim.RandomWorkloads.LockOrder;

/**
 * Properties of the scheduler model on random workloads (generators in {@link RandomWorkloads}). Runs go through
 * {@link Simulator#runChecked}, so the model's own invariants ({@link InvariantCheck}) are checked after every event
 * too. A failure message carries the policy and the case as a scenario file, ready for {@code pxlab simulate}.
 *
 * <p>Generated workloads have no {@code until}; {@link #simulate} still stops a run at {@link #HORIZON_NS} of
 * simulated time, about 50 times the longest a generated workload can take, so that a livelock fails as "did not
 * finish" instead of looping forever.
 */
class SimulatorPropertiesTest {

    /** Simulated time after which a run counts as a livelock. */
    private static final long HORIZON_NS = 60_000 * MS;
    /** Wall time after which a run counts as hung (a loop that does not advance simulated time). */
    private static final Duration HANG = Duration.ofSeconds(20);

    // ---- Generators -----------------------------------------------------------------------------------------

    /** Workloads whose tasks take locks in ascending index order: no deadlock is possible. */
    @Provide
    Arbitrary<Workload> ordered() {
        return RandomWorkloads.workloads(LockOrder.ASCENDING);
    }

    /** Workloads whose tasks take locks in any order: deadlocks are possible. */
    @Provide
    Arbitrary<Workload> anyOrder() {
        return RandomWorkloads.workloads(LockOrder.ANY);
    }

    /** Lock mode, costs, base slice, tick, RR quantum and proxy switches. */
    @Provide
    Arbitrary<SimConfig> configs() {
        return RandomWorkloads.configs();
    }

    /**
     * Lock-free workloads on 1–4 CPUs with one FIFO task {@code rt} pinned to cpu0 that only runs, declared at a
     * random position among 0–7 fair, batch or idle tasks that run and sleep anywhere, possibly in groups.
     */
    @Provide
    Arbitrary<Workload> pinnedRt() {
        Arbitrary<Integer> cpus = Arbitraries.integers().between(1, 4);
        Arbitrary<List<Integer>> groupWeights = Arbitraries.integers().between(1, 10_000).list().ofMaxSize(2);
        Arbitrary<SchedPolicy> fairPolicies = Arbitraries.of(SchedPolicy.FAIR, SchedPolicy.BATCH, SchedPolicy.IDLE);
        Arbitrary<TaskSpec> rt = Combinators.combine(Arbitraries.integers().between(1, 99), RandomWorkloads.startNs(),
                        RandomWorkloads.runsOnly())
                .as((prio, start, prog) -> new TaskSpec("rt", SchedPolicy.FIFO, 0, prio, CpuMask.of(List.of(0)), null,
                        start, prog));
        return Combinators.combine(cpus, groupWeights).flatAs((c, gw) -> {
            List<GroupSpec> groups = new ArrayList<>();
            for (int i = 0; i < gw.size(); i++) groups.add(new GroupSpec("g" + i, gw.get(i)));
            Arbitrary<List<TaskSpec>> others = RandomWorkloads
                    .task(c, 0, groups.size(), LockOrder.ASCENDING, fairPolicies)
                    .list().ofMaxSize(7).map(RandomWorkloads::named);
            return Combinators.combine(rt, others, Arbitraries.integers().between(0, 7)).as((r, os, pos) -> {
                List<TaskSpec> ts = new ArrayList<>(os);
                ts.add(Math.min(pos, ts.size()), r);
                return new Workload(c, List.of(), groups, ts, Long.MAX_VALUE);
            });
        }).withoutEdgeCases();
    }

    // ---- Properties -----------------------------------------------------------------------------------------

    /**
     * 0. The generators are right: every generated case passes the scenario parser's static checks and reads back
     * equal, so the scenario text in a failure message is the exact case.
     */
    @Property(tries = 200)
    void generatedCasesAreValidScenarios(@ForAll("anyOrder") Workload w, @ForAll("configs") SimConfig c)
            throws ScenarioException {
        String yaml = RandomWorkloads.toYaml(w, c);
        Scenario s = ScenarioParser.parse(yaml, "generated.yaml");
        assertEquals(w, s.workload(), yaml);
        assertEquals(c, s.config(), yaml);
    }

    /**
     * 1. With locks taken in a global order, no invariant breaks under any policy, no deadlock is reported and every
     * task finishes.
     */
    @Property(tries = 600)
    void orderedWorkloadsRunCleanly(@ForAll("ordered") Workload w, @ForAll("configs") SimConfig c,
                                    @ForAll Policy policy) {
        Outcome o = simulate(w, c, policy);
        assertNull(o.result.deadlock(), o.context);
        for (SimResult.TaskResult t : o.result.tasks()) {
            assertTrue(t.finished(), t.name() + " did not finish\n" + o.context);
        }
    }

    /**
     * 2. The schedule is well formed: per CPU, intervals are non-empty, in time order and do not overlap; they name
     * known tasks; no task runs (or lends its context) on two CPUs at once; code runs only inside its task's
     * affinity; and each task's intervals cover at least its CPU time plus spin time.
     */
    @Property(tries = 600)
    void scheduleIsWellFormed(@ForAll("anyOrder") Workload w, @ForAll("configs") SimConfig c, @ForAll Policy policy) {
        Outcome o = simulate(w, c, policy);
        Map<String, TaskSpec> specs = specs(w);
        long[] lastEnd = new long[w.cpus()];
        Map<String, Long> covered = new HashMap<>();
        for (Interval iv : o.intervals) {
            assertTrue(iv.cpu >= 0 && iv.cpu < w.cpus(), iv + " on a CPU the machine lacks\n" + o.context);
            assertTrue(iv.endNs > iv.startNs, iv + " is empty\n" + o.context);
            assertTrue(iv.startNs >= lastEnd[iv.cpu], iv + " starts before the previous interval on its CPU ended ("
                    + lastEnd[iv.cpu] + ")\n" + o.context);
            lastEnd[iv.cpu] = iv.endNs;
            TaskSpec exec = specs.get(iv.task);
            assertNotNull(exec, iv + ": unknown task\n" + o.context);
            assertTrue(specs.containsKey(iv.donor), iv + ": unknown donor\n" + o.context);
            assertTrue(exec.affinity() == null || exec.affinity().contains(iv.cpu),
                    iv + ": code ran outside its affinity\n" + o.context);
            covered.merge(iv.task, iv.endNs - iv.startNs, Long::sum);
        }
        assertNoTaskOnTwoCpus(o.intervals, o.context);
        for (SimResult.TaskResult t : o.result.tasks()) {
            long ran = covered.getOrDefault(t.name(), 0L);
            assertTrue(ran >= t.cpuNs() + t.spinNs(), t.name() + ": intervals cover " + ran + "ns < cpu " + t.cpuNs()
                    + " + spin " + t.spinNs() + "\n" + o.context);
        }
    }

    /**
     * 3. Executed work equals demand: a finished task's CPU time is the sum of its program's run steps (repeats
     * expanded), and when all finished, each lock was acquired once per executed {@code lock} step.
     */
    @Property(tries = 600)
    void cpuTimeEqualsDemand(@ForAll("ordered") Workload w, @ForAll("configs") SimConfig c, @ForAll Policy policy) {
        Outcome o = simulate(w, c, policy);
        for (TaskSpec spec : w.tasks()) {
            SimResult.TaskResult t = o.result.task(spec.name()).orElseThrow();
            if (t.finished()) {
                assertEquals(RandomWorkloads.demandNs(spec.program()), t.cpuNs(), spec.name() + " cpuNs\n" + o.context);
            }
        }
        if (allFinished(o.result)) {
            for (SimResult.LockResult l : o.result.locks()) {
                long steps = w.tasks().stream().mapToLong(t -> RandomWorkloads.lockSteps(t.program(), l.name())).sum();
                assertEquals(steps, l.acquisitions(), l.name() + " acquisitions\n" + o.context);
                assertTrue(l.contended() <= l.acquisitions(), l + "\n" + o.context);
            }
        }
    }

    /**
     * 4. RT is never preempted by fair tasks: a FIFO task pinned to cpu0 that only runs owns cpu0 from its start
     * until it finishes (no other task's interval on cpu0 overlaps that span), so it finishes exactly one context
     * switch plus its demand after its start. No locks, so no donor can run a fair owner's code on cpu0.
     */
    @Property(tries = 300)
    void pinnedFifoTaskIsNeverPreemptedByFairTasks(@ForAll("pinnedRt") Workload w, @ForAll("configs") SimConfig c,
                                                   @ForAll Policy policy) {
        Outcome o = simulate(w, c, policy);
        TaskSpec rt = specs(w).get("rt");
        SimResult.TaskResult r = o.result.task("rt").orElseThrow();
        assertTrue(r.finished(), "rt did not finish\n" + o.context);
        long from = rt.startNs();
        long to = r.finishedNs();
        for (Interval iv : o.intervals) {
            if (iv.task.equals("rt")) {
                assertEquals(0, iv.cpu, iv + ": the pinned RT task ran elsewhere\n" + o.context);
                assertTrue(iv.startNs >= from && iv.endNs <= to, iv + " outside rt's life\n" + o.context);
            } else if (iv.cpu == 0 && iv.startNs < to && iv.endNs > from) {
                fail(iv + " runs fair code on cpu0 while rt (" + from + ".." + to + ") wants it\n" + o.context);
            }
        }
        assertEquals(from + c.switchNs() + RandomWorkloads.demandNs(rt.program()), to,
                "rt should run uninterrupted after one context switch\n" + o.context);
    }

    /**
     * 5. The model is deterministic: two checked runs and an unchecked run of the same case give equal results and
     * identical schedules (so the invariant checks have no side effects either).
     */
    @Property(tries = 300)
    void runsAreDeterministic(@ForAll("anyOrder") Workload w, @ForAll("configs") SimConfig c, @ForAll Policy policy) {
        Outcome first = simulate(w, c, policy);
        Outcome second = simulate(w, c, policy);
        assertEquals(first.result, second.result, first.context);
        assertEquals(first.intervals, second.intervals, first.context);
        Outcome unchecked = simulate(w, c, policy, false);
        assertEquals(first.result, unchecked.result, "checked and unchecked runs differ\n" + first.context);
        assertEquals(first.intervals, unchecked.intervals, "checked and unchecked schedules differ\n" + first.context);
    }

    /**
     * 6a. Two tasks taking two locks in opposite order, each with a 1ms run between its two lock steps, deadlock on
     * 2 CPUs under every policy, lock mode and proxy preset; the reported cycle names both tasks and both locks, each
     * task waiting for the lock the other holds, and the run stops there with neither task finished.
     */
    @Property(tries = 18, generation = GenerationMode.EXHAUSTIVE)
    void oppositeLockOrderDeadlocks(@ForAll Policy policy, @ForAll LockMode mode, @ForAll boolean v6) {
        List<Op> ab = List.of(new Op.Lock("A"), new Op.Run(MS), new Op.Lock("B"), new Op.Run(MS),
                new Op.Unlock("B"), new Op.Unlock("A"));
        List<Op> ba = List.of(new Op.Lock("B"), new Op.Run(MS), new Op.Lock("A"), new Op.Run(MS),
                new Op.Unlock("A"), new Op.Unlock("B"));
        Workload w = new Workload(2, List.of("A", "B"), List.of(),
                List.of(TaskSpec.fair("a", ab), TaskSpec.fair("b", ba)), Long.MAX_VALUE);
        ProxyConfig proxy = (v6 ? ProxyConfig.V6 : ProxyConfig.MAINLINE).withLockMode(mode);
        SimConfig c = SimConfig.DEFAULT.withLockMode(mode).withProxy(proxy);
        Outcome o = simulate(w, c, policy);
        Deadlock d = o.result.deadlock();
        assertNotNull(d, "no deadlock reported\n" + o.context);
        String what = d.describe() + "\n" + o.context;
        assertEquals(2, d.tasks().size(), what);
        assertEquals(Set.of("a", "b"), Set.copyOf(d.tasks()), what);
        assertEquals(Set.of("A", "B"), Set.copyOf(d.locks()), what);
        for (int i = 0; i < 2; i++) assertEquals(d.tasks().get(i).equals("a") ? "B" : "A", d.locks().get(i), what);
        assertTrue(d.atNs() >= MS, what);
        assertEquals(d.atNs(), o.result.endNs(), what);
        assertTrue(o.result.tasks().stream().noneMatch(SimResult.TaskResult::finished), what);
    }

    /**
     * 6b. With locks taken in any order no invariant breaks; a run either ends with every task finished or reports a
     * well-formed cycle: at least two distinct unfinished tasks and as many distinct locks, each lock taken in the
     * programs of both its waiter and its holder, and the run ends when the cycle closes.
     */
    @Property(tries = 600)
    void anyOrderWorkloadsFinishOrReportACycle(@ForAll("anyOrder") Workload w, @ForAll("configs") SimConfig c,
                                               @ForAll Policy policy) {
        Outcome o = simulate(w, c, policy);
        Deadlock d = o.result.deadlock();
        if (d == null) {
            for (SimResult.TaskResult t : o.result.tasks()) {
                assertTrue(t.finished(), t.name() + " did not finish and no deadlock was reported\n" + o.context);
            }
            return;
        }
        String what = d.describe() + "\n" + o.context;
        int n = d.tasks().size();
        assertTrue(n >= 2, what);
        assertEquals(n, d.locks().size(), what);
        assertEquals(n, Set.copyOf(d.tasks()).size(), "repeated task in " + what);
        assertEquals(n, Set.copyOf(d.locks()).size(), "repeated lock in " + what);
        assertEquals(d.atNs(), o.result.endNs(), what);
        Map<String, TaskSpec> specs = specs(w);
        for (int i = 0; i < n; i++) {
            String waiter = d.tasks().get(i);
            String holder = d.tasks().get((i + 1) % n);
            String lock = d.locks().get(i);
            assertFalse(o.result.task(waiter).orElseThrow().finished(), waiter + " finished in " + what);
            assertTrue(RandomWorkloads.lockSteps(specs.get(waiter).program(), lock) > 0, what);
            assertTrue(RandomWorkloads.lockSteps(specs.get(holder).program(), lock) > 0, what);
        }
    }

    /** 7. When every task finished, the tasks' lock waits add up to the locks' waits. */
    @Property(tries = 600)
    void lockWaitsAddUp(@ForAll("ordered") Workload w, @ForAll("configs") SimConfig c, @ForAll Policy policy) {
        Outcome o = simulate(w, c, policy);
        if (!allFinished(o.result)) return;   // property 1 reports that
        long byTask = o.result.tasks().stream().mapToLong(SimResult.TaskResult::lockWaitNs).sum();
        long byLock = o.result.locks().stream().mapToLong(SimResult.LockResult::waitNs).sum();
        assertEquals(byLock, byTask, "sum of tasks' lockWaitNs vs sum of locks' waitNs\n" + o.context);
    }

    // ---- Helpers --------------------------------------------------------------------------------------------

    /** One schedule interval as {@link ScheduleSink} reports it. */
    record Interval(int cpu, long startNs, long endNs, String task, String donor) {
    }

    /** A run's result and schedule, and the case as a scenario file for failure messages. */
    record Outcome(SimResult result, List<Interval> intervals, String context) {
    }

    private static Outcome simulate(Workload w, SimConfig c, Policy policy) {
        return simulate(w, c, policy, true);
    }

    /**
     * Runs a case, with the invariant checks on when {@code checked}, stopping at {@link #HORIZON_NS}. An exception
     * or a hang fails with the case attached.
     */
    private static Outcome simulate(Workload w, SimConfig c, Policy policy, boolean checked) {
        String context = "policy: " + policy.key() + "\n" + RandomWorkloads.toYaml(w, c);
        Workload bounded = w.untilNs() == Long.MAX_VALUE
                ? new Workload(w.cpus(), w.locks(), w.groups(), w.tasks(), HORIZON_NS) : w;
        List<Interval> intervals = new ArrayList<>();
        ScheduleSink sink = (cpu, a, b, t, d) -> intervals.add(new Interval(cpu, a, b, t, d));
        SimResult r;
        try {
            r = assertTimeoutPreemptively(HANG, () -> checked
                    ? Simulator.runChecked(bounded, c, policy, sink)
                    : Simulator.run(bounded, c, policy, sink), () -> "hangs\n" + context);
        } catch (RuntimeException e) {
            throw new AssertionError(e + "\n" + context, e);
        }
        return new Outcome(r, intervals, context);
    }

    private static Map<String, TaskSpec> specs(Workload w) {
        Map<String, TaskSpec> specs = new HashMap<>();
        for (TaskSpec t : w.tasks()) specs.put(t.name(), t);
        return specs;
    }

    private static boolean allFinished(SimResult r) {
        return r.tasks().stream().allMatch(SimResult.TaskResult::finished);
    }

    /** Fails if a task appears, as code or as scheduling context, in overlapping intervals on two CPUs. */
    private static void assertNoTaskOnTwoCpus(List<Interval> intervals, String context) {
        Map<String, List<Interval>> byTask = new HashMap<>();
        for (Interval iv : intervals) {
            byTask.computeIfAbsent(iv.task, k -> new ArrayList<>()).add(iv);
            if (!iv.donor.equals(iv.task)) byTask.computeIfAbsent(iv.donor, k -> new ArrayList<>()).add(iv);
        }
        for (Map.Entry<String, List<Interval>> e : byTask.entrySet()) {
            List<Interval> ivs = new ArrayList<>(e.getValue());
            ivs.sort(Comparator.comparingLong(Interval::startNs));
            Interval prev = null;
            for (Interval iv : ivs) {
                if (prev != null && iv.startNs < prev.endNs) {
                    fail(e.getKey() + " is on two CPUs at once: " + prev + " and " + iv + "\n" + context);
                }
                if (prev == null || iv.endNs > prev.endNs) prev = iv;
            }
        }
    }
}
