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
        if (tid <= 0 || t == null) return;
        for (int attempt = 0; attempt < 2; attempt++) {
            Task task = TASKS.get(tid);
            if (task == null) task = TASKS.computeIfAbsent(tid, Task::new);
            if (task.contended == t) return;   // racy read: at worst a second look
            synchronized (task) {
                if (task.contended == t) return;
                if (check(task, t, new byte[BUFFER_BYTES])) {
                    task.contended = t;
                    return;
                }
            }
            // The files were those of an ended thread whose id t now has: try once with fresh ones.
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
        Task task = TASKS.computeIfAbsent(tid, Task::new);
        synchronized (task) {
            check(task, t, buf);
        }
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
     *
     * @return {@code false} when the thread could not be read (it ended): the task is dropped.
     */
    private static boolean check(Task task, Thread t, byte[] buf) {
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
        int cpuWeight = cpuWeight(s.cgroup, s.cgroupV2);
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
        if (!e.isEnabled()) return;
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

    /** The cgroup's weight, read at most once per sampling round; -1 when unknown. */
    private static int cpuWeight(String cgroup, boolean v2) {
        if (cgroup == null) return -1;
        long now = round;
        Weight w = WEIGHTS.get(cgroup);
        if (w != null && w.round() == now) return w.value();
        if (WEIGHTS.size() >= MAX_CGROUPS) WEIGHTS.clear();
        int value = readCpuWeight(cgroup, v2);
        WEIGHTS.put(cgroup, new Weight(now, value));
        return value;
    }

    private static int readCpuWeight(String cgroup, boolean v2) {
        String path = cgroup.equals("/") ? "" : cgroup;
        if (v2) {
            for (String root : new String[]{"/sys/fs/cgroup", "/sys/fs/cgroup/unified"}) {
                String w = Procfs.read(root + path + "/cpu.weight");
                if (w != null) return Integer.parseInt(w.trim());
            }
        }
        String shares = Procfs.read("/sys/fs/cgroup/cpu" + path + "/cpu.shares");
        if (shares == null) shares = Procfs.read("/sys/fs/cgroup/cpu,cpuacct" + path + "/cpu.shares");
        if (shares == null) return -1;
        // The kernel's v1 <-> v2 mapping: weight = 1 + ((shares - 2) * 9999) / 262142.
        long s = Long.parseLong(shares.trim());
        return (int) (1 + ((s - 2) * 9999) / 262142);
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
