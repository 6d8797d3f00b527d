package pxlab.corpus.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import pxlab.corpus.harness.Truth.PlantSpec;
import pxlab.corpus.harness.Truth.SchedChange;
import pxlab.corpus.harness.Truth.THold;
import pxlab.corpus.harness.Truth.TWait;
import pxlab.corpus.harness.Truth.TruthThread;

/**
 * Turns a truth file (pxlab.corpus.truth.TruthLog's JSON lines) into a {@link Truth}: replays each thread's events
 * in order, counting nested acquisitions, to get its waits and holds, and moves every time to epoch nanoseconds.
 */
final class TruthReader {

    /** The event codes' low bits, as TruthLog writes them. */
    private static final int REQUEST = 0;
    private static final int ACQUIRED = 1;
    private static final int RELEASED = 2;
    private static final int GAVE_UP = 3;
    private static final int SHARED = 4;

    private TruthReader() {
    }

    static Truth read(Path file) throws IOException {
        String workload = null;
        String skipped = null;
        long nanoAnchor = 0;
        long epochAnchor = 0;
        long endNs = Long.MAX_VALUE;
        Map<Long, TruthThread> threads = new LinkedHashMap<>();
        List<String> locks = new ArrayList<>();
        List<PlantSpec> plants = new ArrayList<>();
        List<Acquisition> acquisitions = new ArrayList<>();
        List<TWait> waits = new ArrayList<>();
        List<THold> holds = new ArrayList<>();
        for (Map<String, Object> line : JsonLines.read(file)) {
            switch (String.valueOf(line.get("type"))) {
                case "run":
                    workload = (String) line.get("workload");
                    skipped = (String) line.get("skipped");
                    nanoAnchor = num(line, "nanoTime");
                    epochAnchor = num(line, "epochNs");
                    endNs = num(line, "endEpochNs");
                    break;
                case "lock":
                    int id = (int) num(line, "id");
                    while (locks.size() <= id) locks.add(null);
                    locks.set(id, (String) line.get("name"));
                    break;
                case "plant":
                    plants.add(new PlantSpec((String) line.get("name"), (String) line.get("lock"),
                            Pattern.compile((String) line.get("waiters")), Pattern.compile((String) line.get("culprit")),
                            (String) line.get("method"), (String) line.get("expect"),
                            Boolean.TRUE.equals(line.get("inversion"))));
                    break;
                case "thread":
                    long offset = epochAnchor - nanoAnchor;
                    TruthThread t = thread(line, offset);
                    threads.put(t.javaId(), t);
                    events(t.javaId(), line, offset, endNs, acquisitions, waits);
                    break;
                default:
                    break;   // notes: read by people, not scored
            }
        }
        if (workload == null) throw new IOException(file + ": no run line");
        bound(acquisitions, locks.size(), waits, holds);
        return Truth.of(workload, skipped, epochAnchor, endNs, threads, locks, plants, waits, holds);
    }

    @SuppressWarnings("unchecked")
    private static TruthThread thread(Map<String, Object> line, long offset) {
        List<SchedChange> sched = new ArrayList<>();
        for (Object o : (List<Object>) line.get("sched")) {
            Map<String, Object> s = (Map<String, Object>) o;
            int rt = s.get("rtPriority") instanceof Number ? ((Number) s.get("rtPriority")).intValue() : 0;
            sched.add(new SchedChange(num(s, "requested") + offset, num(s, "t") + offset, (int) num(s, "nice"), rt,
                    (int) num(s, "cpuWeight"),
                    (String) s.get("cgroup"), (String) s.get("policy")));
        }
        return new TruthThread(num(line, "javaId"), (String) line.get("name"), num(line, "tid"),
                Boolean.TRUE.equals(line.get("virtual")), (int) num(line, "nice"), sched);
    }

    /** One outermost acquisition as one thread logged it; times in epoch ns. */
    private record Acquisition(int lock, long thread, boolean shared, long requestNs, long acquiredNs,
                               long releasedNs, long nextEventNs) {
    }

