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
                    events(t.javaId(), line, offset, endNs, waits, holds);
                    break;
                default:
                    break;   // notes: read by people, not scored
            }
        }
        if (workload == null) throw new IOException(file + ": no run line");
        return Truth.of(workload, skipped, epochAnchor, endNs, threads, locks, plants, waits, holds);
    }

    @SuppressWarnings("unchecked")
    private static TruthThread thread(Map<String, Object> line, long offset) {
        List<SchedChange> sched = new ArrayList<>();
        for (Object o : (List<Object>) line.get("sched")) {
            Map<String, Object> s = (Map<String, Object>) o;
            sched.add(new SchedChange(num(s, "t") + offset, (int) num(s, "nice"), (int) num(s, "cpuWeight"),
                    (String) s.get("cgroup"), (String) s.get("policy")));
        }
        return new TruthThread(num(line, "javaId"), (String) line.get("name"), num(line, "tid"),
                Boolean.TRUE.equals(line.get("virtual")), (int) num(line, "nice"), sched);
    }

    /**
     * Replays one thread's events: a request at depth 0 opens a wait, the acquisition closes it and opens a hold,
     * the release that brings the depth back to 0 closes the hold. A hold still open at the end lasts to the end.
     */
    @SuppressWarnings("unchecked")
    private static void events(long thread, Map<String, Object> line, long offset, long endNs, List<TWait> waits,
                               List<THold> holds) {
        List<Object> codes = (List<Object>) line.get("codes");
        List<Object> times = (List<Object>) line.get("times");
        Map<Integer, int[]> depth = new HashMap<>();
        Map<Integer, Long> requested = new HashMap<>();
        Map<Integer, Long> heldSince = new HashMap<>();
        Map<Integer, Boolean> heldShared = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            long code = ((Number) codes.get(i)).longValue();
            long t = ((Number) times.get(i)).longValue() + offset;
            int lock = (int) (code >>> 8);
            int op = (int) (code & 3);
            boolean shared = (code & SHARED) != 0;
            int[] d = depth.computeIfAbsent(lock, k -> new int[1]);
            switch (op) {
                case REQUEST:
                    if (d[0] == 0) requested.put(lock, t);
                    break;
                case ACQUIRED:
                    Long since = requested.remove(lock);
                    if (since != null) waits.add(new TWait(lock, thread, shared, since, t, true));
                    if (d[0]++ == 0) {
                        heldSince.put(lock, t);
                        heldShared.put(lock, shared);
                    }
                    break;
                case RELEASED:
                    if (d[0] > 0 && --d[0] == 0) {
                        holds.add(new THold(lock, thread, heldShared.get(lock), heldSince.remove(lock), t));
                    }
                    break;
                case GAVE_UP:
                    Long gaveUp = requested.remove(lock);
                    if (gaveUp != null) waits.add(new TWait(lock, thread, shared, gaveUp, t, false));
                    break;
                default:
                    throw new IllegalStateException("op " + op);
            }
        }
        for (Map.Entry<Integer, Long> open : heldSince.entrySet()) {
            holds.add(new THold(open.getKey(), thread, heldShared.get(open.getKey()), open.getValue(), endNs));
        }
    }

    private static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number)) throw new IllegalArgumentException("truth: no number '" + key + "' in " + m.keySet());
        return ((Number) v).longValue();
    }
}
