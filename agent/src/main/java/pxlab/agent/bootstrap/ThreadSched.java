package pxlab.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a {@code pxlab.ThreadSched} event whenever a thread's scheduling attributes ({@link ThreadStat}, its
 * cgroup's weight, its Java identity and priority) are new or differ from what was last recorded for it. Threads are
 * read at two moments:
 * <ul>
 *   <li>{@link #contended}: a thread's first contended wait or hold, as waiter or as owner, before the wait's event
 *       begins; so the attributes of a thread that lives for less than a sampling period are recorded whenever it
 *       takes part in contention, and no later than its first wait;</li>
 *   <li>{@link #sample}: every live thread once per {@code pxlab.ThreadCpu} period, so a change (renice, chrt,
 *       taskset, a move to another cgroup, a new {@code cpu.weight}) is recorded within one period.</li>
 * </ul>
 */
public final class ThreadSched {

    private static final String[] POLICIES = {"SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO",
            "SCHED_IDLE", "SCHED_DEADLINE"};
    /** Room for a thread's {@code status} file, the largest read. */
    static final int BUFFER_BYTES = 8192;
    private static final int MAX_CGROUPS = 1024;
    private static final ConcurrentHashMap<Integer, Task> TASKS = new ConcurrentHashMap<>();
    /** Cgroup weights by path, each read once per sampling round. */
    private static final ConcurrentHashMap<String, Weight> WEIGHTS = new ConcurrentHashMap<>();
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    /** Asked whether the event is enabled; JFR keeps that state per event class, so one instance serves all. */
    private static final ThreadSchedEvent ENABLED = new ThreadSchedEvent();
    /** Counts sampling rounds; written by the sampler only. */
    private static volatile long round;

    /** A cgroup's weight and the round it was read in. */
    private record Weight(long round, int value) {
    }

    /** One OS thread: its files, the Java thread it runs, and what was last recorded for it. Guarded by itself. */
    private static final class Task {
        final ThreadStat stat;
        /** The sampling round the task was made in: a round that began later and did not list it may drop it. */
        final long born = round;
        /** The Java thread, once some caller knew it. */
        Thread thread;
        /** The thread whose first contention was described here: a new thread on a reused id is read again. */
        Thread contended;
        boolean recorded;
        long javaThreadId;
        int javaPriority;
        int policy;
        int nice;
        int rtPriority;
        String affinity;
        String cgroup;
        int cpuWeight;

        Task(int tid) {
            stat = new ThreadStat(tid);
        }
    }

    private ThreadSched() {
    }

    /**
     * Describes a thread taking part in contention (waiting, or owning what another waits for) the first time it
     * does: reads its attributes now and records them if they are new or changed. Later calls for the same thread
     * return at once; the sampler follows its changes.
     *
     * @param t   The thread.
     * @param tid Its OS id; nothing is done when it is not known (≤ 0).
     */
    public static void contended(Thread t, int tid) {
        if (tid <= 0 || t == null || !ENABLED.isEnabled()) return;
        for (int attempt = 0; attempt < 2; attempt++) {
            Task task = task(tid);
            if (task.contended == t) return;   // racy read: at worst a second look
            synchronized (task) {
                if (task.contended == t) return;
                if (check(task, t, new byte[BUFFER_BYTES], false)) {
                    task.contended = t;
                    return;
                }
            }
            // The files were those of an ended thread whose id t now has: try once with fresh ones.
        }
    }

    /**
     * Reads an owner's attributes again at the end of a long wait and records them if they changed during it: a
     * renice (or chrt, or cgroup move) while the waiter waited decides whether the wait was an inversion, and the
     * sampler would see it only up to a period later, after a short-lived owner may have ended.
     *
     * @param t   The owner.
     * @param tid Its OS id; nothing is done when it is not known (≤ 0).
     */
    public static void waited(Thread t, int tid) {
        if (tid <= 0 || t == null || !ENABLED.isEnabled()) return;
        Task task = task(tid);
        synchronized (task) {
            check(task, t, new byte[BUFFER_BYTES], false);
        }
    }

    /**
     * Reads the calling thread's attributes once, recording nothing, so that the code and the files' paths an
     * application thread's first contention takes are loaded, and its cgroup's weight known, before any contention.
     */
    public static void warmUp() {
        int tid = ThreadIds.learnSelf();
        if (tid <= 0) return;
        ThreadStat s = new ThreadStat(tid);
        try {
            if (s.read(new byte[BUFFER_BYTES])) cpuWeight(s, false);
        } catch (RuntimeException e) {   // only slower first contentions
            LockProbe.failed(e);
        } finally {
            s.close();
        }
    }

    /**
     * Starts a sampling round: cgroup weights are read again in it. Called by the sampler only.
     */
    static void beginRound() {
        round = round + 1;
    }

    /**
     * Reads one thread's attributes for the sampler and records them if they are new or changed.
     *
     * @param t   The Java thread, or {@code null} when the agent does not know it.
     * @param tid Its OS id.
     * @param buf A scratch buffer of {@link #BUFFER_BYTES}.
     */
    static void sample(Thread t, int tid, byte[] buf) {
        if (!ENABLED.isEnabled()) return;
        Task task = task(tid);
        synchronized (task) {
            check(task, t, buf, true);
        }
    }

    /**
     * Returns the thread's task, made if new. No lambda: linking one on first use, in an application thread in the
     * middle of its lock operation, would cost milliseconds.
     */
    private static Task task(int tid) {
        Task task = TASKS.get(tid);
        if (task != null) return task;
        Task made = new Task(tid);
        task = TASKS.putIfAbsent(tid, made);
        return task != null ? task : made;
    }

    /**
     * Forgets threads that ended and releases their files.
     *
     * @param alive The OS ids of the live threads.
     */
    static void retain(Set<Integer> alive) {
        long now = round;
        TASKS.entrySet().removeIf(e -> {
            if (alive.contains(e.getKey()) || e.getValue().born == now) return false;   // new since the listing
            e.getValue().stat.close();
            return true;
        });
    }

    /**
     * Reads a thread and records it when anything differs from the last record; called under the task's monitor.
     * Only the sampler reads cgroup weights again; an application thread uses the last weight read, if any.
     *
     * @return {@code false} when the thread could not be read (it ended): the task is dropped.
     */
    private static boolean check(Task task, Thread t, byte[] buf, boolean sampler) {
        ThreadStat s = task.stat;
        if (!s.read(buf)) {
            TASKS.remove(s.tid, task);
            s.close();
            return false;
        }
        if (t != null) task.thread = t;
        else if (task.thread != null && !task.thread.isAlive()) task.thread = null;   // not the thread there now
        Thread known = task.thread;
        long javaThreadId = known == null ? 0 : known.getId();
        int javaPriority = known == null ? -1 : known.getPriority();
        int cpuWeight = cpuWeight(s, sampler);
        if (task.recorded && javaThreadId == task.javaThreadId && javaPriority == task.javaPriority
                && s.policy == task.policy && s.nice == task.nice && s.rtPriority == task.rtPriority
                && Objects.equals(s.affinity, task.affinity) && Objects.equals(s.cgroup, task.cgroup)
                && cpuWeight == task.cpuWeight) {
            return true;
        }
        task.recorded = true;
        task.javaThreadId = javaThreadId;
        task.javaPriority = javaPriority;
        task.policy = s.policy;
        task.nice = s.nice;
        task.rtPriority = s.rtPriority;
        task.affinity = s.affinity;
        task.cgroup = s.cgroup;
        task.cpuWeight = cpuWeight;
        commit(task, known);
        return true;
    }

    private static void commit(Task task, Thread known) {
        ThreadSchedEvent e = new ThreadSchedEvent();
        e.thread = known;
        e.javaThreadId = task.javaThreadId;
        e.javaThreadName = known == null ? null : known.getName();
        e.osThreadId = task.stat.tid;
        e.javaPriority = task.javaPriority;
        int policy = task.policy;
        e.policy = policy >= 0 && policy < POLICIES.length ? POLICIES[policy] : Integer.toString(policy);
        e.nice = task.nice;
        e.rtPriority = task.rtPriority;
        e.affinity = task.affinity;
        e.cgroup = task.cgroup;
        e.cpuWeight = task.cpuWeight;
        e.virtual = known != null && isVirtual(known);
        e.commit();
    }

    /**
     * The weight of the thread's cgroup, -1 when unknown. The sampler reads it at most once per round; others use
     * the last value read, and read it only for a cgroup never read.
     */
    private static int cpuWeight(ThreadStat s, boolean sampler) {
        if (s.cgroup == null) return -1;
        String key = s.cgroup;
        long now = round;
        Weight w = WEIGHTS.get(key);
        if (w != null && (!sampler || w.round() == now)) return w.value();
        if (WEIGHTS.size() >= MAX_CGROUPS) WEIGHTS.clear();
        int value = readCpuWeight(s);
        WEIGHTS.put(key, new Weight(now, value));
        return value;
    }

    /**
     * Reads {@code cpu.weight} of the v2 cgroup, else {@code cpu.shares} of the v1 cpu controller's cgroup mapped to
     * a weight. Files are tested before they are opened: a missing file would cost an exception each time.
     */
    private static int readCpuWeight(ThreadStat s) {
        if (s.cgroupV2) {
            String path = s.cgroup.equals("/") ? "" : s.cgroup;
            for (String root : new String[]{"/sys/fs/cgroup", "/sys/fs/cgroup/unified"}) {
                String w = readIfPresent(root + path + "/cpu.weight");
                if (w != null) return Integer.parseInt(w.trim());
            }
        }
        if (s.cpuCgroupV1 == null) return -1;
        String path = s.cpuCgroupV1.equals("/") ? "" : s.cpuCgroupV1;
        String shares = readIfPresent("/sys/fs/cgroup/cpu" + path + "/cpu.shares");
        if (shares == null) shares = readIfPresent("/sys/fs/cgroup/cpu,cpuacct" + path + "/cpu.shares");
        if (shares == null) return -1;
        // The kernel's v1 <-> v2 mapping: weight = 1 + ((shares - 2) * 9999) / 262142.
        long v1Shares = Long.parseLong(shares.trim());
        return (int) (1 + ((v1Shares - 2) * 9999) / 262142);
    }

    /** Reads a small file if it exists; {@code null} also when its text is not a number, the only content read. */
    private static String readIfPresent(String path) {
        String text = new java.io.File(path).isFile() ? Procfs.read(path) : null;
        if (text == null) return null;
        text = text.trim();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') return null;
        }
        return text.isEmpty() || text.length() > 9 ? null : text;
    }

    private static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) return false;
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {   // Thread.isVirtual() exists from JDK 21; this code is compiled for 17
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
