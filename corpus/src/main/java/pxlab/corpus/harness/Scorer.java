package pxlab.corpus.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pxlab.analysis.Analysis;
import pxlab.corpus.harness.Score.PlantScore;
import pxlab.corpus.harness.Truth.PlantSpec;
import pxlab.corpus.harness.Truth.TWait;
import pxlab.inversion.ClassifiedWait;
import pxlab.replay.ReplayResult;
import pxlab.trace.Hold;
import pxlab.trace.TraceThread;
import pxlab.trace.Wait;

/**
 * Scores an analysis against a truth. Each recorded wait is matched to the tracked wait of the same thread (by Java
 * id) that it overlaps most, after aligning the clocks by the median start offset; then each tracked wait of 1 ms
 * or more is checked for its owner, attributes and, where planted, inversion, culprit, code and class.
 */
final class Scorer {

    /** Waits shorter than this by the truth are not scored (the agent records from 1 ms). */
    static final long SCORED_FROM_NS = 1_000_000;
    /** The owner verdicts of {@link WaitVerdict}. */
    static final String RIGHT = "right";
    static final String NONE = "none";
    static final String WRONG = "wrong";
    static final String NOT_RECORDED = "not-recorded";
    static final String NO_TRUTH_OWNER = "no-truth-owner";
    /** How far apart a recorded and a tracked wait may lie and still be the same wait. */
    private static final long MATCH_SLACK_NS = 300_000;
    /** The first, coarse matching, before the clocks are aligned. */
    private static final long COARSE_SLACK_NS = 5_000_000;

    private Scorer() {
    }

    /**
     * Scores one run.
     *
     * @param truth    What the workload logged.
     * @param analysis What pxlab made of the recording.
     * @param holds    The recording's contended holds ({@code Trace.holds()}), to tell whether the culprit's code was
     *                 recorded even where the analysis does not show it; empty when not read.
     * @param verdicts Gets one verdict per scored wait, in the truth's order.
     * @return The score.
     */
    static Score score(Truth truth, Analysis analysis, List<Hold> holds, List<WaitVerdict> verdicts) {
        List<ClassifiedWait> recorded = analysis.waits();
        long offset = clockOffset(truth, recorded);
        Map<TWait, ClassifiedWait> match = match(truth, recorded, offset, MATCH_SLACK_NS);
        List<WaitVerdict> scored = new ArrayList<>();
        int known = 0;
        for (TWait w : truth.waits) {
            if (w.certainNs() < SCORED_FROM_NS) continue;
            ClassifiedWait c = match.get(w);
            if (c != null && c.inversionKnown()) known++;
            scored.add(verdict(truth, w, c));
        }
        verdicts.addAll(scored);
        Set<ClassifiedWait> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        matched.addAll(match.values());
        int untracked = 0;
        int claims = 0;
        for (ClassifiedWait c : recorded) {
            if (c.inversion() && !matched.contains(c)) untracked++;
            if (c.deadlock()) claims++;
        }
        List<PlantScore> plants = new ArrayList<>();
        for (PlantSpec p : truth.plants) plants.add(plant(truth, p, match, holds));
        ReplayResult replay = analysis.replay();
        ReplayResult.Fidelity fidelity = replay == null ? null : replay.fidelity();
        return new Score(scored.size(), count(scored, RIGHT), count(scored, NONE), count(scored, WRONG),
                count(scored, NOT_RECORDED), count(scored, NO_TRUTH_OWNER), known, plants,
                falseInversions(truth, match), untracked, claims, replayDeadlocks(replay),
                plants.stream().mapToInt(PlantScore::classAgree).sum(),
                plants.stream().mapToInt(PlantScore::classDefined).sum(), perThreadError(fidelity),
                fidelity == null ? 0 : fidelity.threads().size(), recorded.size(), matched.size(), offset);
    }

