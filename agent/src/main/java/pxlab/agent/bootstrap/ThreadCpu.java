package pxlab.agent.bootstrap;

import java.io.File;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Once per period (JFR calls it), for every thread in {@code /proc/self/task}: emits {@code pxlab.ThreadCpu}, and
 * re-reads the thread's scheduling attributes, emitting {@code pxlab.ThreadSched} when they are new or changed (so
 * the CPU hogs that never touch a lock are described too, and any change is seen within one period).
 */
public final class ThreadCpu implements Runnable {

    /** Kernel thread names by OS id, read once per thread: JFR runs this hook on one thread at a time. */
    private final HashMap<Integer, String> comms = new HashMap<>();
    private final byte[] buf = new byte[ThreadSched.BUFFER_BYTES];
    private final long[] schedstat = new long[2];

    @Override
    public void run() {
        String[] tasks = new File("/proc/self/task").list();
        if (tasks == null) return;
        if (comms.size() > 2 * tasks.length + 64) comms.clear();   // forget ended threads now and then
        Map<Integer, Thread> threads = ThreadIds.knownThreads();
        Set<Integer> alive = new HashSet<>();
        ThreadSched.beginRound();
        for (String task : tasks) {
            int tid;
            try {
                tid = Integer.parseInt(task);
            } catch (NumberFormatException e) {
                continue;
            }
            if (!SchedStat.read(tid, schedstat)) continue;   // the thread ended meanwhile
            ThreadCpuEvent e = new ThreadCpuEvent();
            e.osThreadId = tid;
            e.osThreadName = comms.computeIfAbsent(tid, Procfs::comm);
            e.thread = threads.get(tid);
            e.cpuTime = schedstat[0];
            e.runqueueWait = schedstat[1];
            e.commit();
            alive.add(tid);
            ThreadSched.sample(e.thread, tid, buf);
        }
        ThreadSched.retain(alive);
        SchedStat.retain(alive);
    }
}
