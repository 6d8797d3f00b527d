package pxlab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik generators of random but valid workloads and model settings for {@link SimulatorPropertiesTest}, and a
 * printer that writes a generated case as a scenario file, so a counterexample can be replayed with
 * {@code pxlab simulate}.
 *
 * <p>Programs are built from balanced blocks (a lock block is {@code lock L; body; unlock L}, a mark block is
 * {@code mark: begin X; body; mark: end X}, a repeat repeats a balanced body), so every generated program passes the
 * parser's static checks: no recursive lock, no unlock of a lock not held, no task ending inside a lock or request,
 * and every repeat body leaves the held locks and open requests as it found them.
 */
final class RandomWorkloads {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    /** CPU demand cap per task; 8 tasks × 25ms keeps a workload's demand ≤ 200ms. */
    static final long MAX_TASK_DEMAND_NS = 25 * MS;
    /** Sleep cap per task (repeats expanded), so a workload spans at most about a second of simulated time. */
    static final long MAX_TASK_SLEEP_NS = 100 * MS;
    /** Nesting depth of lock, mark and repeat blocks. */
    static final int MAX_DEPTH = 3;
    static final List<String> MARKS = List.of("m0", "m1", "m2");
    private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

    private RandomWorkloads() {
    }

    /** How programs may take locks. */
    enum LockOrder {
        /** A task only takes locks with a higher index than every lock it holds: no lock cycle can form. */
        ASCENDING,
        /** Any lock the task does not hold: lock cycles (deadlocks) are possible. */
        ANY
    }

    // ---- Workloads ------------------------------------------------------------------------------------------

