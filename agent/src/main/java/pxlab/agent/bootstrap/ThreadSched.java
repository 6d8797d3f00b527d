package pxlab.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a thread's scheduling attributes from {@code /proc/self/task/<tid>/stat}, {@code status} and
 * {@code cgroup}, and records a {@code pxlab.ThreadSched} event when they are new or changed. Each thread is read
 * at most once a second, so a change shows up within a second of the thread's next long wait.
 */
public final class ThreadSched {

    private static final String[] POLICIES = {"SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO",
            "SCHED_IDLE", "SCHED_DEADLINE"};
    private static final ConcurrentHashMap<Integer, String> LAST = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, Long> CHECKED = new ConcurrentHashMap<>();
    private static final long RECHECK_NS = 1_000_000_000L;
    /** Affinity and cgroup (three more files) are re-read this seldom; nice and policy at every check. */
    private static final long RECHECK_PLACEMENT_NS = 10_000_000_000L;
    private static final ConcurrentHashMap<Integer, Placement> PLACEMENT = new ConcurrentHashMap<>();

    /** Where a thread may run, as last read. */
    private record Placement(long readNs, String affinity, String cgroup, int cpuWeight) {
    }
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private ThreadSched() {
    }

    /**
     * Records a thread's attributes if they differ from what was last recorded for it.
     *
     * @param t   The thread, or {@code null} for a thread the agent cannot name (the event's {@code thread} is then
     *            null and its Java priority -1; {@code osThreadId} still names it).
     * @param tid Its OS id.
     */
    public static void observe(Thread t, int tid) {
        if (tid <= 0) return;
        // Attributes change rarely: look at each thread at most once per RECHECK_NS, whatever its wait rate.
        long now = System.nanoTime();
        Long last = CHECKED.get(tid);
        if (last != null && now - last < RECHECK_NS) return;
        CHECKED.put(tid, now);
        String stat = Procfs.read("/proc/self/task/" + tid + "/stat");
        if (stat == null) return;
        int close = stat.lastIndexOf(')');   // the name may hold spaces and parentheses
        String[] f = stat.substring(close + 2).split(" ");
        // Field k of proc(5) is f[k - 3]: nice is 19, rt_priority 40, policy 41.
        int nice = Integer.parseInt(f[16]);
        int rtPriority = Integer.parseInt(f[37]);
        int policy = Integer.parseInt(f[38]);
        Placement where = PLACEMENT.get(tid);
        if (where == null || now - where.readNs() >= RECHECK_PLACEMENT_NS) {
            String[] cgroup = cgroup(Procfs.read("/proc/self/task/" + tid + "/cgroup"));
            where = new Placement(now, statusField(Procfs.read("/proc/self/task/" + tid + "/status"),
                    "Cpus_allowed_list:"), cgroup[0], cpuWeight(cgroup));
            PLACEMENT.put(tid, where);
        }
        int javaPriority = t == null ? -1 : t.getPriority();
        String key = javaPriority + "|" + policy + "|" + nice + "|" + rtPriority + "|" + where.affinity() + "|"
                + where.cgroup();
        if (key.equals(LAST.put(tid, key))) return;
        ThreadSchedEvent e = new ThreadSchedEvent();
        if (!e.isEnabled()) return;
        e.thread = t;
        if (t != null) {
            e.javaThreadId = t.getId();
            e.javaThreadName = t.getName();
        }
        e.osThreadId = tid;
        e.javaPriority = javaPriority;
        e.policy = policy >= 0 && policy < POLICIES.length ? POLICIES[policy] : Integer.toString(policy);
        e.nice = nice;
        e.rtPriority = rtPriority;
        e.affinity = where.affinity();
        e.cgroup = where.cgroup();
        e.cpuWeight = where.cpuWeight();
        e.virtual = t != null && isVirtual(t);
        e.commit();
    }

    /**
     * Tells whether a thread's attributes were recorded.
     *
     * @param tid Its OS id.
     * @return {@code true} once a {@code pxlab.ThreadSched} described it.
     */
    static boolean described(int tid) {
        return LAST.containsKey(tid);
    }

    /**
     * Forgets threads that ended, so their ids can be reused.
     *
     * @param alive The OS ids of the live threads.
     */
    static void retain(java.util.Set<Integer> alive) {
        LAST.keySet().retainAll(alive);
        CHECKED.keySet().retainAll(alive);
        PLACEMENT.keySet().retainAll(alive);
    }

    private static String statusField(String status, String name) {
        if (status == null) return null;
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) return line.substring(name.length()).trim();
        }
        return null;
    }

    /** Returns {@code [path, version]}: the v2 path ("0::/x") if present, else the v1 cpu controller's path. */
    private static String[] cgroup(String text) {
        if (text == null) return new String[]{null, null};
        String v1 = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("0::")) return new String[]{line.substring(3), "2"};
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && (",".concat(parts[1]).concat(",")).contains(",cpu,")) v1 = parts[2];
        }
        return new String[]{v1, v1 == null ? null : "1"};
    }

    private static int cpuWeight(String[] cgroup) {
        if (cgroup[0] == null) return -1;
        String path = cgroup[0].equals("/") ? "" : cgroup[0];
        if ("2".equals(cgroup[1])) {
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