    /**
     * Judges a wait's owner: {@code no-truth-owner} when the truth names none, {@code not-recorded} when the
     * analysis has no such wait, {@code none} when it names no owner, else {@code right} or {@code wrong}.
     */
    private static WaitVerdict verdict(Truth truth, TWait w, ClassifiedWait c) {
        Set<Long> owners = truth.owners(w);
        String verdict;
        if (owners.isEmpty()) {
            verdict = NO_TRUTH_OWNER;
        } else if (c == null) {
            verdict = NOT_RECORDED;
        } else if (c.owner() == null) {
            verdict = NONE;
        } else {
            verdict = isOneOf(truth, c.owner(), owners) ? RIGHT : WRONG;
        }
        List<String> ownerNames = owners.stream().map(truth::name).toList();
        List<String> culprits = truth.culprits(w).stream().map(truth::name).toList();
        TraceThread blamed = c == null ? null : culprit(c);
        return new WaitVerdict(truth.name(w.waiter()), truth.lockNames.get(w.lock()),
                (w.startNs() - truth.startNs) / 1e6, w.certainNs() / 1e6, ownerNames, culprits,
                truth.inversion(w, owners), verdict, c == null || c.owner() == null ? null : c.owner().name(),
                blamed == null ? null : blamed.name(), c == null || c.waitClass() == null ? null : c.waitClass().key(),
                c != null && c.inversion(), c != null && c.inversionKnown(),
                c == null ? null : c.lockWait().source().key());
    }

    private static int count(List<WaitVerdict> verdicts, String verdict) {
        return (int) verdicts.stream().filter(v -> v.verdict().equals(verdict)).count();
    }

    /**
     * Counts recorded waits reported as inversions that the truth says are not: the waiter outranks neither the
     * owner the analysis named (when that is a true owner) nor any true owner. Waits that began during a renice
     * are not judged: the truth does not know the attributes then.
     */
    private static int falseInversions(Truth truth, Map<TWait, ClassifiedWait> match) {
        int n = 0;
        for (Map.Entry<TWait, ClassifiedWait> e : match.entrySet()) {
            if (!e.getValue().inversion()) continue;
            TWait w = e.getKey();
            Set<Long> owners = truth.owners(w);
            if (!truth.attributesCertain(w, owners)) continue;
            TraceThread o = e.getValue().owner();
            Set<Long> judged = owners;
            for (long id : owners) if (o != null && isOneOf(truth, o, Set.of(id))) judged = Set.of(id);
            if (!truth.inversion(w, judged)) n++;
        }
        return n;
    }

    /** The policies whose replay ended in a deadlock. */
    private static List<String> replayDeadlocks(ReplayResult replay) {
        List<String> out = new ArrayList<>();
        if (replay == null) return out;
        for (ReplayResult.PolicyRun r : replay.runs()) if (r.result().deadlock() != null) out.add(r.key());
        return out;
    }

    /** Σ|replayed − measured| / Σ measured over the threads, never a netted total; -1 without a replay. */
    static double perThreadError(ReplayResult.Fidelity f) {
        return f == null ? -1 : f.error();   // the analyzer's own figure: Σ|replayed − measured| / Σ measured
    }

    /** Scores one plant. */
    private static PlantScore plant(Truth truth, PlantSpec p, Map<TWait, ClassifiedWait> match, List<Hold> holds) {
        int lock = truth.lockIndex(p.lock());
        int planted = 0;
        int recorded = 0;
        int right = 0;
        int shown = 0;
        int inRecording = 0;
        int agree = 0;
        int defined = 0;
        for (TWait w : truth.waits) {
            if (w.lock() != lock || w.certainNs() < SCORED_FROM_NS) continue;
            if (!p.waiters().matcher(truth.name(w.waiter())).matches()) continue;
            Set<Long> culprits = truth.culprits(w);
            long culprit = -1;
            for (long id : culprits) if (p.culprit().matcher(truth.name(id)).matches()) culprit = id;
            Set<Long> owners = truth.owners(w);
            if (culprit < 0 || !truth.attributesCertain(w, owners) || truth.inversion(w, owners) != p.inversion()) {
                continue;
            }
            planted++;
            ClassifiedWait c = match.get(w);
            if (c == null) continue;
            recorded++;
            if (p.expect() != null) {
                defined++;
                if (c.waitClass() != null && c.waitClass().name().equals(p.expect())) agree++;
            }
            if (!p.inversion()) {
                if (!c.inversion()) right++;
                continue;
            }
            TraceThread blamed = culprit(c);
            if (!c.inversion() || blamed == null || !isOneOf(truth, blamed, Set.of(culprit))) continue;
            right++;
            if (shows(c, blamed, p.method())) shown++;
            if (recordedHold(holds, truth, culprit, c.lockWait(), p.method())) inRecording++;
        }
        return new PlantScore(p.name(), p.inversion(), p.expect(), planted, recorded, right, shown, inRecording, agree,
                defined);
    }

