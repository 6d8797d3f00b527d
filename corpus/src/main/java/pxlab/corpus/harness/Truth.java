package pxlab.corpus.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a workload's truth file says: its threads, their scheduling changes, every wait and hold of its tracked
 * locks (times in epoch nanoseconds, aligned through the file's anchor), and what it planted. Answers the questions
 * the scores ask: who owned a lock when a wait began, who a chain of waits ends at, and whether a wait was a
 * priority inversion.
 */
final class Truth {

    /** How long after a wait's start a holder still counts as its owner: the agent looks the owner up within ~1 ms. */
    static final long OWNER_WINDOW_NS = 1_000_000;
    /** Deepest chain followed. */
    private static final int MAX_CHAIN = 8;

    /** A thread's identity as the workload saw it. */
    record TruthThread(long javaId, String name, long tid, boolean virtual, int nice, List<SchedChange> sched) {
    }

    /**
     * A scheduling change the workload made: asked for at {@code requestedNs} (the command started), certainly in
     * force from {@code epochNs} (it returned). In between the attributes are uncertain.
     */
    record SchedChange(long requestedNs, long epochNs, int nice, int rtPriority, int cpuWeight, String cgroup,
                       String policy) {
    }

    /** A planted pattern ({@code pxlab.corpus.truth.Plant}). */
    record PlantSpec(String name, String lock, Pattern waiters, Pattern culprit, String method, String expect,
                     boolean inversion) {
    }

    /**
     * A wait, from the request's log entry to the acquisition's (or giving up). The thread certainly waited until
     * {@code certainEndNs}: a conflicting holder had not yet released the lock before then.
     */
    record TWait(int lock, long waiter, boolean shared, long startNs, long certainEndNs, long endNs,
                 boolean acquired) {

        /** Returns how long the thread certainly waited: what decides whether the wait is scored. */
        long certainNs() {
            return certainEndNs - startNs;
        }
    }

    /** A hold: the widest interval the log allows for it (see {@code TruthReader.bound}). */
    record THold(int lock, long holder, boolean shared, long startNs, long endNs) {
    }

    final String workload;
    final String skipped;
    final long startNs;
    final long endNs;
    final Map<Long, TruthThread> threads;
    final List<String> lockNames;
    final List<PlantSpec> plants;
    final List<TWait> waits;
    private final List<List<THold>> holdsByLock;
    private final long[] longestHoldNs;
    private final Map<Long, List<TWait>> waitsByThread;
    private final Map<Integer, List<TWait>> exclusiveWaitsByLock;

    private Truth(String workload, String skipped, long startNs, long endNs, Map<Long, TruthThread> threads,
                  List<String> lockNames,
                  List<PlantSpec> plants, List<TWait> waits, List<THold> holds) {
        this.workload = workload;
        this.skipped = skipped;
        this.startNs = startNs;
        this.endNs = endNs;
        this.threads = threads;
        this.lockNames = lockNames;
        this.plants = plants;
        waits.sort(Comparator.comparingLong(TWait::startNs));
        this.waits = waits;
        holdsByLock = new ArrayList<>();
        longestHoldNs = new long[lockNames.size()];
        for (int i = 0; i < lockNames.size(); i++) holdsByLock.add(new ArrayList<>());
        for (THold h : holds) {
            holdsByLock.get(h.lock()).add(h);
            longestHoldNs[h.lock()] = Math.max(longestHoldNs[h.lock()], h.endNs() - h.startNs());
        }
        for (List<THold> l : holdsByLock) l.sort(Comparator.comparingLong(THold::startNs));
        waitsByThread = new HashMap<>();
        exclusiveWaitsByLock = new HashMap<>();
        for (TWait w : waits) {
            waitsByThread.computeIfAbsent(w.waiter(), k -> new ArrayList<>()).add(w);
            if (!w.shared()) exclusiveWaitsByLock.computeIfAbsent(w.lock(), k -> new ArrayList<>()).add(w);
        }
    }

    /**
     * Reads a truth file.
     *
     * @param file The file a workload wrote.
     * @return The truth.
     * @throws IOException When it cannot be read.
     */
    static Truth read(Path file) throws IOException {
        return TruthReader.read(file);
    }

    static Truth of(String workload, String skipped, long startNs, long endNs, Map<Long, TruthThread> threads,
                    List<String> lockNames, List<PlantSpec> plants, List<TWait> waits, List<THold> holds) {
        return new Truth(workload, skipped, startNs, endNs, threads, lockNames, plants, waits, holds);
    }

    /**
     * Returns the threads that owned a wait's lock when it began: those holding it in a conflicting mode at some
     * moment of the wait's first {@link #OWNER_WINDOW_NS}. For a shared wait with no exclusive holder (a reader
     * behind a queued writer), the holders and the queued writers.
     *
     * @param w The wait.
     * @return Their Java ids, possibly none.
     */
    Set<Long> owners(TWait w) {
        long to = Math.min(w.endNs(), w.startNs() + OWNER_WINDOW_NS);
        Set<Long> conflicting = new LinkedHashSet<>();
        Set<Long> any = new LinkedHashSet<>();
        for (THold h : holdsOverlapping(w.lock(), w.startNs(), to)) {
            if (h.holder() == w.waiter()) continue;
            any.add(h.holder());
            if (!w.shared() || !h.shared()) conflicting.add(h.holder());
        }
        if (!conflicting.isEmpty() || !w.shared()) return conflicting;
        for (TWait other : exclusiveWaitsByLock.getOrDefault(w.lock(), List.of())) {
            if (other.startNs() > w.startNs()) break;
            if (other.endNs() > w.startNs()) any.add(other.waiter());
        }
        return any;
    }

    /**
     * Returns whom a wait really waited for: its owners, each followed through its own wait at the time (a chain)
     * to a thread that was not waiting for a tracked lock.
     *
     * @param w The wait.
     * @return The Java ids at the chains' ends.
     */
    Set<Long> culprits(TWait w) {
        Set<Long> out = new LinkedHashSet<>();
        // The chain is judged a little into the wait: the owner may take its own next lock just after.
        long at = w.startNs() + Math.min(w.certainNs() / 2, OWNER_WINDOW_NS);
        follow(w, at, out, new LinkedHashSet<>(), 0);
        return out;
    }

    private void follow(TWait w, long at, Set<Long> out, Set<Long> seen, int depth) {
        for (long owner : owners(w)) {
            if (!seen.add(owner)) continue;
            TWait next = depth < MAX_CHAIN ? waitAt(owner, at) : null;
            if (next == null) {
                out.add(owner);
            } else {
                follow(next, at, out, seen, depth + 1);
            }
        }
    }

    /** Returns the wait a thread was certainly in at a time, or null. */
    TWait waitAt(long thread, long at) {
        List<TWait> list = waitsByThread.get(thread);
        if (list == null) return null;
        int lo = 0;
        int hi = list.size() - 1;
        while (lo <= hi) {   // the last wait starting at or before 'at'
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).startNs() <= at) lo = mid + 1; else hi = mid - 1;
        }
        if (hi < 0) return null;
        TWait w = list.get(hi);
        return w.certainEndNs() > at ? w : null;
    }

    private List<THold> holdsOverlapping(int lock, long from, long to) {
        List<THold> list = holdsByLock.get(lock);
        List<THold> out = new ArrayList<>(2);
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {   // the first hold starting at or after 'to'
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).startNs() < to) lo = mid + 1; else hi = mid;
        }
        for (int i = lo - 1; i >= 0; i--) {
            THold h = list.get(i);
            if (h.startNs() < from - longestHoldNs[lock]) break;   // no earlier hold can reach 'from'
            if (h.endNs() > from) out.add(h);
        }
        return out;
    }

    /**
     * Returns whether a wait was a priority inversion behind any of some owners: the waiter outranked one of them
     * when it began, by the truth's scheduling attributes.
     *
     * @param w      The wait.
     * @param owners The owners considered.
     * @return {@code true} when the waiter outranks at least one.
     */
    boolean inversion(TWait w, Set<Long> owners) {
        for (long o : owners) if (outranks(w.waiter(), o, w.startNs())) return true;
        return false;
    }

    /**
     * Returns whether one thread would be picked over another at a time, by the workload's own account of their
     * attributes: a higher class (RT over fair), then between RT threads the higher priority, between fair threads
     * in different cgroups of known different weights the heavier group, then the lower nice value.
     */
    boolean outranks(long a, long b, long at) {
        SchedChange x = schedAt(a, at);
        SchedChange y = schedAt(b, at);
        int rx = rank(x.policy());
        int ry = rank(y.policy());
        if (rx != ry) return rx > ry;
        if (rx == 2) return x.rtPriority() > y.rtPriority();
        if (x.cgroup() != null && y.cgroup() != null && !x.cgroup().equals(y.cgroup()) && x.cpuWeight() > 0
                && y.cpuWeight() > 0 && x.cpuWeight() != y.cpuWeight()) {
            return x.cpuWeight() > y.cpuWeight();
        }
        return x.nice() < y.nice();
    }

    /** Returns a thread's attributes at a time: its last change before then, else what it started with. */
    SchedChange schedAt(long thread, long at) {
        TruthThread t = threads.get(thread);
        if (t == null) return new SchedChange(0, 0, 0, 0, -1, null, "SCHED_OTHER");
        SchedChange s = new SchedChange(0, 0, t.nice(), 0, -1, null, "SCHED_OTHER");
        for (SchedChange c : t.sched()) if (c.epochNs() <= at) s = c;
        return s;
    }

    /**
     * Returns whether the truth knows both threads' attributes at a time: neither was in the middle of a change.
     *
     * @param w      A wait.
     * @param owners Its owners.
     * @return {@code false} when the wait began while a change of the waiter or an owner was under way.
     */
    boolean attributesCertain(TWait w, Set<Long> owners) {
        if (changing(w.waiter(), w.startNs())) return false;
        for (long o : owners) if (changing(o, w.startNs())) return false;
        return true;
    }

    private boolean changing(long thread, long at) {
        TruthThread t = threads.get(thread);
        if (t == null) return false;
        for (SchedChange c : t.sched()) if (c.requestedNs() <= at && at < c.epochNs()) return true;
        return false;
    }

    private static int rank(String policy) {
        switch (policy) {
            case "SCHED_FIFO": case "SCHED_RR": return 2;
            case "SCHED_IDLE": return 0;
            default: return 1;
        }
    }

    /**
     * Returns a thread's name.
     *
     * @param javaId Its Java id.
     * @return The name, or {@code #id} for a thread that logged nothing.
     */
    String name(long javaId) {
        TruthThread t = threads.get(javaId);
        return t == null ? "#" + javaId : t.name();
    }

    /**
     * Returns a tracked lock's index.
     *
     * @param name Its name.
     * @return The index, or -1.
     */
    int lockIndex(String name) {
        return lockNames.indexOf(name);
    }
}
