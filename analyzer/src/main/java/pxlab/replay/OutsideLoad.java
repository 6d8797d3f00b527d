package pxlab.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import pxlab.sim.CpuMask;
import pxlab.sim.Op;
import pxlab.sim.TaskSpec;
import pxlab.trace.CpuSample;
import pxlab.trace.SchedAttributes;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.Wait;

/**
 * The CPU that processes outside the recorded JVM took from it, inferred from the JVM's own accounting, and the
 * tasks that replay it.
 *
 * <p>The agent samples every thread's CPU time and run-queue wait each period. Between two samples the JVM's threads
 * together used {@code U} CPUs and waited for one {@code R} CPUs' worth. A JVM that had runnable threads waiting
 * ({@code R > 0}) while it used fewer than the {@code C} CPUs those threads may run on did not get the rest: something
 * outside it did. That share, {@code min(C − U, R)}, is what the outside took, and the replay gives it back to
 * outside tasks, spread over the interval in pieces, so the recorded threads meet the contention they met. Without it
 * a recording made on a busy machine replays on an idle one: its low-priority owners get the CPU at once and the
 * waits behind them shrink.
 *
 * <p><b>Note</b>: only the outside's consumption is known, not how many tasks made it or their weights, so the
 * outside is replayed as one nice-0 task per CPU, each asking for its part of the measured share. The policies all
 * meet the same outside demand. The inference needs the agent's run-queue accounting ({@code pxlab.ThreadCpu});
 * without it nothing is inferred.
 */
final class OutsideLoad {

    /** Outside demand is given in pieces this long: a busy neighbour comes and goes, it is not one lump a second. */
    private static final long PIECE_NS = 10_000_000;
    /** Run-queue wait below this share of one CPU is scheduler noise, not a JVM kept off the CPU by anyone. */
    private static final double WAITING_CPUS = 0.05;
    /** Outside consumption below this share of one CPU is not replayed. */
    private static final double MIN_OUTSIDE_CPUS = 0.05;

    /** One interval between two sampling rounds, and the CPUs the outside took in it. */
    record Interval(long fromNs, long toNs, double outsideCpus) {
    }

    /**
     * The outside load over a window.
     *
     * @param busy      The intervals in which the outside took CPUs, in time order.
     * @param intervals How many sampling intervals the window spans.
     */
    record Load(List<Interval> busy, int intervals) {
    }

    private OutsideLoad() {
    }

    /**
     * Infers the outside's share of the CPUs in each sampling interval of a window.
     *
     * @param trace  The recording.
     * @param fromNs The window's start.
     * @param toNs   Its end.
     * @param cpus   The CPUs replayed.
     * @return The intervals with outside load; none when the JVM got every CPU it waited for.
     */
    static Load of(Trace trace, long fromNs, long toNs, int cpus) {
        // A sampling round reads every thread one after another: its samples lie within milliseconds of each other.
        TreeSet<Long> times = new TreeSet<>();
        for (ThreadTimeline t : trace.threads()) {
            for (CpuSample s : t.cpu()) if (s.runqueueNs() != Wait.UNKNOWN) times.add(s.timeNs());
        }
        List<Long> rounds = new ArrayList<>();
        long last = 0;
        for (long at : times) {
            if (rounds.isEmpty() || at - last > ROUND_GAP_NS) rounds.add(at);
            last = at;
        }
        List<Interval> out = new ArrayList<>();
        int spanned = 0;
        for (int k = 0; k + 1 < rounds.size(); k++) {
            long a = rounds.get(k);
            long b = rounds.get(k + 1);
            if (b <= fromNs || a >= toNs) continue;
            spanned++;
            Interval i = interval(trace, a, b, cpus);
            if (i.outsideCpus() >= MIN_OUTSIDE_CPUS) out.add(i);
        }
        return new Load(out, spanned);
    }

    /** Samples further apart than this belong to different rounds (the agent samples once a period, 1 s by default). */
    private static final long ROUND_GAP_NS = 100_000_000;

