package pxlab.inversion;

import pxlab.trace.Hold;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.TraceThread;
import pxlab.trace.Wait;

/**
 * Decides what an owner did during one wait, without following chains: the best evidence available wins, in the
 * order of {@link Evidence}.
 *
 * <p>With CPU accounting the wait {@code W} (its part inside the owner's recorded hold, when there is one) splits
 * into the owner's CPU time {@code C}, run-queue time {@code R}, time blocked on its own lock waits {@code B}, and
 * the rest {@code S = W - C - R - B} (asleep or in I/O). Then
 * <pre>
 *   R ≥ W · PREEMPTED_PERMILLE / 1000          → owner-preempted
 *   otherwise the largest of B, C, S            → owner-blocked, owner-running, owner-sleeping (ties in that order)
 * </pre>
 * Without accounting only the owner's events are left: its waits ({@code B}), sleeps ({@code S}) and execution
 * samples. A sample says the owner was in Java code, running or preempted alike, so events can show running but
 * never preempted.
 */
final class OwnerClassifier {

    /**
     * Run-queue share of the wait, in thousandths, from which the owner counts as preempted. A quarter is well
     * above scheduler noise: an owner that runs throughout loses a few percent of the wait to wakeup latency and
     * ticks (about 6% in InversionIT's running scenario). And a quarter of the wait spent runnable but not running
     * is time proxy execution would hand back, even where the owner also ran for longer; on a machine busier than
     * its CPUs every owner queues like that, which is real preemption and is counted as such.
     */
    static final int PREEMPTED_PERMILLE = 250;

    /**
     * Share of the wait, in thousandths, that the owner's own waits or sleeps must cover to decide a class from
     * events alone, over execution samples. Half: then the other explanations together cover less than it does.
     */
    static final int EVENTS_COVER_PERMILLE = 500;

    /**
     * A class, its evidence and the split it rests on.
     *
     * @param waitClass The class, or {@code null}.
     * @param evidence  The evidence.
     * @param time      The split.
     */
    record Direct(WaitClass waitClass, Evidence evidence, OwnerTime time) {

        static final Direct UNKNOWN = new Direct(null, Evidence.NONE, OwnerTime.UNKNOWN);
    }

    OwnerClassifier() {
    }

    /**
     * Classifies a wait by what its owner did.
     *
     * @param w     The wait.
     * @param owner Its owner (the wait's own or one found from holds), or {@code null}.
     * @param hold  The owner's hold of the lock that overlaps the wait most, or {@code null}.
     * @param ownerWaits A cursor over the owner's timeline in the trace (the caller keeps one per thread for a pass
     *              in time order); {@code null} when {@code owner} is.
     * @return The class and its basis; {@link Direct#UNKNOWN} for an empty wait, or without an owner and charges.
     */
    Direct classify(Wait w, TraceThread owner, Hold hold, ThreadTimeline.Cursor ownerWaits) {
        if (w.durationNs() <= 0) return Direct.UNKNOWN;
        if (owner == null) return anonymousOwner(w);
        // The owner answers for the part of the wait it held the lock, when that is known: the probe reads the
        // owner's schedstat a little after the wait begins, and after the release the waiter still has to wake up
        // (on a busy machine, for hundreds of milliseconds). Counting those as "owner off CPU" would call a running
        // owner sleeping.
        long fromNs = hold == null ? w.startNs() : Math.max(w.startNs(), hold.startNs());
        long toNs = hold == null ? w.endNs() : Math.min(w.endNs(), hold.endNs());
        long windowNs = toNs - fromNs;
        long blockedNs = ownerWaits.waitNsIn(fromNs, toNs);
        // The wait's charges describe the owner it names; an owner found from holds has only its hold's.
        if (w.hasOwnerCharges() && owner.equals(w.owner())) {
            long cpuNs = Math.min(w.ownerCpuNs(), windowNs);
            long rqNs = Math.min(w.ownerRunqueueNs(), windowNs);
            return fromCharges(windowNs, cpuNs, rqNs, blockedNs, Evidence.OWNER_CHARGES);
        }
        if (hold != null && hold.hasHolderCharges() && hold.durationNs() > 0) {
            // The hold's shares stand in for the window's: scale them to its length.
            long cpuNs = windowNs * permille(hold.holderCpuNs(), hold.durationNs()) / 1000;
            long rqNs = windowNs * permille(hold.holderRunqueueNs(), hold.durationNs()) / 1000;
            return fromCharges(windowNs, cpuNs, rqNs, blockedNs, Evidence.HOLD_CHARGES);
        }
        return fromEvents(w, ownerWaits.timeline(), blockedNs);
    }

