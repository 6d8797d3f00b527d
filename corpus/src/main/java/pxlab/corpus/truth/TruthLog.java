package pxlab.corpus.truth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A workload's own record of every lock it asks for, gets and lets go, kept apart from the agent: the ground truth
 * the harness scores pxlab against (docs/TRUTH.md).
 *
 * <p>Each thread appends to a buffer of its own (two longs an event, no lock, no allocation once grown), and
 * {@link #write} turns the buffers into JSON lines at exit, so logging barely changes the dynamics it records.
 * Times are {@link System#nanoTime()}; one anchor pairs it with epoch nanoseconds so the harness can align them with
 * the recording's.
 *
 * <p><b>Note</b>: the buffers are read only by {@link #write}, after the workload has stopped its threads; a thread
 * still logging then may lose its last events.
 */
public final class TruthLog {

    /** What an event says; stored in the low bits of the event's code. */
    static final int REQUEST = 0;
    static final int ACQUIRED = 1;
    static final int RELEASED = 2;
    /** A request that ended without the lock (a timed-out {@code tryLock}). */
    static final int GAVE_UP = 3;
    /** Set on an event of a shared (read) acquisition. */
    static final int SHARED = 4;

    private final ConcurrentLinkedQueue<ThreadBuffer> buffers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<ThreadBuffer> local = ThreadLocal.withInitial(this::register);
    private final List<TrackedLock> locks = new CopyOnWriteArrayList<>();
    private final List<Plant> plants = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> notes = new CopyOnWriteArrayList<>();
    private final long[] anchor = Clocks.anchor();

    /**
     * Declares a lock the workload will log.
     *
     * @param name A name unique within the workload, e.g. {@code ledger}.
     * @param kind What it is: {@code monitor}, {@code mutex}, {@code rw}, {@code stamped}.
     * @return The handle to log its events with.
     */
    public TrackedLock lock(String name, String kind) {
        TrackedLock l = new TrackedLock(this, locks.size(), name, kind);
        locks.add(l);
        return l;
    }

    /**
     * Records what the workload plants, for the harness to look for.
     *
     * @param plant The planted wait pattern.
     */
    public void plant(Plant plant) {
        plants.add(plant);
    }

    /**
     * Records a change of the calling thread's scheduling attributes, made by the workload itself.
     *
     * @param requested {@link System#nanoTime()} when the change was asked for (the command started): until the
     *                  call, the truth does not know which attributes the thread had.
     * @param nice      The nice value it now has.
     * @param cpuWeight Its cgroup's {@code cpu.weight} (v1 shares mapped to a weight), or -1 for its process's own.
     * @param cgroup    Its cgroup path, or {@code null} for its process's own.
     * @param policy    {@code SCHED_OTHER} or {@code SCHED_FIFO}.
     */
    public void sched(long requested, int nice, int cpuWeight, String cgroup, String policy) {
        local.get().sched.add(new Sched(requested, System.nanoTime(), nice, 0, cpuWeight, cgroup, policy));
    }

    /**
     * Records that the calling thread now runs {@code SCHED_FIFO}.
     *
     * @param requested  {@link System#nanoTime()} when the change was asked for.
     * @param rtPriority Its real-time priority, 1..99.
     */
    public void schedFifo(long requested, int rtPriority) {
        local.get().sched.add(new Sched(requested, System.nanoTime(), 0, rtPriority, -1, null, "SCHED_FIFO"));
    }

    /**
     * Records a fact about the run, written as one line of its own (e.g. why a part could not be set up).
     *
     * @param note Its fields.
     */
    public void note(Map<String, Object> note) {
        notes.add(Map.copyOf(note));
    }

    void event(TrackedLock lock, int op) {
        local.get().add(((long) lock.id() << 8) | op, System.nanoTime());
    }

    private ThreadBuffer register() {
        ThreadBuffer b = new ThreadBuffer(Thread.currentThread());
        buffers.add(b);
        return b;
    }

    /**
     * Writes the log as JSON lines: the anchor, the locks, the plants, then per thread its identity, scheduling
     * changes and events. The format is read by the harness's {@code Truth} and described in docs/TRUTH.md.
     *
     * @param file     Where.
     * @param workload The workload's name.
     * @param skipped  Why the workload did not run, or {@code null} when it did.
     * @throws IOException When the file cannot be written.
     */
    public void write(Path file, String workload, String skipped) throws IOException {
        long[] end = Clocks.anchor();
        JsonFactory json = new JsonFactory();
        try (JsonGenerator g = json.createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8)) {
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            g.writeStartObject();
            g.writeStringField("type", "run");
            g.writeStringField("workload", workload);
            if (skipped != null) g.writeStringField("skipped", skipped);
            g.writeNumberField("nanoTime", anchor[0]);
            g.writeNumberField("epochNs", anchor[1]);
            g.writeNumberField("endNanoTime", end[0]);
            g.writeNumberField("endEpochNs", end[1]);
            g.writeNumberField("pid", ProcessHandle.current().pid());
            g.writeEndObject();
            for (TrackedLock l : locks) {
                g.writeStartObject();
                g.writeStringField("type", "lock");
                g.writeNumberField("id", l.id());
                g.writeStringField("name", l.name());
                g.writeStringField("kind", l.kind());
                g.writeEndObject();
            }
            for (Plant p : plants) p.write(g);
            for (Map<String, Object> n : notes) {
                g.writeStartObject();
                g.writeStringField("type", "note");
                for (Map.Entry<String, Object> e : n.entrySet()) {
                    g.writeStringField(e.getKey(), String.valueOf(e.getValue()));
                }
                g.writeEndObject();
            }
            List<ThreadBuffer> all = new ArrayList<>(buffers);
            for (ThreadBuffer b : all) b.write(g);
        }
    }

    /** Returns the number of threads that logged anything, for the workload's summary line. */
    public int threads() {
        return buffers.size();
    }

    /** Returns the number of events logged, for the workload's summary line. */
    public long events() {
        long n = 0;
        for (ThreadBuffer b : buffers) n += b.size / 2;
        return n;
    }

    /** One scheduling change. */
    record Sched(long requested, long nanoTime, int nice, int rtPriority, int cpuWeight, String cgroup, String policy) {
    }

    /** One thread's events, appended by that thread alone. */
    private static final class ThreadBuffer {

        final long javaId;
        final String name;
        final long tid;
        final boolean virtual;
        final int nice;
        final List<Sched> sched = new ArrayList<>(1);
        long[] data = new long[256];
        int size;

        ThreadBuffer(Thread t) {
            javaId = t.getId();
            name = t.getName();
            virtual = Threads.isVirtual(t);
            // A virtual thread's /proc/thread-self is its carrier's: meaningless for it.
            tid = virtual ? -1 : OsThread.tid();
            nice = virtual ? 0 : OsThread.nice();
        }

        void add(long code, long nanoTime) {
            if (size + 2 > data.length) data = java.util.Arrays.copyOf(data, data.length * 2);
            data[size] = code;
            data[size + 1] = nanoTime;
            size += 2;
        }

        void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("type", "thread");
            g.writeNumberField("javaId", javaId);
            g.writeStringField("name", name);
            g.writeNumberField("tid", tid);
            g.writeBooleanField("virtual", virtual);
            g.writeNumberField("nice", nice);
            g.writeArrayFieldStart("sched");
            for (Sched s : sched) {
                g.writeStartObject();
                g.writeNumberField("requested", s.requested());
                g.writeNumberField("t", s.nanoTime());
                g.writeNumberField("nice", s.nice());
                g.writeNumberField("rtPriority", s.rtPriority());
                g.writeNumberField("cpuWeight", s.cpuWeight());
                if (s.cgroup() != null) g.writeStringField("cgroup", s.cgroup());
                g.writeStringField("policy", s.policy());
                g.writeEndObject();
            }
            g.writeEndArray();
            // Events as two parallel arrays: (lock << 8 | op) codes and their nanoTimes.
            int n = size / 2;
            g.writeArrayFieldStart("codes");
            for (int i = 0; i < n; i++) g.writeNumber(data[2 * i]);
            g.writeEndArray();
            g.writeArrayFieldStart("times");
            for (int i = 0; i < n; i++) g.writeNumber(data[2 * i + 1]);
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
