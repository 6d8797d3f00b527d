package pxlab.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import pxlab.sim.Op;
import pxlab.trace.Hold;
import pxlab.trace.Request;
import pxlab.trace.Sleep;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.TraceLock;
import pxlab.trace.Wait;

/**
 * Turns one thread's part of a recording window into a program for the model (docs/replay.md).
 *
 * <p>What the recording pins down becomes an action at its recorded time: a contended acquisition (the thread
 * asks for the lock where its wait began; how long it waits is the model's to decide), the release that ended a
 * contended hold, request boundaries. Between actions the thread sleeps its recorded sleeps and computes the CPU
 * time it got; its run-queue time is the model's to reproduce, or under proxy execution to remove. Inside a hold
 * the holder computes the CPU time it got during the hold, the work the release waited for. A thread that hardly
 * slept (a CPU hog) asks for all the CPU, so the replay keeps the pressure that preempted the owners. Outside its
 * holds and requests a thread keeps to its recorded timeline ({@link Op.SleepUntil}): its lock attempts and
 * requests come when they came. The time a recorded wait lasted is not replayed: the thread resumes its program
 * when the model grants it the lock.
 *
 * <p>A recorded hold the thread took without waiting began before its first waiter asked; when is not recorded.
 * It is taken a little before the first wait it caused ({@link #takeLeadNs}), and never before the thread's
 * earlier actions (its previous hold's release among them) are done.
 *
 * <p><b>Note</b>: holds nobody waited for are not recorded, so an acquisition that ended a wait is released at once
 * unless a recorded hold of the same thread and lock follows it.
 */
final class ThreadProgram {

    /** The request name that times each replayed contended acquisition; not a request of the application. */
    static final String WAIT_MARK = "pxlab:lock-wait";
    /** The request name that times each take of a hold the recording shows no wait for; not counted as waiting. */
    static final String TAKE_MARK = "pxlab:take";
    /** Computing and sleeping are interleaved in pieces this long, so a thread's load is spread, not lumped. */
    static final long PIECE_NS = 10_000_000;
    /** A hold counts as the one that followed a wait when it began within this long after the wait ended. */
    private static final long HOLD_MATCH_NS = 50_000_000;
    /**
     * The most a hold taken without waiting is taken before the first wait it caused. The acquisitions nobody waited
     * for are not in any program, so holding longer keeps out only waiters that really were kept out.
     */
    static final long MAX_TAKE_LEAD_NS = 250_000_000;
    /** The lead in multiples of the holder's recorded wait for a CPU per wakeup: room for a wait longer than usual. */
    private static final int LEAD_PER_WAKEUP_WAIT = 4;
    /** The least: the holder is awake when its waiter asks, even when it was never waiting for a CPU. */
    private static final long MIN_TAKE_LEAD_NS = 1_000_000;
    /**
     * How long before its first waiter asks a holder that took the lock early wakes: a waiter that finds the owner
     * asleep cannot proxy it (mainline proxy execution then dequeues the waiter until the release).
     */
    private static final long WAKE_AHEAD_NS = 1_000_000;
    /** Below this share of a hold neither on a CPU nor waiting for one, the holder did not sleep. */
    private static final double HOLD_SLEEP_NOISE_SHARE = 0.05;
    /** Below this share of a gap asleep, a thread wanted the CPU all along: the recording shows only what it got. */
    private static final double CPU_BOUND_SLEEP_SHARE = 0.02;

    /** What an action does; releases sort before acquisitions at the same instant. TAKE: a hold taken unwaited. */
    private enum Kind { UNLOCK, MARK_END, MARK_BEGIN, LOCK, TAKE }

    /** One thing the thread did at a recorded time; {@code resumeNs} is where the filler goes on after it. */
    private record Action(long timeNs, Kind kind, String name, long resumeNs, Hold hold) {
    }

    private final ThreadTimeline thread;
    private final long fromNs;
    private final long toNs;
    private final Map<TraceLock, String> lockNames;
    private final CpuShare share;
    private final List<Wait> caused;
    private boolean startsHolding;

