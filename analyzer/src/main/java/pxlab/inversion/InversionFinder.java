package pxlab.inversion;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import pxlab.inversion.OwnerClassifier.Direct;
import pxlab.trace.SchedAttributes;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.TraceLock;
import pxlab.trace.TraceThread;
import pxlab.trace.Wait;

/**
 * Classifies every wait of a trace by what its owner did meanwhile (DESIGN §4), decides which waits are priority
 * inversions and which proxy execution would have shortened, and groups them by lock, by waiter/owner pair and by
 * stack. Stateless to callers: {@link #find(Trace)} is the whole API.
 *
 * <p>For one wait, in order:
 * <ol>
 *   <li>the owner: the wait's own; else, for a pxlab wait, the one thread whose {@code pxlab.LockHold} of the same
 *       lock overlaps the wait;</li>
 *   <li>the direct class ({@link OwnerClassifier}): from the owner's measured CPU and run-queue time, else its
 *       hold's, else its other events;</li>
 *   <li>for owner-blocked, the chain: owner → the owner's overlapping wait → its owner → … within the time all
 *       the waits share, until an owner that was not blocked (mirrors proxy execution's walk in
 *       {@code find_proxy_task()}: blocked_on → lock owner → …); the chain is resolvable when it ends in a
 *       preempted owner;</li>
 *   <li>the waiter's and owner's scheduling contexts, from the {@code pxlab.ThreadSched} reading in force when
 *       the wait ended.</li>
 * </ol>
 */
public final class InversionFinder {

    /**
     * Longest chain followed. Real chains are two or three deep; a bound keeps a damaged trace (ids that collide)
     * from walking forever, and a chain this long is reported as ending in an unknown owner.
     */
    static final int MAX_CHAIN = 16;

    /**
     * How long after a wait's end a {@code pxlab.ThreadSched} reading still describes the wait. The agent reads a
     * thread's attributes right after the wait that revealed it ends, microseconds later; 10 ms is generous for
     * that and still far below the agent's one-second re-check of a thread.
     */
    public static final long SCHED_LOOKAHEAD_NS = 10_000_000;

    private final Trace trace;
    private final HoldIndex holds;
    private final OwnerClassifier classifier;
    /**
     * The direct classes of the waits chains pass through, by wait: chains of neighbouring waits run through the
     * same waits. Only those: remembering every wait's cost more (an identity hash and two misses in a table of
     * a million) than classifying a chain's wait a second time on its own turn.
     */
    private final Map<Wait, Direct> chainDirect = new IdentityHashMap<>();
    /** One context per scheduling reading, shared by the waits it describes rather than one per wait. */
    private final Map<SchedAttributes, SchedContext> contexts = new IdentityHashMap<>();
    private final Map<TraceThread, ThreadTimeline> timelines = new IdentityHashMap<>();

    private InversionFinder(Trace trace) {
        this.trace = trace;
        this.holds = new HoldIndex(trace.holds());
        this.classifier = new OwnerClassifier(trace, holds);
    }

    /**
     * Classifies and groups every wait of a trace.
     *
     * @param trace The trace.
     * @return What was found; empty lists (and the trace's limitations) for a trace without waits.
     */
    public static Inversions find(Trace trace) {
        return new InversionFinder(trace).run();
    }

    /**
     * Classifies every wait of a trace, in the trace's order, and hands each to a consumer as soon as it is
     * classified; nothing is grouped or kept. For callers that sum waits and keep few of them: a classified wait then
     * lives no longer than the consumer keeps it.
     *
     * @param trace The trace.
     * @param each  Receives each wait, classified.
     */
    public static void classifyEach(Trace trace, Consumer<ClassifiedWait> each) {
        InversionFinder finder = new InversionFinder(trace);
        for (Wait w : trace.waits()) each.accept(finder.classify(w));
    }

    private Inversions run() {
        List<ClassifiedWait> all = new ArrayList<>(trace.waits().size());
        Grouping<TraceLock> byLock = new Grouping<>(TraceLock::name);
        Grouping<Pair> byPair = new Grouping<>(Pair::key);
        Grouping<List<String>> byStack = new Grouping<>(InversionFinder::stackKey);
        for (Wait w : trace.waits()) {
            ClassifiedWait c = classify(w);
            all.add(c);
            // Grouped now, while the wait is at hand, rather than in three more passes over a million of them.
            byLock.add(w.lock(), c);
            byPair.add(new Pair(w.waiter(), c.owner()), c);
            byStack.add(w.stack(), c);
        }
        return new Inversions(all, byLock.groups(), byPair.groups(), byStack.groups(),
                FinderLimitations.of(trace, all));
    }