    /**
     * Replays one thread's events: a request at depth 0 opens a wait, the acquisition at depth 0 closes it and
     * opens a hold, the release that brings the depth back to 0 closes the hold; nested acquisitions are not
     * acquisitions. A hold still open at the end lasts to the end.
     */
    @SuppressWarnings("unchecked")
    private static void events(long thread, Map<String, Object> line, long offset, long endNs,
                               List<Acquisition> acquisitions, List<TWait> gaveUp) {
        List<Object> codes = (List<Object>) line.get("codes");
        List<Object> times = (List<Object>) line.get("times");
        int n = codes.size();
        Map<Integer, int[]> depth = new HashMap<>();
        Map<Integer, Long> requested = new HashMap<>();
        Map<Integer, long[]> open = new HashMap<>();   // lock -> {request, acquired, shared}
        List<long[]> closed = new ArrayList<>();       // {lock, request, acquired, released, shared, index}
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long code = ((Number) codes.get(i)).longValue();
            t[i] = ((Number) times.get(i)).longValue() + offset;
            int lock = (int) (code >>> 8);
            int op = (int) (code & 3);
            long shared = (code & SHARED) != 0 ? 1 : 0;
            int[] d = depth.computeIfAbsent(lock, k -> new int[1]);
            switch (op) {
                case REQUEST:
                    if (d[0] == 0) requested.put(lock, t[i]);
                    break;
                case ACQUIRED:
                    if (d[0]++ == 0) {
                        Long req = requested.remove(lock);
                        open.put(lock, new long[] {req == null ? t[i] : req, t[i], shared});
                    }
                    break;
                case RELEASED:
                    if (d[0] > 0 && --d[0] == 0) {
                        long[] o = open.remove(lock);
                        closed.add(new long[] {lock, o[0], o[1], t[i], o[2], i});
                    }
                    break;
                case GAVE_UP:
                    Long req = requested.remove(lock);
                    // A timed-out tryLock certainly waited its whole time: it ended without the lock.
                    if (req != null) gaveUp.add(new TWait(lock, thread, shared == 1, req, t[i], t[i], false));
                    break;
                default:
                    throw new IllegalStateException("op " + op);
            }
        }
        for (long[] c : closed) {
            int next = (int) c[5] + 1;   // the thread's next event is after the true release
            long nextEvent = next < n ? t[next] : endNs;
            acquisitions.add(new Acquisition((int) c[0], thread, c[4] == 1, c[1], c[2], c[3], nextEvent));
        }
        for (Map.Entry<Integer, long[]> o : open.entrySet()) {
            long[] v = o.getValue();
            acquisitions.add(new Acquisition(o.getKey(), thread, v[2] == 1, v[0], v[1], endNs, endNs));
        }
    }

    /**
     * Bounds each acquisition by the others of its lock. A log entry is written just after {@code lock()} returns
     * and just before {@code unlock()}, and a thread can be preempted in between, so the logged times are not the
     * true ones. But for two conflicting holds, one's release log comes before its true release, which comes before
     * the other's true acquisition, which comes before that one's acquisition log. So:
     * <ul>
     *   <li>the true acquisition lies after the latest conflicting release logged before the acquisition's log
     *       (and after the request): a wait certainly lasted until then;</li>
     *   <li>the true release lies before the thread's next event and before the first conflicting acquisition
     *       logged after the release's log.</li>
     * </ul>
     * A hold is taken as the widest interval these allow, so an owner preempted around its log entries is still
     * the owner; a wait's certain end is the narrowest.
     */
    private static void bound(List<Acquisition> acquisitions, int locks, List<TWait> waits, List<THold> holds) {
        List<List<Acquisition>> byLock = new ArrayList<>();
        for (int i = 0; i < locks; i++) byLock.add(new ArrayList<>());
        for (Acquisition a : acquisitions) byLock.get(a.lock()).add(a);
        for (List<Acquisition> list : byLock) {
            long[] releases = times(list, false, true);
            long[] exclusiveReleases = times(list, true, true);
            long[] acquires = times(list, false, false);
            long[] exclusiveAcquires = times(list, true, false);
            for (Acquisition a : list) {
                long prevRelease = latestBefore(a.shared() ? exclusiveReleases : releases, a.acquiredNs());
                long nextAcquire = firstAfter(a.shared() ? exclusiveAcquires : acquires, a.releasedNs());
                long from = Math.max(a.requestNs(), prevRelease);
                holds.add(new THold(a.lock(), a.thread(), a.shared(), Math.min(from, a.acquiredNs()),
                        Math.max(a.releasedNs(), Math.min(a.nextEventNs(), nextAcquire))));
                if (a.acquiredNs() > a.requestNs()) {
                    waits.add(new TWait(a.lock(), a.thread(), a.shared(), a.requestNs(),
                            Math.min(from, a.acquiredNs()), a.acquiredNs(), true));
                }
            }
        }
    }

    private static long[] times(List<Acquisition> list, boolean exclusiveOnly, boolean release) {
        return list.stream().filter(a -> !exclusiveOnly || !a.shared())
                .mapToLong(a -> release ? a.releasedNs() : a.acquiredNs()).sorted().toArray();
    }

    /** The largest value below {@code t}, or {@code Long.MIN_VALUE}. */
    private static long latestBefore(long[] sorted, long t) {
        int i = java.util.Arrays.binarySearch(sorted, t);
        int below = (i >= 0 ? firstIndexOf(sorted, i) : -i - 1) - 1;
        return below >= 0 ? sorted[below] : Long.MIN_VALUE;
    }

    /** The smallest value above {@code t}, or {@code Long.MAX_VALUE}. */
    private static long firstAfter(long[] sorted, long t) {
        int i = java.util.Arrays.binarySearch(sorted, t);
        int above = i >= 0 ? lastIndexOf(sorted, i) + 1 : -i - 1;
        return above < sorted.length ? sorted[above] : Long.MAX_VALUE;
    }

    private static int firstIndexOf(long[] sorted, int i) {
        while (i > 0 && sorted[i - 1] == sorted[i]) i--;
        return i;
    }

    private static int lastIndexOf(long[] sorted, int i) {
        while (i < sorted.length - 1 && sorted[i + 1] == sorted[i]) i++;
        return i;
    }

    private static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) throw new IllegalArgumentException("truth: no number '" + key + "' in " + m.keySet());
        return ((Number) v).longValue();
    }
}
