package pxlab.inversion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import pxlab.inversion.OwnerClassifier.Direct;
import pxlab.trace.SchedAttributes;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Hold;
import pxlab.trace.Trace;
import pxlab.trace.TraceLock;
import pxlab.trace.TraceThread;
import pxlab.trace.Wait;

/**
 * Classifies every wait of a trace by what its owner did meanwhile (DESIGN §4), decides which waits are priority
 * inversions and which proxy execution would have shortened, and groups them by lock, by waiter/owner pair and by
 * stack. Stateless to callers: {@link #find(Trace)}, or {@link #classify(Trace)} and later {@link #group} for a
 * caller that may not need the groups.
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
    /** One context per scheduling reading, shared by the waits it describes rather than one per wait. */
    private final Map<SchedAttributes, SchedContext> contexts = new IdentityHashMap<>();
    /** Each thread's part of the finder's work, by the thread object (the trace's own, one per thread). */
    private final Map<TraceThread, PerThread> threads = new IdentityHashMap<>();

    private InversionFinder(Trace trace) {
        this.trace = trace;
        this.holds = new HoldIndex(trace.holds());
        this.classifier = new OwnerClassifier();
    }

    /**
     * Classifies and groups every wait of a trace.
     *
     * @param trace The trace.
     * @return What was found; empty lists (and the trace's limitations) for a trace without waits.
     */
    public static Inversions find(Trace trace) {
        InversionFinder f = new InversionFinder(trace);
        Groups groups = new Groups();
        List<ClassifiedWait> all = f.classifyAll(groups, Long.MIN_VALUE);
        return groups.inversions(trace, all);
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
        new InversionFinder(trace).forEachClassified(Long.MIN_VALUE, each);
    }

    /**
     * Classifies every wait of a trace without grouping them: {@link #find}'s {@link Inversions#waits()}, for a
     * caller that shows no groups, or wants them later ({@link #group}).
     *
     * @param trace The trace.
     * @return Every wait classified, in {@link Wait#ORDER}; the same as {@code find(trace).waits()}.
     */
    public static List<ClassifiedWait> classify(Trace trace) {
        return classify(trace, Long.MIN_VALUE);
    }

    /**
     * Classifies the waits of a trace that last at least a minimum, for a caller that shows no others: each
     * exactly as {@link #find} classifies it. A wait's owner, class and chain depend on the other waits of the
     * trace, which are all still read; only the waits asked for are classified and followed.
     *
     * @param trace     The trace.
     * @param minWaitNs The shortest wait classified.
     * @return Those waits of {@code find(trace).waits()}, in the same order.
     */
    public static List<ClassifiedWait> classify(Trace trace, long minWaitNs) {
        return Collections.unmodifiableList(new InversionFinder(trace).classifyAll(null, minWaitNs));
    }

    /**
     * Groups waits {@link #classify} classified: {@code group(trace, classify(trace))} equals {@code find(trace)}.
     *
     * @param trace The trace.
     * @param waits Its waits as {@link #classify} returned them.
     * @return What was found.
     */
    public static Inversions group(Trace trace, List<ClassifiedWait> waits) {
        Groups groups = new Groups();
        for (ClassifiedWait c : waits) groups.add(c);
        return groups.inversions(trace, waits);
    }

    /** The three groupings of {@link Inversions}, filled wait by wait. */
    private static final class Groups {
        final Grouping<TraceLock> byLock = new Grouping<>(TraceLock::name);
        final Grouping<Pair> byPair = new Grouping<>(Pair::key);
        final Grouping<List<String>> byStack = new Grouping<>(InversionFinder::stackKey);

        void add(ClassifiedWait c) {
            Wait w = c.lockWait();
            byLock.add(w.lock(), c);
            byPair.add(new Pair(w.waiter(), c.owner()), c);
            byStack.add(w.stack(), c);
        }

        Inversions inversions(Trace trace, List<ClassifiedWait> all) {
            return new Inversions(all, byLock.groups(), byPair.groups(), byStack.groups(),
                    FinderLimitations.of(trace, all));
        }
    }

    /**
     * {@code groups}: where to group each wait as it is classified, or {@code null} for none; {@code minWaitNs}:
     * the shortest wait classified.
     */
    private List<ClassifiedWait> classifyAll(Groups groups, long minWaitNs) {
        List<ClassifiedWait> all = minWaitNs == Long.MIN_VALUE ? new ArrayList<>(trace.waits().size()) : new ArrayList<>();
        // Grouped now, while the wait is at hand, rather than in three more passes over a million of them.
        forEachClassified(minWaitNs, groups == null ? all::add : c -> {
            all.add(c);
            groups.add(c);
        });
        return all;
    }

    /** Classifies each wait at least {@code minWaitNs} long, in the trace's order, and hands it to {@code each}. */
    private void forEachClassified(long minWaitNs, Consumer<ClassifiedWait> each) {
        for (Wait w : trace.waits()) {
            PerThread waiter = perThread(w.waiter());
            // The trace's waits come in the order of each thread's own list, so the waiter's next index is this wait's.
            int k = waiter.passed++;
            if (w.durationNs() < minWaitNs) continue;
            each.accept(classify(w, waiter, k));
        }
    }

    /** Classifies {@code w}, wait {@code k} of its waiter's timeline when that is where it is. */
    private ClassifiedWait classify(Wait w, PerThread waiter, int k) {
        TraceThread owner = ownerOf(w);
        PerThread o = owner == null ? null : perThread(owner);
        Hold hold = ownerHold(w, owner);
        Direct d = classifier.classify(w, owner, hold, o == null ? null : o.cursor);
        if (k < waiter.waits.size() && waiter.waits.get(k) == w) waiter.remember(k, d.waitClass());
        List<Wait> chain = List.of();
        WaitClass chainEnd = null;
        boolean deadlock = false;
        if (d.waitClass() == WaitClass.OWNER_BLOCKED) {
            Chain c = follow(w, owner, o);
            chain = c.copy();
            chainEnd = c.end;
            deadlock = c.deadlock;
        }
        return new ClassifiedWait(w, owner, owner != null && w.owner() == null, hold, d.waitClass(), d.evidence(),
                d.time(), contextAt(waiter, w), o == null ? null : contextAt(o, w), chain, chainEnd, deadlock);
    }

    /** The owner's hold of the wait's lock that overlaps the wait most, or {@code null}. */
    private Hold ownerHold(Wait w, TraceThread owner) {
        return owner == null ? null : holds.longestHold(owner, w.lock(), w.startNs(), w.endNs());
    }

    /** The wait's owner; for a pxlab wait without one, the sole holder of the lock during the wait. */
    private TraceThread ownerOf(Wait w) {
        if (w.owner() != null) return w.owner();
        if (w.source() != Wait.Source.PXLAB || w.kind().shared()) return null;
        return holds.soleHolder(w.lock(), w.startNs(), w.endNs(), w.waiter());
    }

    /**
     * One thread's timeline, and the direct class of each of its waits once known. Chains of neighbouring waits
     * run through the same waits, and a chain's waits are mostly ones the main pass has already classified: an
     * array beside the thread's waits remembers every class for a byte, where a map by wait cost an identity hash
     * and two cache misses in a table of a million.
     */
    private static final class PerThread {
        final ThreadTimeline timeline;
        /** The owner's side of the pass: classifications and chain steps ask about windows near the last. */
        final ThreadTimeline.Cursor cursor;
        final List<Wait> waits;
        /** By index into {@link #waits}: 0 while unknown, 1 for none (unclassified), else 2 + the class's ordinal. */
        final byte[] directClass;
        /** How many of the thread's waits the main pass has classified: the index of its next one. */
        int passed;

        PerThread(ThreadTimeline timeline) {
            this.timeline = timeline;
            this.cursor = timeline.cursor();
            this.waits = timeline.waits();
            this.directClass = new byte[waits.size()];
        }

        void remember(int i, WaitClass c) {
            directClass[i] = (byte) (c == null ? 1 : 2 + c.ordinal());
        }
    }

    private static final WaitClass[] CLASSES = WaitClass.values();

    /**
     * The direct class of wait {@code i} of a thread's, {@code w}, with its owner and the owner's part: remembered,
     * else decided now.
     */
    private WaitClass directClass(PerThread t, int i, Wait w, TraceThread owner, PerThread o) {
        byte code = t.directClass[i];
        if (code != 0) return code == 1 ? null : CLASSES[code - 2];
        WaitClass c = classifier.classify(w, owner, ownerHold(w, owner), o == null ? null : o.cursor).waitClass();
        t.remember(i, c);
        return c;
    }

    /** One walk's result; the finder's one instance, reused by every walk (its waits are copied, not kept). */
    private static final class Chain {
        final List<Wait> waits = new ArrayList<>(MAX_CHAIN);
        WaitClass end;
        boolean deadlock;

        /** The waits as a list of the chain's own: none, one and two need no array (most chains are short). */
        List<Wait> copy() {
            switch (waits.size()) {
                case 0: return List.of();
                case 1: return List.of(waits.get(0));
                case 2: return List.of(waits.get(0), waits.get(1));
                default: return List.copyOf(waits);
            }
        }
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
    private Chain follow(Wait first, TraceThread firstOwner, PerThread firstOwnerPart) {
        Chain chain = this.chain;
        chain.waits.clear();
        chain.end = null;
        chain.deadlock = false;
        int seenCount = 0;
        seen[seenCount++] = first.waiter();
        long fromNs = first.startNs();
        long toNs = first.endNs();
        TraceThread owner = firstOwner;
        PerThread o = firstOwnerPart;
        while (owner != null && chain.waits.size() < MAX_CHAIN) {
            if (contains(seen, seenCount, owner)) {
                // A deadlock never ends, so a wait that ended with its lock was in none: JFR commits a wait at its
                // end, and a cycle of waits that got their locks is owners named a moment apart, not a deadlock.
                chain.deadlock = !first.acquired() && chain.waits.stream().noneMatch(Wait::acquired);
                return chain;
            }
            seen[seenCount++] = owner;
            int i = o.cursor.longestWaitOverlappingIndex(fromNs, toNs);
            if (i < 0) return chain;
            Wait next = o.waits.get(i);
            chain.waits.add(next);
            TraceThread nextOwner = ownerOf(next);
            // Looked up once for both uses: the next wait's class, and the next step.
            PerThread nextOwnerPart = nextOwner == null ? null : perThread(nextOwner);
            WaitClass c = directClass(o, i, next, nextOwner, nextOwnerPart);
            if (c != WaitClass.OWNER_BLOCKED) {
                chain.end = c;
                return chain;
            }
            fromNs = Math.max(fromNs, next.startNs());
            toNs = Math.min(toNs, next.endNs());
            owner = nextOwner;
            o = nextOwnerPart;
        }
        return chain;
    }

    private static boolean contains(TraceThread[] threads, int count, TraceThread t) {
        for (int i = 0; i < count; i++) {
            if (t == threads[i] || t.equals(threads[i])) return true;
        }
        return false;
    }

    /** A thread's part of the work, made on first use from the trace's timeline. */
    private PerThread perThread(TraceThread thread) {
        PerThread t = threads.get(thread);
        if (t == null) {
            t = new PerThread(trace.timeline(thread));
            threads.put(thread, t);
        }
        return t;
    }

    private SchedContext contextAt(PerThread thread, Wait w) {
        SchedAttributes a = thread.timeline.schedAt(w.endNs() + SCHED_LOOKAHEAD_NS);
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
