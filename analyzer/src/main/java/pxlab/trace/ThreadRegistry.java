package pxlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LongMap;

/**
 * Gathers the threads of a recording as events name them, and decides at the end what each one is called.
 *
 * <p>Events name a thread by Java id, by OS id, or both: {@code pxlab.ThreadCpu} knows only the OS id of threads
 * the agent never saw in a wait, and JFR may drop the Java id of a thread that ended. A reference is matched by
 * Java id first, else by OS id; when a reference carrying both ids shows that an OS-only entry and a Java entry are
 * one thread, the OS-only entry is merged into the other.
 *
 * <p><b>Note</b>: Linux reuses thread ids. An OS id seen again with a different Java id starts a new thread and
 * takes the OS id over; an OS-only reference after that reuse goes to the newer thread.
 */
final class ThreadRegistry {

    /** A thread while the recording is read: its ids and names as they arrive, and the facts about it. */
    static final class Entry {
        /** Its position among the registry's entries, from 0: arrays by entry use it. */
        final int index;
        /** A root entry's thread, from {@link #freeze()} on. */
        TraceThread thread;
        long javaId = -1;
        long osId = -1;
        String javaName;
        String osName;
        boolean virtual;
        /** Set when this entry turned out to be another's thread; follow it with {@link #canonical()}. */
        Entry mergedInto;
        long startNs = Wait.UNKNOWN;
        long endNs = Wait.UNKNOWN;
        final List<SchedAttributes> sched = new ArrayList<>();
        final List<CpuSample> cpu = new ArrayList<>();
        final List<CpuLoad> load = new ArrayList<>();
        final List<Sleep> sleeps = new ArrayList<>();
        final List<Interval> pinned = new ArrayList<>();
        long[] samples = new long[0];
        int sampleCount;

        Entry(int index) {
            this.index = index;
        }

        Entry canonical() {
            Entry e = this;
            while (e.mergedInto != null) e = e.mergedInto;
            return e;
        }

        void addSample(long timeNs) {
            if (sampleCount == samples.length) samples = Arrays.copyOf(samples, Math.max(8, sampleCount * 2));
            samples[sampleCount++] = timeNs;
        }

        /** Takes over the facts of an entry merged into this one. */
        void absorb(Entry other) {
            if (javaName == null) javaName = other.javaName;
            if (osName == null) osName = other.osName;
            if (osId < 0) osId = other.osId;
            virtual |= other.virtual;
            if (other.startNs != Wait.UNKNOWN && (startNs == Wait.UNKNOWN || other.startNs < startNs))
                startNs = other.startNs;
            endNs = Math.max(endNs, other.endNs);
            sched.addAll(other.sched);
            cpu.addAll(other.cpu);
            load.addAll(other.load);
            sleeps.addAll(other.sleeps);
            pinned.addAll(other.pinned);
            for (int i = 0; i < other.sampleCount; i++) addSample(other.samples[i]);
        }
    }

    private final LongMap<Entry> byJava = new LongMap<>();
    private final LongMap<Entry> byOs = new LongMap<>();
    private final List<Entry> all = new ArrayList<>();

    /**
     * Returns the entry for a reference, creating or merging entries as the ids show.
     *
     * @param ref A reference with at least one id.
     * @return The thread's current entry.
     */
    Entry resolve(JfrThread ref) {
        Entry j = ref.javaId() > 0 ? canonical(byJava.get(ref.javaId())) : null;
        Entry osEntry = ref.osId() > 0 ? byOs.get(ref.osId()) : null;
        Entry o = osEntry != null ? canonical(osEntry) : null;
        Entry e;
        if (j != null) {
            e = j;
            if (o != null && o != j && o.javaId < 0) o.mergedInto = j;   // an OS-only thread learned its Java id
        } else if (o != null && (ref.javaId() < 0 || o.javaId < 0)) {
            e = o;
        } else {
            e = new Entry(all.size());   // new, or an OS id reused by another Java thread
            all.add(e);
        }
        learn(e, ref, osEntry);
        return e;
    }

    /**
     * Merges what was learnt, names every thread, and returns the threads by their final entry.
     *
     * @return Each canonical entry's thread.
     */
    Map<Entry, TraceThread> freeze() {
        List<Entry> roots = new ArrayList<>();
        for (Entry e : all) {
            if (e.mergedInto == null) roots.add(e);
        }
        for (Entry e : all) {
            if (e.mergedInto != null) e.canonical().absorb(e);
        }
        Map<String, Integer> uses = new HashMap<>();
        for (Entry e : roots) uses.merge(baseName(e), 1, Integer::sum);
        Map<Entry, TraceThread> out = new IdentityHashMap<>();
        for (Entry e : roots) {
            String base = baseName(e);
            String name = uses.get(base) == 1 ? base : base + (e.javaId > 0 ? "#" + e.javaId : "#tid" + e.osId);
            e.thread = new TraceThread(name, e.javaId, e.osId, e.virtual);
            out.put(e, e.thread);
        }
        return out;
    }

    /**
     * Returns how many entries there are, merged ones included.
     *
     * @return One more than the highest {@link Entry#index}.
     */
    int size() {
        return all.size();
    }

    /** {@code osEntry}: what {@code byOs} held for the reference's OS id, not put again when it is {@code e}. */
    private void learn(Entry e, JfrThread ref, Entry osEntry) {
        if (ref.javaId() > 0 && e.javaId < 0) {
            e.javaId = ref.javaId();
            byJava.put(e.javaId, e);
        }
        if (ref.osId() > 0) {
            if (e.osId < 0) e.osId = ref.osId();
            if (osEntry != e) byOs.put(ref.osId(), e);
        }
        if (e.javaName == null && nonEmpty(ref.javaName())) e.javaName = ref.javaName();
        if (e.osName == null && nonEmpty(ref.osName())) e.osName = ref.osName();
        e.virtual |= ref.virtual();
    }

    /** The name before disambiguation: the Java name, else the kernel's name, else "thread" (unnamed threads). */
    private static String baseName(Entry e) {
        if (e.javaName != null) return e.javaName;
        if (e.osName != null) return e.osName;
        return "thread";
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static Entry canonical(Entry e) {
        return e == null ? null : e.canonical();
    }
}
