package pxlab.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.InversionFinder;
import pxlab.inversion.Inversions;
import pxlab.trace.Trace;
import pxlab.trace.TraceBuilder;
import pxlab.trace.TraceThread;

/**
 * One recording as the analyzer sees it: the trace built from JMC's items by {@link ItemsReader} and what
 * {@link InversionFinder} found in it. The four rules share it.
 *
 * <p>JMC evaluates every rule over the same {@link IItemCollection} instance, often in parallel; building the trace
 * once per instance, not once per rule, is what keeps the pxlab rules together near the cost of one JDK rule. The
 * cache holds its keys weakly, so a closed recording takes its model with it; the model holds no reference back.
 *
 * <p>The model classifies only what a rule shows. Rules show waits at least {@code pxlab.wait.min} long (1 ms by
 * default), so only those are classified: the trace keeps every wait, and a wait's class and chain are the same
 * whichever waits are classified, but a recording of many short waits is not followed chain by chain for waits no
 * rule reports. The finder's groups by lock, pair and stack are made only when {@link #found()} is first asked for
 * (the benefit rule's replay, when there are inversions).
 */
final class LockModel {

    private final Trace trace;
    private final boolean lockTypes;
    /** The waits classified so far, every wait at least {@link #classifiedFromNs} long; guarded by {@code this}. */
    private List<ClassifiedWait> classified;
    private long classifiedFromNs;
    /** {@link #found()}, once made; guarded by {@code this}. */
    private Inversions found;

    /**
     * Creates a model; waits are classified when a rule first asks for them.
     *
     * @param trace     The trace.
     * @param lockTypes Whether any lock event type the analyzer reads (pxlab.LockWait, jdk.JavaMonitorEnter or
     *                  jdk.ThreadPark) has events or was enabled, in JMC's sense of availability: rules are NA
     *                  without one.
     */
    LockModel(Trace trace, boolean lockTypes) {
        this.trace = trace;
        this.lockTypes = lockTypes;
    }

    /**
     * Returns the trace.
     *
     * @return The trace.
     */
    Trace trace() {
        return trace;
    }

    /**
     * Returns whether the recording has lock event types (see the constructor).
     *
     * @return {@code true} when it has.
     */
    boolean lockTypes() {
        return lockTypes;
    }

    /**
     * Returns what the finder finds in the whole trace, made on first use.
     *
     * @return The same as {@code InversionFinder.find(trace())}.
     */
    synchronized Inversions found() {
        if (found == null) found = InversionFinder.group(trace, classified(Long.MIN_VALUE));
        return found;
    }

    /**
     * Returns the classified waits at least a minimum long, and perhaps shorter ones: those classified before for a
     * lower minimum.
     */
    private synchronized List<ClassifiedWait> classified(long minWaitNs) {
        if (classified == null || minWaitNs < classifiedFromNs) {
            classified = InversionFinder.classify(trace, minWaitNs);
            classifiedFromNs = minWaitNs;
        }
        return classified;
    }

    private static final Map<IItemCollection, FutureTask<LockModel>> CACHE = new WeakHashMap<>();

    /**
     * Returns the model of a recording, building it on first use; callers racing on one recording share a build.
     *
     * @param items The recording, as JMC hands it to a rule.
     * @return The model.
     */
    static LockModel of(IItemCollection items) {
        FutureTask<LockModel> task;
        boolean mine = false;
        synchronized (CACHE) {
            task = CACHE.get(items);
            if (task == null) {
                task = new FutureTask<>(() -> build(items));
                CACHE.put(items, task);
                mine = true;
            }
        }
        if (mine) task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            synchronized (CACHE) {
                CACHE.remove(items);
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static LockModel build(IItemCollection items) {
        // pxlab.LockWait declared at all means the agent ran. A JDK lock event counts when it has events or was
        // enabled (JMC's availability), or when its type is known but the recording wrote no settings (NONE):
        // only settings that say "disabled" make the recording one without lock events.
        boolean lockTypes = RulesToolkit.getEventAvailability(items, PxlabTypeIds.LOCK_WAIT) != EventAvailability.UNKNOWN;
        for (String type : List.of(PxlabTypeIds.MONITOR_ENTER, PxlabTypeIds.THREAD_PARK)) {
            EventAvailability a = RulesToolkit.getEventAvailability(items, type);
            lockTypes |= a == EventAvailability.AVAILABLE || a == EventAvailability.ENABLED || a == EventAvailability.NONE;
        }
        TraceBuilder builder = new TraceBuilder();
        ItemsReader.read(items, "(JMC)", builder);
        Trace trace = builder.build();
        return new LockModel(trace, lockTypes);
    }

    /**
     * Returns the waits a rule looks at: at least a minimum long, by threads not excluded.
     *
     * @param minWaitNs The shortest wait kept.
     * @param exclude   Waiters whose name matches are left out; {@code null} for none.
     * @return The waits, in trace order; a list that cannot be changed.
     */
    List<ClassifiedWait> waits(long minWaitNs, Pattern exclude) {
        List<ClassifiedWait> classified;
        boolean exactly;
        synchronized (this) {
            classified = classified(minWaitNs);
            exactly = classifiedFromNs == minWaitNs;
        }
        // Classified for this very minimum and nothing excluded: every wait is kept, so the list itself.
        if (exactly && exclude == null) return classified;
        List<ClassifiedWait> out = new ArrayList<>();
        // A recording has few threads and many waits: each name is matched once.
        Map<TraceThread, Boolean> excluded = new IdentityHashMap<>();
        for (ClassifiedWait c : classified) {
            if (c.lockWait().durationNs() < minWaitNs) continue;
            TraceThread waiter = c.lockWait().waiter();
            if (exclude != null && excluded.computeIfAbsent(waiter, t -> exclude.matcher(t.name()).matches())) continue;
            out.add(c);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns the longest of some waits, ties broken as the analyzer's reports break them.
     *
     * @param waits The waits.
     * @return The longest, or {@code null} when there are none.
     */
    static ClassifiedWait longest(List<ClassifiedWait> waits) {
        return waits.stream().min(Analysis.LONGEST_FIRST).orElse(null);
    }
}
