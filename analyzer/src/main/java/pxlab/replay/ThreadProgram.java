package pxlab.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import pxlab.sim.Op;
import pxlab.trace.Hold;
import pxlab.trace.Request;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.TraceLock;
import pxlab.trace.Wait;

/**
 * Turns one thread's part of a recording window into a program for the model.
 *
 * <p>What the recording pins down becomes an action at its recorded time: a contended acquisition (the thread
 * asks for the lock where its wait began; how long it waits is the model's to decide), the release that ended a
 * contended hold, request boundaries. Between actions the thread computes and sleeps in the proportions the
 * recording measured. Inside a hold the holder computes for the CPU time it got during the hold (the work the
 * release waited for) and sleeps what it slept; its run-queue time there is for the model to reproduce, or under
 * proxy execution to remove. Elsewhere the thread is runnable for as long as it was runnable in the recording (CPU
 * plus run-queue time), so the replay keeps the pressure that preempted the owners. The time a recorded wait
 * lasted is not replayed: the thread resumes its program when the model grants it the lock.
 *
 * <p><b>Note</b>: holds nobody waited for are not recorded, so an acquisition that ended a wait is released at once
 * unless a recorded hold of the same thread and lock follows it.
 */
final class ThreadProgram {

    /** The request name that times each replayed contended acquisition; not a request of the application. */
    static final String WAIT_MARK = "pxlab:lock-wait";
    /** Computing and sleeping are interleaved in pieces this long, so a thread's load is spread, not lumped. */
    static final long PIECE_NS = 10_000_000;
    /** A hold counts as the one that followed a wait when it began within this long after the wait ended. */
    private static final long HOLD_MATCH_NS = 50_000_000;

    private enum Kind { UNLOCK, MARK_END, MARK_BEGIN, LOCK }

    /** One thing the thread did at a recorded time; {@code resumeNs} is where the filler goes on after it. */
    private record Action(long timeNs, Kind kind, String name, long resumeNs, Hold hold) {
    }

    private final ThreadTimeline thread;
    private final long fromNs;
    private final long toNs;
    private final Map<TraceLock, String> lockNames;
    private final CpuShare share;
    private boolean startsHolding;

    ThreadProgram(ThreadTimeline thread, long fromNs, long toNs, Map<TraceLock, String> lockNames, CpuShare share) {
        this.thread = thread;
        this.fromNs = fromNs;
        this.toNs = toNs;
        this.lockNames = lockNames;
        this.share = share;
    }

    /**
     * Tells whether the thread held a lock when the window (or the thread) began: its program starts by taking it.
     * Valid after {@link #build}.
     *
     * @return {@code true} when the first step takes a lock the thread already held.
     */
    boolean startsHolding() {
        return startsHolding;
    }

    /**
     * Builds the program.
     *
     * @param requests The thread's requests in the window.
     * @return The steps, starting at the window's start (or the thread's, if later).
     */
    List<Op> build(List<Request> requests) {
        List<Action> actions = actions(requests);
        double[] gap = gapRates(actions);
        List<Op> ops = new ArrayList<>();
        long cursor = Math.max(fromNs, thread.startNs());
        List<Hold> open = new ArrayList<>();
        for (Action a : actions) {
            fill(ops, cursor, a.timeNs(), open.isEmpty() ? gap : holdRates(open.get(open.size() - 1)));
            switch (a.kind()) {
                case LOCK -> {
                    ops.add(new Op.Mark(true, WAIT_MARK));
                    ops.add(new Op.Lock(a.name()));
                    ops.add(new Op.Mark(false, WAIT_MARK));
                    if (a.hold() != null) open.add(a.hold());
                }
                case UNLOCK -> {
                    ops.add(new Op.Unlock(a.name()));
                    open.removeIf(h -> lockNames.get(h.lock()).equals(a.name()));
                }
                case MARK_BEGIN -> ops.add(new Op.Mark(true, a.name()));
                case MARK_END -> ops.add(new Op.Mark(false, a.name()));
            }
            cursor = Math.max(cursor, a.resumeNs());
        }
        long end = thread.endNs() == Wait.UNKNOWN ? toNs : Math.min(toNs, thread.endNs());
        fill(ops, cursor, end, gap);
        return ops;
    }