    /**
     * @param thread    The thread.
     * @param fromNs    The window's start.
     * @param toNs      The window's end.
     * @param lockNames The model's name of each lock.
     * @param share     The thread's CPU and run-queue time in the window.
     * @param caused    Other threads' waits in which this thread was the owner, in any order.
     */
    ThreadProgram(ThreadTimeline thread, long fromNs, long toNs, Map<TraceLock, String> lockNames, CpuShare share,
                  List<Wait> caused) {
        this.thread = thread;
        this.fromNs = fromNs;
        this.toNs = toNs;
        this.lockNames = lockNames;
        this.share = share;
        this.caused = caused;
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
        int requestsOpen = 0;
        for (Action a : actions) {
            Hold inner = open.isEmpty() ? null : open.get(open.size() - 1);
            if (inner != null && cursor < inner.startNs()) {
                // Taken ahead of its recorded start: the holder waits with the lock until just before the first
                // waiter it kept out asks, then works at the hold's rates. Awake by then, it can be proxied.
                long work = Math.max(cursor, Math.min(a.timeNs(), firstCausedWait(inner) - WAKE_AHEAD_NS));
                if (work > cursor) ops.add(new Op.SleepUntil(work - fromNs));
                cursor = work;
            }
            boolean free = inner == null && requestsOpen == 0;
            fill(ops, cursor, a.timeNs(), inner == null ? gap : holdRates(inner), free);
            if (free && a.kind() != Kind.UNLOCK && a.kind() != Kind.MARK_END) {
                ops.add(new Op.SleepUntil(a.timeNs() - fromNs));   // a free thread never acts before its time
            }
            switch (a.kind()) {
                case LOCK -> {
                    ops.add(new Op.Mark(true, WAIT_MARK));
                    ops.add(new Op.Lock(a.name()));
                    ops.add(new Op.Mark(false, WAIT_MARK));
                    if (a.hold() != null) open.add(a.hold());
                }
                case TAKE -> {
                    // Timed apart from lock waits: the recording has no wait here to set it against.
                    ops.add(new Op.Mark(true, TAKE_MARK));
                    ops.add(new Op.Lock(a.name()));
                    ops.add(new Op.Mark(false, TAKE_MARK));
                    open.add(a.hold());
                }
                case UNLOCK -> {
                    ops.add(new Op.Unlock(a.name()));
                    open.removeIf(h -> lockNames.get(h.lock()).equals(a.name()));
                }
                case MARK_BEGIN -> {
                    ops.add(new Op.Mark(true, a.name()));
                    requestsOpen++;
                }
                case MARK_END -> {
                    ops.add(new Op.Mark(false, a.name()));
                    requestsOpen = Math.max(0, requestsOpen - 1);
                }
            }
            cursor = Math.max(cursor, a.resumeNs());
        }
        fill(ops, cursor, lifeEnd(), gap, open.isEmpty() && requestsOpen == 0);
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
        long first = Math.max(fromNs, thread.startNs());
        List<Action> placed = new ArrayList<>(out);
        unmatched.sort(Comparator.comparingLong(Hold::startNs));
        long lead = takeLeadNs(unmatched);
        for (Hold h : unmatched) {
            // Taken without a wait, before its first waiter asked. Not before the thread's earlier actions are done:
            // its previous hold of the lock included, or it would take the lock twice.
            String lock = lockNames.get(h.lock());
            long done = first;
            for (Action a : placed) {
                if (a.timeNs() < h.startNs()) done = Math.max(done, a.resumeNs());
            }
            long taken = Math.min(h.startNs(), Math.max(done, firstCausedWait(h) - lead));
            if (taken == first) startsHolding = true;
            long release = Math.min(h.endNs(), toNs);
            placed.add(new Action(taken, Kind.TAKE, lock, taken, h));
            placed.add(new Action(release, Kind.UNLOCK, lock, release, null));
        }
        out = placed;
        out.sort(Comparator.comparingLong(Action::timeNs).thenComparing(Action::kind));
        return out;
    }

    /**
     * How long before its first caused wait a hold is taken: a few times the thread's recorded wait for a CPU per
     * wakeup outside its holds, so that a holder the model starves as the kernel did still holds the lock when its
     * waiter asks, and one that got a CPU at once does not hold it through its sleeps (a releaser that took the lock
     * again at once would keep out the waiter its release woke).
     */
    private long takeLeadNs(List<Hold> holds) {
        long heldRq = 0;
        for (Hold h : holds) {
            if (h.hasHolderCharges()) heldRq += h.holderRunqueueNs();
        }
        long wakeups = thread.sleepsOverlapping(fromNs, toNs).size();
        if (wakeups == 0) return MAX_TAKE_LEAD_NS;   // how it slept is not recorded: assume the worst
        long perWakeup = Math.max(0, share.runqueueNs() - heldRq) / wakeups;
        return Math.max(MIN_TAKE_LEAD_NS, Math.min(MAX_TAKE_LEAD_NS, LEAD_PER_WAKEUP_WAIT * perWakeup));
    }

    /** The start of the earliest wait this hold caused, or the hold's start when none is recorded. */
    private long firstCausedWait(Hold h) {
        long earliest = h.startNs();
        for (Wait w : caused) {
            if (w.lock().equals(h.lock()) && w.startNs() < earliest && w.endNs() > h.startNs()) earliest = w.startNs();
        }
        return earliest;
    }

    private List<Hold> inWindow(List<Hold> holds) {
        return holds.stream().filter(h -> h.startNs() >= fromNs && h.startNs() < toNs).toList();
    }