    /**
     * Classifies a wait whose owner the agent measured but the recording does not name (JDK 17 writes a thread that
     * ended before its chunk was written as null). CPU and run-queue time still say running or preempted; time off
     * CPU could be a sleep or a wait for another lock, which only the owner's own events could tell apart.
     */
    private static Direct anonymousOwner(Wait w) {
        if (!w.hasOwnerCharges()) return Direct.UNKNOWN;
        long waitNs = w.durationNs();
        Direct d = fromCharges(waitNs, Math.min(w.ownerCpuNs(), waitNs), Math.min(w.ownerRunqueueNs(), waitNs), 0,
                Evidence.OWNER_CHARGES);
        return d.waitClass() == WaitClass.OWNER_SLEEPING ? new Direct(null, Evidence.NONE, d.time()) : d;
    }

    /** Applies the rule in the class comment to a window of {@code waitNs} split by measured charges. */
    private static Direct fromCharges(long waitNs, long cpuNs, long rqNs, long blockedNs, Evidence evidence) {
        long offNs = Math.max(0, waitNs - cpuNs - rqNs - blockedNs);
        OwnerTime time = new OwnerTime(waitNs, cpuNs, rqNs, blockedNs, offNs, 0);
        if (permille(rqNs, waitNs) >= PREEMPTED_PERMILLE) return new Direct(WaitClass.OWNER_PREEMPTED, evidence, time);
        WaitClass c;
        if (blockedNs >= cpuNs && blockedNs >= offNs && blockedNs > 0) c = WaitClass.OWNER_BLOCKED;
        else if (cpuNs >= offNs) c = WaitClass.OWNER_RUNNING;
        else c = WaitClass.OWNER_SLEEPING;
        return new Direct(c, evidence, time);
    }

    private static Direct fromEvents(Wait w, ThreadTimeline t, long blockedNs) {
        long waitNs = w.durationNs();
        long sleepNs = t.sleepNsIn(w.startNs(), w.endNs());
        int samples = t.samplesIn(w.startNs(), w.endNs());
        OwnerTime time = new OwnerTime(waitNs, -1, -1, blockedNs, sleepNs, samples);
        WaitClass offCpu = blockedNs >= sleepNs ? WaitClass.OWNER_BLOCKED : WaitClass.OWNER_SLEEPING;
        long covered = Math.max(blockedNs, sleepNs);
        if (permille(covered, waitNs) >= EVENTS_COVER_PERMILLE) return new Direct(offCpu, Evidence.OWNER_EVENTS, time);
        if (samples > 0) return new Direct(WaitClass.OWNER_RUNNING, Evidence.OWNER_EVENTS, time);
        if (covered > 0) return new Direct(offCpu, Evidence.OWNER_EVENTS, time);
        return new Direct(null, Evidence.NONE, time);
    }

    /** Returns {@code part / whole} in thousandths, at most 1000; exact while {@code whole} is under 100 days. */
    static long permille(long part, long whole) {
        if (whole <= 0 || part <= 0) return 0;
        if (part >= whole) return 1000;
        return part * 1000 / whole;
    }
}