    /**
     * The JVM's use and waiting between two rounds, summed over the threads sampled in both, each over its own two
     * samples' span and scaled to the rounds'.
     */
    private static Interval interval(Trace trace, long fromNs, long toNs, int cpus) {
        double used = 0;
        double waiting = 0;
        // The CPUs the waiting threads could use: a JVM pinned to one CPU waits for it with the other one idle.
        boolean[] usable = new boolean[cpus];
        for (ThreadTimeline t : trace.threads()) {
            CpuSample a = near(t, fromNs);
            CpuSample b = near(t, toNs);
            if (a == null || b == null || b.timeNs() <= a.timeNs()) continue;
            double span = b.timeNs() - a.timeNs();
            used += Math.max(0, b.cpuNs() - a.cpuNs()) / span;
            long waitedNs = b.runqueueNs() - a.runqueueNs();
            if (waitedNs <= 0) continue;
            waiting += waitedNs / span;
            SchedAttributes sched = t.schedAt(fromNs);
            CpuMask mask = sched == null ? null : Replay.affinity(sched.affinity(), cpus);
            for (int c = 0; c < cpus; c++) usable[c] |= mask == null || mask.contains(c);
        }
        int available = 0;
        for (boolean u : usable) if (u) available++;
        double outside = waiting < WAITING_CPUS ? 0 : Math.max(0, Math.min(available - used, waiting));
        return new Interval(fromNs, toNs, outside);
    }

    /** A thread's sample in the round that begins at a time, or {@code null}. */
    private static CpuSample near(ThreadTimeline t, long roundNs) {
        for (CpuSample s : t.cpu()) {
            if (s.timeNs() >= roundNs && s.timeNs() - roundNs <= ROUND_GAP_NS && s.runqueueNs() != Wait.UNKNOWN) {
                return s;
            }
        }
        return null;
    }

    /**
     * Returns the tasks that replay the outside load: one per CPU, each asking in every piece of an interval for its
     * part of the outside's share, then sleeping to the piece's end.
     *
     * @param load      The load, from {@link #of}.
     * @param fromNs    The window's start: program times are relative to it.
     * @param toNs      Its end.
     * @param cpus      The CPUs replayed.
     * @return The tasks, named {@code (outside N)}; empty without load.
     */
    static List<TaskSpec> tasks(Load load, long fromNs, long toNs, int cpus) {
        List<Interval> intervals = load.busy();
        if (intervals.isEmpty()) return List.of();
        List<TaskSpec> out = new ArrayList<>();
        for (int n = 0; n < cpus; n++) {
            List<Op> program = new ArrayList<>();
            for (Interval i : intervals) {
                double share = i.outsideCpus() / cpus;
                for (long t = Math.max(i.fromNs(), fromNs); t < Math.min(i.toNs(), toNs); t += PIECE_NS) {
                    long end = Math.min(t + PIECE_NS, Math.min(i.toNs(), toNs));
                    long run = (long) (share * (end - t));
                    if (run <= 0) continue;
                    program.add(new Op.SleepUntil(t - fromNs));
                    program.add(new Op.Run(run));
                }
            }
            if (!program.isEmpty()) out.add(TaskSpec.fair(NAME_PREFIX + n + ")", program));
        }
        return out;
    }

    /**
     * Says in one sentence what outside load the replay added, for the report's limitations.
     *
     * @param load The load, from {@link #of}; with busy intervals.
     * @return The sentence.
     */
    static String describe(Load load) {
        List<Interval> intervals = load.busy();
        int rounds = load.intervals();
        double sum = 0;
        for (Interval i : intervals) sum += i.outsideCpus();
        return String.format(java.util.Locale.ROOT, "The JVM's threads waited for CPUs it did not use: other processes"
                + " took %.2f CPUs on average in %d of %d sampling intervals. The replay adds that load as outside"
                + " tasks, one per CPU (docs/replay.md).", sum / intervals.size(), intervals.size(), rounds);
    }

    /** The outside tasks' names begin so; no Java thread name does (it needs the parenthesis first). */
    static final String NAME_PREFIX = "(outside ";
}