    /** The thread the analysis blames: the end of the chain for a blocked owner, else the owner. */
    static TraceThread culprit(ClassifiedWait c) {
        TraceThread end = c.owner();
        for (Wait w : c.chain()) if (w.owner() != null) end = w.owner();
        return end;
    }

    /** Whether the culprit's method is in frames the analysis shows for it: its own waits in the chain. */
    private static boolean shows(ClassifiedWait c, TraceThread culprit, String method) {
        // The owner's code the reports show (ClassifiedWait.ownerStack()), or a chain link's own stack.
        if (culprit.equals(c.owner()) && hasMethod(c.ownerStack(), method)) return true;
        for (Wait w : c.chain()) if (w.waiter().equals(culprit) && hasMethod(w.stack(), method)) return true;
        return false;
    }

    /** Whether the recording has a hold by the culprit during the wait whose frames name the method. */
    private static boolean recordedHold(List<Hold> holds, Truth truth, long culprit, Wait w, String method) {
        for (Hold h : holds) {
            if (h.overlapNs(w.startNs(), w.endNs()) > 0 && isOneOf(truth, h.holder(), Set.of(culprit))
                    && hasMethod(h.stack(), method)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasMethod(List<String> frames, String method) {
        for (String f : frames) {
            int colon = f.lastIndexOf(':');
            String name = colon < 0 ? f : f.substring(0, colon);
            if (name.endsWith("." + method)) return true;
        }
        return false;
    }

    /**
     * Whether a recorded thread is one of some tracked threads: by Java id, else by name (the report name may carry
     * a {@code #id} suffix), else by OS thread id.
     */
    static boolean isOneOf(Truth truth, TraceThread t, Set<Long> ids) {
        if (t.javaId() >= 0 && ids.contains(t.javaId())) return true;
        for (long id : ids) {
            Truth.TruthThread tt = truth.threads.get(id);
            if (tt == null) continue;
            if (t.javaId() < 0 && (t.name().equals(tt.name()) || t.name().startsWith(tt.name() + "#"))) return true;
            if (t.osId() > 0 && !tt.virtual() && t.osId() == tt.tid() && t.javaId() < 0) return true;
        }
        return false;
    }

    private static int firstEndingAfter(List<TWait> list, long t) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).endNs() <= t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The median of recorded minus tracked start over a coarse matching: how far the two clocks sit apart. */
    private static long clockOffset(Truth truth, List<ClassifiedWait> recorded) {
        Map<TWait, ClassifiedWait> coarse = match(truth, recorded, 0, COARSE_SLACK_NS);
        if (coarse.isEmpty()) return 0;
        long[] d = new long[coarse.size()];
        int i = 0;
        for (Map.Entry<TWait, ClassifiedWait> e : coarse.entrySet()) {
            d[i++] = e.getValue().lockWait().startNs() - e.getKey().startNs();
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    /**
     * Matches recorded waits to tracked waits of the same thread: each recorded wait to the tracked wait it overlaps
     * most (within the slack, after the offset); a tracked wait keeps the recorded wait that overlaps it most.
     */
    private static Map<TWait, ClassifiedWait> match(Truth truth, List<ClassifiedWait> recorded, long offset,
                                                   long slack) {
        Map<Long, List<TWait>> byWaiter = new HashMap<>();
        for (TWait w : truth.waits) byWaiter.computeIfAbsent(w.waiter(), k -> new ArrayList<>()).add(w);
        Map<TWait, ClassifiedWait> best = new HashMap<>();
        Map<TWait, Long> bestOverlap = new HashMap<>();
        for (ClassifiedWait c : recorded) {
            long id = c.lockWait().waiter().javaId();
            List<TWait> list = byWaiter.get(id);
            if (list == null) continue;
            long from = c.lockWait().startNs() - offset - slack;
            long to = c.lockWait().endNs() - offset + slack;
            TWait pick = null;
            long pickOverlap = 0;
            // A thread's waits are disjoint and sorted by start: begin at the first one that ends after 'from'.
            for (int i = firstEndingAfter(list, from); i < list.size() && list.get(i).startNs() < to; i++) {
                TWait w = list.get(i);
                long overlap = Math.min(to, w.endNs()) - Math.max(from, w.startNs());
                if (overlap > pickOverlap) {
                    pick = w;
                    pickOverlap = overlap;
                }
            }
            if (pick != null && pickOverlap > bestOverlap.getOrDefault(pick, 0L)) {
                best.put(pick, c);
                bestOverlap.put(pick, pickOverlap);
            }
        }
        return best;
    }
}