    private ClassifiedWait classify(Wait w) {
        TraceThread owner = ownerOf(w);
        Direct d = classifier.classify(w, owner);
        List<Wait> chain = List.of();
        WaitClass chainEnd = null;
        boolean deadlock = false;
        if (d.waitClass() == WaitClass.OWNER_BLOCKED) {
            Chain c = follow(w, owner);
            chain = c.waits;
            chainEnd = c.end;
            deadlock = c.deadlock;
        }
        return new ClassifiedWait(w, owner, owner != null && w.owner() == null, d.waitClass(), d.evidence(),
                d.time(), contextAt(w.waiter(), w), owner == null ? null : contextAt(owner, w), chain, chainEnd,
                deadlock);
    }

    /** The wait's owner; for a pxlab wait without one, the sole holder of the lock during the wait. */
    private TraceThread ownerOf(Wait w) {
        if (w.owner() != null) return w.owner();
        if (w.source() != Wait.Source.PXLAB || w.kind().shared()) return null;
        return holds.soleHolder(w.lock(), w.startNs(), w.endNs(), w.waiter());
    }

    private Direct chainDirectOf(Wait w, TraceThread owner) {
        Direct d = chainDirect.get(w);   // not computeIfAbsent: its capturing lambda is an allocation per call
        if (d == null) {
            d = classifier.classify(w, owner);
            chainDirect.put(w, d);
        }
        return d;
    }

    /** One walk's result; the finder's one instance, reused by every walk (its waits are copied, not kept). */
    private static final class Chain {
        final List<Wait> waits = new ArrayList<>(MAX_CHAIN);
        WaitClass end;
        boolean deadlock;
    }

    private final Chain chain = new Chain();
    /**
     * The threads a walk met so far, reused by every walk: at most {@code MAX_CHAIN + 1}, so a scan of a small
     * array beats a hash set, which allocated and grew a table for every wait of a chain-heavy trace.
     */
    private final TraceThread[] seen = new TraceThread[MAX_CHAIN + 1];

    /**
     * Follows a blocked owner's waits: waiter → lock → owner → the owner's wait → its owner → ….
     * Each step takes the owner's wait that overlaps most of the window all earlier waits share.
     *
     * @return The chain, with what its last owner did, or a cycle.
     */
    private Chain follow(Wait first, TraceThread firstOwner) {
        Chain chain = this.chain;
        chain.waits.clear();
        chain.end = null;
        chain.deadlock = false;
        int seenCount = 0;
        seen[seenCount++] = first.waiter();
        long fromNs = first.startNs();
        long toNs = first.endNs();
        TraceThread owner = firstOwner;
        while (owner != null && chain.waits.size() < MAX_CHAIN) {
            if (contains(seen, seenCount, owner)) {
                chain.deadlock = true;
                return chain;
            }
            seen[seenCount++] = owner;
            Wait next = longestOverlap(owner, fromNs, toNs);
            if (next == null) return chain;
            chain.waits.add(next);
            TraceThread nextOwner = ownerOf(next);
            Direct d = chainDirectOf(next, nextOwner);
            if (d.waitClass() != WaitClass.OWNER_BLOCKED) {
                chain.end = d.waitClass();
                return chain;
            }
            fromNs = Math.max(fromNs, next.startNs());
            toNs = Math.min(toNs, next.endNs());
            owner = nextOwner;
        }
        return chain;
    }

    private static boolean contains(TraceThread[] threads, int count, TraceThread t) {
        for (int i = 0; i < count; i++) {
            if (t.equals(threads[i])) return true;
        }
        return false;
    }

    private Wait longestOverlap(TraceThread thread, long fromNs, long toNs) {
        return timeline(thread).longestWaitOverlapping(fromNs, toNs);
    }

    /** The trace's timeline of a thread, remembered by the thread object (the trace's own, one per thread). */
    private ThreadTimeline timeline(TraceThread thread) {
        ThreadTimeline t = timelines.get(thread);
        if (t == null) {
            t = trace.timeline(thread);
            timelines.put(thread, t);
        }
        return t;
    }

    private SchedContext contextAt(TraceThread thread, Wait w) {
        SchedAttributes a = timeline(thread).schedAt(w.endNs() + SCHED_LOOKAHEAD_NS);
        return a == null ? null : contexts.computeIfAbsent(a, SchedContext::of);
    }

    /** A waiter and the owner it waited behind ({@code null} when unknown): what {@link Inversions#byPair()} keys. */
    private record Pair(TraceThread waiter, TraceThread owner) {

        String key() {
            return waiter.name() + " -> " + (owner == null ? "?" : owner.name());
        }
    }

    private static String stackKey(List<String> stack) {
        return stack.isEmpty() ? "(no stack)" : String.join(" < ", stack);
    }
}