    /** 1–4 CPUs, 0–3 locks, 0–2 groups, 1–8 tasks; no {@code until}. */
    static Arbitrary<Workload> workloads(LockOrder order) {
        Arbitrary<Integer> cpus = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> nLocks = Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(3, 1), Tuple.of(3, 2), Tuple.of(2, 3));
        Arbitrary<List<Integer>> groupWeights = Arbitraries.integers().between(1, 10_000).list().ofMaxSize(2);
        return Combinators.combine(cpus, nLocks, groupWeights).flatAs((c, l, gw) -> {
            List<GroupSpec> groups = new ArrayList<>();
            for (int i = 0; i < gw.size(); i++) groups.add(new GroupSpec("g" + i, gw.get(i)));
            return task(c, l, groups.size(), order).list().ofMinSize(1).ofMaxSize(8).withSizeDistribution(UNIFORM)
                    .map(ts -> new Workload(c, lockNames(l), groups, named(ts), Long.MAX_VALUE));
        }).withoutEdgeCases();   // edge cases would make half the workloads single-task
    }

    static List<String> lockNames(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add(String.valueOf((char) ('A' + i)));
        return names;
    }

    /** Names tasks t0, t1, … in order. */
    static List<TaskSpec> named(List<TaskSpec> ts) {
        List<TaskSpec> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            TaskSpec t = ts.get(i);
            out.add(new TaskSpec("t" + i, t.policy(), t.nice(), t.rtPriority(), t.affinity(), t.group(), t.startNs(),
                    t.program()));
        }
        return out;
    }

    /** One task with a random policy and attributes; the name is a placeholder (see {@link #named}). */
    static Arbitrary<TaskSpec> task(int cpus, int nLocks, int nGroups, LockOrder order) {
        return task(cpus, nLocks, nGroups, order, Arbitraries.of(SchedPolicy.class));
    }

    /** One task with a policy drawn from {@code policies}. */
    static Arbitrary<TaskSpec> task(int cpus, int nLocks, int nGroups, LockOrder order,
                                    Arbitrary<SchedPolicy> policies) {
        return policies.flatMap(policy -> {
            boolean niced = policy == SchedPolicy.FAIR || policy == SchedPolicy.BATCH;
            Arbitrary<Integer> nice = niced ? Arbitraries.integers().between(-20, 19) : Arbitraries.just(0);
            Arbitrary<Integer> prio = policy.isRt() ? Arbitraries.integers().between(1, 99) : Arbitraries.just(0);
            // -1: root group. Only fair-class tasks join groups.
            Arbitrary<Integer> group = policy.isFair() && nGroups > 0
                    ? Arbitraries.integers().between(-1, nGroups - 1) : Arbitraries.just(-1);
            return Combinators.combine(nice, prio, affinity(cpus), group, startNs(), program(nLocks, order))
                    .as((n, p, aff, g, start, prog) -> new TaskSpec("?", policy, n, p, aff,
                            g < 0 ? null : "g" + g, start, prog));
        });
    }

    /** {@code null} (all CPUs) half the time, else a non-empty subset of the CPUs. */
    static Arbitrary<CpuMask> affinity(int cpus) {
        Arbitrary<Integer> bits = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, (1 << cpus) - 1)));
        return bits.map(b -> {
            if (b == 0) return null;
            List<Integer> list = new ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) if ((b & 1 << cpu) != 0) list.add(cpu);
            return CpuMask.of(list);
        });
    }

    static Arbitrary<Long> startNs() {
        return Arbitraries.longs().between(0, 5 * MS);
    }

    // ---- Programs -------------------------------------------------------------------------------------------

    /** What a block may do: which locks are held (bit i = lock i) and which requests are open. */
    private record Scope(int nLocks, LockOrder order, int held, int openMarks) {

        List<Integer> lockable() {
            List<Integer> out = new ArrayList<>();
            int from = order == LockOrder.ASCENDING ? 32 - Integer.numberOfLeadingZeros(held) : 0;
            for (int i = from; i < nLocks; i++) if ((held & 1 << i) == 0) out.add(i);
            return out;
        }

        List<Integer> markable() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < MARKS.size(); i++) if ((openMarks & 1 << i) == 0) out.add(i);
            return out;
        }
    }

    /**
     * A balanced program of 0–6 top-level blocks whose expanded CPU demand and sleep are at most
     * {@link #MAX_TASK_DEMAND_NS} and {@link #MAX_TASK_SLEEP_NS}.
     */
    static Arbitrary<List<Op>> program(int nLocks, LockOrder order) {
        return body(new Scope(nLocks, order, 0, 0), MAX_DEPTH, 0, 6)
                .filter(p -> demandNs(p) <= MAX_TASK_DEMAND_NS && sleepNs(p) <= MAX_TASK_SLEEP_NS);
    }

    /** A program of plain run steps only (1–5 of them). */
    static Arbitrary<List<Op>> runsOnly() {
        return run().list().ofMinSize(1).ofMaxSize(5).map(List::<Op>copyOf);
    }

    static Arbitrary<Op> run() {
        return Arbitraries.longs().between(US, 3 * MS).withDistribution(UNIFORM).map(Op.Run::new);
    }

    static Arbitrary<Op> sleep() {
        return Arbitraries.longs().between(0, 3 * MS).map(Op.Sleep::new);
    }

    private static Arbitrary<List<Op>> body(Scope s, int depth, int min, int max) {
        return block(s, depth).list().ofMinSize(min).ofMaxSize(max).withSizeDistribution(UNIFORM)
                .map(RandomWorkloads::flatten);
    }

    private static Arbitrary<List<Op>> block(Scope s, int depth) {
        List<Tuple2<Integer, Arbitrary<List<Op>>>> choices = new ArrayList<>();
        choices.add(Tuple.of(4, run().map(List::of)));
        choices.add(Tuple.of(2, sleep().map(List::of)));
        if (depth > 0) {
            List<Integer> lockable = s.lockable();
            if (!lockable.isEmpty()) choices.add(Tuple.of(3, Arbitraries.lazy(() -> lockBlock(s, depth, lockable))));
            List<Integer> markable = s.markable();
            if (!markable.isEmpty()) choices.add(Tuple.of(1, Arbitraries.lazy(() -> markBlock(s, depth, markable))));
            choices.add(Tuple.of(2, Arbitraries.lazy(() -> repeatBlock(s, depth))));
        }
        return Arbitraries.frequencyOf(choices);
    }

    private static Arbitrary<List<Op>> lockBlock(Scope s, int depth, List<Integer> lockable) {
        List<Arbitrary<List<Op>>> options = new ArrayList<>();
        for (int i : lockable) {
            String name = lockNames(i + 1).get(i);
            Scope inner = new Scope(s.nLocks(), s.order(), s.held() | 1 << i, s.openMarks());
            options.add(body(inner, depth - 1, 1, 3).map(b -> wrap(new Op.Lock(name), b, new Op.Unlock(name))));
        }
        return Arbitraries.oneOf(options);
    }

    private static Arbitrary<List<Op>> markBlock(Scope s, int depth, List<Integer> markable) {
        List<Arbitrary<List<Op>>> options = new ArrayList<>();
        for (int i : markable) {
            String name = MARKS.get(i);
            Scope inner = new Scope(s.nLocks(), s.order(), s.held(), s.openMarks() | 1 << i);
            options.add(body(inner, depth - 1, 0, 3)
                    .map(b -> wrap(new Op.Mark(true, name), b, new Op.Mark(false, name))));
        }
        return Arbitraries.oneOf(options);
    }

    private static Arbitrary<List<Op>> repeatBlock(Scope s, int depth) {
        return Combinators.combine(Arbitraries.longs().between(1, 5), body(s, depth - 1, 1, 3))
                .as((n, b) -> List.of(new Op.Repeat(n, b)));
    }

    private static List<Op> wrap(Op first, List<Op> body, Op last) {
        List<Op> out = new ArrayList<>(body.size() + 2);
        out.add(first);
        out.addAll(body);
        out.add(last);
        return out;
    }

    private static List<Op> flatten(List<List<Op>> blocks) {
        List<Op> out = new ArrayList<>();
        blocks.forEach(out::addAll);
        return out;
    }

    // ---- Program arithmetic ---------------------------------------------------------------------------------

    /** The sum of the program's run durations, repeats expanded. */
    static long demandNs(List<Op> program) {
        long sum = 0;
        for (Op op : program) {
            if (op instanceof Op.Run r) sum += r.ns();
            else if (op instanceof Op.Repeat rep) sum += rep.count() * demandNs(rep.steps());
        }
        return sum;
    }

    /** The sum of the program's sleep durations, repeats expanded. */
    static long sleepNs(List<Op> program) {
        long sum = 0;
        for (Op op : program) {
            if (op instanceof Op.Sleep s) sum += s.ns();
            else if (op instanceof Op.Repeat rep) sum += rep.count() * sleepNs(rep.steps());
        }
        return sum;
    }

    /** How often the program executes a {@code lock} step of the named lock, repeats expanded. */
    static long lockSteps(List<Op> program, String lock) {
        long sum = 0;
        for (Op op : program) {
            if (op instanceof Op.Lock l && l.lock().equals(lock)) sum++;
            else if (op instanceof Op.Repeat rep) sum += rep.count() * lockSteps(rep.steps(), lock);
        }
        return sum;
    }

    // ---- Model settings -------------------------------------------------------------------------------------

    /** Random lock mode, costs (0 or up to 20us), base slice, tick, RR quantum and proxy switches. */
    static Arbitrary<SimConfig> configs() {
        Arbitrary<Long> cost = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(1, 20).map(us -> us * US)));
        Arbitrary<Long> slice = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(500, 4000).map(us -> us * US)));
        Arbitrary<Long> tick = Arbitraries.of(MS, 4 * MS);
        Arbitrary<Long> rrQuantum = Arbitraries.of(100 * MS, MS, 3 * MS);
        return Combinators.combine(Arbitraries.of(LockMode.class), cost, cost, cost, slice, tick, rrQuantum, proxies())
                .as((mode, sw, wake, mig, bs, t, rr, px) -> SimConfig.DEFAULT
                        .withLockMode(mode).withCosts(sw, wake, mig).withBaseSliceNs(bs).withTickNs(t)
                        .withRrQuantumNs(rr).withProxy(px));
    }

    /** A preset with random switches flipped. */
    static Arbitrary<ProxyConfig> proxies() {
        Arbitrary<Boolean> flip = Arbitraries.of(false, false, true);
        Arbitrary<LockMode> mode = Arbitraries.of(LockMode.class).injectNull(0.5);   // null: the preset's override
        return Combinators.combine(Arbitraries.of(ProxyConfig.MAINLINE, ProxyConfig.V6),
                        flip, flip, flip, flip, flip, mode)
                .as((p, dm, rm, so, bdh, cm, lm) -> {
                    if (dm) p = p.withDonorMigration(!p.donorMigration());
                    if (rm) p = p.withReturnMigration(!p.returnMigration());
                    if (so) p = p.withSleepingOwner(p.sleepingOwner() == ProxyConfig.SleepingOwner.DEACTIVATE
                            ? ProxyConfig.SleepingOwner.ENQUEUE : ProxyConfig.SleepingOwner.DEACTIVATE);
                    if (bdh) p = p.withBlockedDonorHandoff(!p.blockedDonorHandoff());
                    if (cm) p = p.withChainMigration(!p.chainMigration());
                    if (lm != null) p = p.withLockMode(lm);
                    return p;
                });
    }

    // ---- Scenario printer -----------------------------------------------------------------------------------

    /** Writes a workload and settings as a scenario file (YAML flow style, one task per entry). */
    static String toYaml(Workload w, SimConfig c) {
        StringBuilder sb = new StringBuilder();
        sb.append("cpus: ").append(w.cpus()).append('\n');
        if (w.untilNs() != Long.MAX_VALUE) sb.append("until: ").append(w.untilNs()).append("ns\n");
        ProxyConfig p = c.proxy();
        sb.append("config:\n");
        if (c.baseSliceNs() > 0) sb.append("  base_slice: ").append(c.baseSliceNs()).append("ns\n");
        sb.append("  tick: ").append(c.tickNs()).append("ns\n");
        sb.append("  rr_quantum: ").append(c.rrQuantumNs()).append("ns\n");
        sb.append("  balance_interval: ").append(c.balanceIntervalNs()).append("ns\n");
        sb.append("  costs: {switch: ").append(c.switchNs()).append("ns, wakeup: ").append(c.wakeupNs())
                .append("ns, migrate: ").append(c.migrateNs()).append("ns}\n");
        sb.append("  lock_mode: ").append(c.lockMode().key()).append('\n');
        sb.append("  proxy: {donor_migration: ").append(p.donorMigration())
                .append(", return_migration: ").append(p.returnMigration())
                .append(", sleeping_owner: ").append(p.sleepingOwner().name().toLowerCase(Locale.ROOT))
                .append(", blocked_donor_handoff: ").append(p.blockedDonorHandoff())
                .append(", chain_migration: ").append(p.chainMigration());
        if (p.lockMode() != null) sb.append(", lock_mode: ").append(p.lockMode().key());
        sb.append("}\n");
        if (!w.groups().isEmpty()) {
            sb.append("groups:\n");
            for (GroupSpec g : w.groups()) sb.append("  ").append(g.name()).append(": {cpu_weight: ")
                    .append(g.cpuWeight()).append("}\n");
        }
        if (!w.locks().isEmpty()) sb.append("locks: [").append(String.join(", ", w.locks())).append("]\n");
        sb.append("tasks:\n");
        for (TaskSpec t : w.tasks()) {
            sb.append("  - {name: ").append(t.name()).append(", policy: ").append(t.policy().key());
            if (t.nice() != 0) sb.append(", nice: ").append(t.nice());
            if (t.rtPriority() != 0) sb.append(", rt_priority: ").append(t.rtPriority());
            if (t.affinity() != null) {
                List<String> cpus = new ArrayList<>();
                for (int cpu = t.affinity().first(); cpu >= 0; cpu = t.affinity().next(cpu + 1)) {
                    cpus.add(String.valueOf(cpu));
                }
                sb.append(", cpus: [").append(String.join(", ", cpus)).append(']');
            }
            if (t.group() != null) sb.append(", group: ").append(t.group());
            if (t.startNs() != 0) sb.append(", start: ").append(t.startNs()).append("ns");
            sb.append(",\n     program: ").append(programYaml(t.program())).append("}\n");
        }
        return sb.toString();
    }

    private static String programYaml(List<Op> ops) {
        List<String> steps = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Op.Run r) steps.add("{run: " + r.ns() + "ns}");
            else if (op instanceof Op.Sleep s) steps.add("{sleep: " + s.ns() + "ns}");
            else if (op instanceof Op.Lock l) steps.add("{lock: " + l.lock() + "}");
            else if (op instanceof Op.Unlock u) steps.add("{unlock: " + u.lock() + "}");
            else if (op instanceof Op.Mark m) steps.add("{mark: " + (m.begin() ? "begin " : "end ") + m.name() + "}");
            else if (op instanceof Op.Repeat rep)
                steps.add("{repeat: " + rep.count() + ", steps: " + programYaml(rep.steps()) + "}");
        }
        return "[" + String.join(", ", steps) + "]";
    }
}
