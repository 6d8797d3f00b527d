package pxlab.agent.bootstrap;

/**
 * Emits {@code pxlab.ThreadCpu} for every thread in {@code /proc/self/task}, and {@code pxlab.ThreadSched} for those
 * whose attributes are new or changed (so the CPU hogs that never touch a lock are described too); JFR calls it once
 * per period.
 */
public final class ThreadCpu implements Runnable {

    /** Kernel thread names by OS id, read once per thread: JFR runs this hook on one thread at a time. */
    private final java.util.HashMap<Integer, String> comms = new java.util.HashMap<>();
    /**
     * Threads' attributes are re-read for one in this many per period, in turn: reading a thread's stat costs more
     * than its schedstat, and attributes seldom change. A thread never described is read at once.
     */
    private static final int SCHED_SPREAD = 10;
    private int turn;

    @Override
    public void run() {
        String[] tasks = new java.io.File("/proc/self/task").list();
        if (tasks == null) return;
        if (comms.size() > 2 * tasks.length + 64) comms.clear();   // forget ended threads now and then
        java.util.Map<Integer, Thread> threads = ThreadIds.knownThreads();
        java.util.Set<Integer> alive = new java.util.HashSet<>();
        turn = (turn + 1) % SCHED_SPREAD;
        long[] s = new long[2];
        for (String task : tasks) {
            int tid;
            try {
                tid = Integer.parseInt(task);
            } catch (NumberFormatException e) {
                continue;
            }
            if (!SchedStat.read(tid, s)) continue;   // the thread ended meanwhile
            ThreadCpuEvent e = new ThreadCpuEvent();
            e.osThreadId = tid;
            e.osThreadName = comms.computeIfAbsent(tid, Procfs::comm);
            e.thread = threads.get(tid);
            e.cpuTime = s[0];
            e.runqueueWait = s[1];
            e.commit();
            alive.add(tid);
            if (tid % SCHED_SPREAD == turn || !ThreadSched.described(tid)) ThreadSched.observe(e.thread, tid);
        }
        ThreadSched.retain(alive);
    }
}
