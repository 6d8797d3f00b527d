package pxlab.agent.bootstrap;

/**
 * Emits {@code pxlab.ThreadCpu} for every thread in {@code /proc/self/task}; JFR calls it once per period.
 */
public final class ThreadCpu implements Runnable {

    /** Kernel thread names by OS id, read once per thread: JFR runs this hook on one thread at a time. */
    private final java.util.HashMap<Integer, String> comms = new java.util.HashMap<>();

    @Override
    public void run() {
        String[] tasks = new java.io.File("/proc/self/task").list();
        if (tasks == null) return;
        if (comms.size() > 2 * tasks.length + 64) comms.clear();   // forget ended threads now and then
        java.util.Map<Integer, Thread> threads = ThreadIds.knownThreads();
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
        }
    }
}