    /**
     * The thread's CPU and sleep shares of its awake time outside its recorded waits, holds and sleeps: {cpu per
     * ns, sleep per ns}. Its run-queue time there is left for the model to reproduce, as inside a hold: replayed as
     * CPU demand it would ask a starved thread for work it never did. A thread that hardly slept wanted the CPU all
     * along and gets all it can.
     */
    private double[] gapRates(List<Action> actions) {
        long blockedNs = 0;
        long heldNs = 0;
        long heldCpuNs = 0;
        long heldRqNs = 0;
        long sleptNs = slept(fromNs, toNs);
        for (Action a : actions) {
            if (a.kind() != Kind.LOCK && a.kind() != Kind.TAKE) continue;
            blockedNs += a.resumeNs() - a.timeNs();
            if (a.hold() != null && a.hold().hasHolderCharges()) {
                heldNs += a.hold().durationNs();
                heldCpuNs += a.hold().holderCpuNs();
                heldRqNs += a.hold().holderRunqueueNs();
                sleptNs -= slept(a.hold().startNs(), a.hold().endNs());
            }
        }
        long awake = (lifeEnd() - Math.max(fromNs, thread.startNs())) - blockedNs - heldNs - Math.max(0, sleptNs);
        if (awake <= 0) return new double[] {0, 0};
        double cpu = clamp((double) (share.cpuNs() - heldCpuNs) / awake);
        double sleep = clamp(1 - cpu - clamp((double) (share.runqueueNs() - heldRqNs) / awake));
        if (sleptNs <= 0 && sleep < CPU_BOUND_SLEEP_SHARE) return new double[] {1, 0};
        return new double[] {cpu, sleep};
    }

    /**
     * Inside a hold the holder replays the CPU time it got, the work the release waited for, and its recorded
     * sleeps; of the rest, its run-queue time is left for the model to reproduce (or, under proxy, to remove) and
     * what remains it sleeps.
     */
    private double[] holdRates(Hold h) {
        long awake = h.durationNs() - slept(h.startNs(), h.endNs());
        if (!h.hasHolderCharges() || awake <= 0) return new double[] {1, 0};   // unknown: busy, the usual
        double cpu = clamp((double) h.holderCpuNs() / awake);
        double rq = clamp((double) h.holderRunqueueNs() / awake);
        double sleep = clamp(1 - cpu - rq);
        // A few percent off both is the holder's schedstat read a moment apart from the hold's ends, not a sleep;
        // replayed as sleeps it would make the owner briefly asleep, and mainline's proxy would dequeue its donors.
        return new double[] {cpu, sleep < HOLD_SLEEP_NOISE_SHARE ? 0 : sleep};
    }

    /** Where the thread's part of the window ends: the window's end, or the thread's if earlier. */
    private long lifeEnd() {
        return thread.endNs() == Wait.UNKNOWN ? toNs : Math.min(toNs, thread.endNs());
    }

    /** How long the thread's recorded sleeps cover of {@code [from, to)}. */
    private long slept(long from, long to) {
        return thread.sleepNsIn(from, to);
    }

    /**
     * Fills {@code [from, to)}: the thread's recorded sleeps there as sleeps, and the time between them computing
     * and sleeping at the given rates, in pieces of {@link #PIECE_NS}.
     *
     * <p>Where the thread is free (outside its holds and requests) its sleeps end at their recorded times: a thread
     * the model ran late catches up there, and one it ran early waits, so its next lock attempt or request comes
     * when it came in the recording. Inside a hold or a request the steps keep their lengths instead: how long they
     * take is what the policies change.
     */
    private void fill(List<Op> ops, long from, long to, double[] rates, boolean free) {
        long t = from;
        for (Sleep z : thread.sleepsOverlapping(from, to)) {
            if (z.endNs() <= t) continue;
            long sleepFrom = Math.max(t, z.startNs());
            long sleepTo = Math.min(to, z.endNs());
            spread(ops, t, sleepFrom, rates, free);
            ops.add(free ? new Op.SleepUntil(sleepTo - fromNs) : new Op.Sleep(sleepTo - sleepFrom));
            t = sleepTo;
        }
        spread(ops, t, to, rates, free);
    }

    /** Computes and sleeps over {@code [from, to)} at the given rates, in pieces of {@link #PIECE_NS}. */
    private void spread(List<Op> ops, long from, long to, double[] rates, boolean free) {
        for (long t = from; t < to; t += PIECE_NS) {
            long piece = Math.min(PIECE_NS, to - t);
            long run = Math.round(piece * rates[0]);
            long sleep = Math.round(piece * rates[1]);
            if (run > 0) ops.add(new Op.Run(run));
            if (free && sleep > 0) ops.add(new Op.SleepUntil(t + run + sleep - fromNs));
            else if (sleep > 0) ops.add(new Op.Sleep(sleep));
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