    /** The recorded actions in the window, in time order; releases before acquisitions at the same instant. */
    private List<Action> actions(List<Request> requests) {
        List<Action> out = new ArrayList<>();
        List<Hold> unmatched = new ArrayList<>(inWindow(thread.holds()));
        for (Wait w : thread.waits()) {
            if (w.startNs() < fromNs || w.startNs() >= toNs || !w.acquired()) continue;
            String lock = lockNames.get(w.lock());
            Hold after = unmatched.stream().filter(h -> h.lock().equals(w.lock()) && h.startNs() >= w.startNs()
                    && h.startNs() <= w.endNs() + HOLD_MATCH_NS).findFirst().orElse(null);
            unmatched.remove(after);
            out.add(new Action(w.startNs(), Kind.LOCK, lock, w.endNs(), after));
            long release = after == null ? w.endNs() : Math.min(after.endNs(), toNs);
            out.add(new Action(release, Kind.UNLOCK, lock, release, null));
        }
        for (Request r : requests) {
            if (r.startNs() < fromNs || r.endNs() > toNs) continue;
            out.add(new Action(r.startNs(), Kind.MARK_BEGIN, r.name(), r.startNs(), null));
            out.add(new Action(r.endNs(), Kind.MARK_END, r.name(), r.endNs(), null));
        }
        List<Action> recorded = List.copyOf(out);
        for (Hold h : unmatched) {
            // Taken without a wait, before anyone waited: when is unknown, so as early as the thread's recorded
            // actions allow. Taking it where the first waiter was seen would let that waiter win the lock.
            String lock = lockNames.get(h.lock());
            long taken = Math.max(fromNs, thread.startNs());
            for (Action a : recorded) {
                if (a.timeNs() < h.startNs()) taken = Math.max(taken, a.resumeNs());
            }
            taken = Math.min(taken, h.startNs());
            if (taken == Math.max(fromNs, thread.startNs())) startsHolding = true;
            out.add(new Action(taken, Kind.LOCK, lock, taken, h));
            out.add(new Action(Math.min(h.endNs(), toNs), Kind.UNLOCK, lock, Math.min(h.endNs(), toNs), null));
        }
        out.sort(Comparator.comparingLong(Action::timeNs).thenComparing(Action::kind));
        return out;
    }

    private List<Hold> inWindow(List<Hold> holds) {
        return holds.stream().filter(h -> h.startNs() >= fromNs && h.startNs() < toNs).toList();
    }

    /**
     * The thread's CPU and sleep shares outside its recorded waits and holds: {cpu per ns, sleep per ns}.
     */
    private double[] gapRates(List<Action> actions) {
        long blockedNs = 0;
        long heldNs = 0;
        long heldCpuNs = 0;
        long heldRqNs = 0;
        for (Action a : actions) {
            if (a.kind() != Kind.LOCK) continue;
            blockedNs += a.resumeNs() - a.timeNs();
            if (a.hold() != null && a.hold().hasHolderCharges()) {
                heldNs += a.hold().durationNs();
                heldCpuNs += a.hold().holderCpuNs();
                heldRqNs += a.hold().holderRunqueueNs();
            }
        }
        long wall = (toNs - fromNs) - blockedNs - heldNs;
        if (wall <= 0) return new double[] {0, 0};
        // Runnable time, not CPU time: a thread that waited for a CPU wanted it, and replaying only what it got
        // would take the pressure that preempted the owners out of the replay.
        double runnable = clamp((double) (share.cpuNs() + share.runqueueNs() - heldCpuNs - heldRqNs) / wall);
        return new double[] {runnable, 1 - runnable};
    }

    /**
     * Inside a hold the holder replays the CPU time it got, the work the release waited for, and sleeps what it
     * slept; its run-queue time is left for the model to reproduce (or, under proxy, to remove).
     */
    private static double[] holdRates(Hold h) {
        if (!h.hasHolderCharges() || h.durationNs() <= 0) return new double[] {1, 0};   // unknown: busy, the usual
        double cpu = clamp((double) h.holderCpuNs() / h.durationNs());
        double rq = clamp((double) h.holderRunqueueNs() / h.durationNs());
        return new double[] {cpu, clamp(1 - cpu - rq)};
    }

    /** Computes and sleeps over {@code [from, to)} at the given rates, in pieces of {@link #PIECE_NS}. */
    private static void fill(List<Op> ops, long from, long to, double[] rates) {
        for (long t = from; t < to; t += PIECE_NS) {
            long piece = Math.min(PIECE_NS, to - t);
            long run = Math.round(piece * rates[0]);
            long sleep = Math.round(piece * rates[1]);
            if (run > 0) ops.add(new Op.Run(run));
            if (sleep > 0) ops.add(new Op.Sleep(sleep));
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
