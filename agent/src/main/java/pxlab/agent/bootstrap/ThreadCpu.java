package pxlab.agent.bootstrap;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Emits {@code pxlab.ThreadCpu} for every thread in {@code /proc/self/task}; JFR calls it once per period.
 */
public final class ThreadCpu implements Runnable {

    @Override
    public void run() {
        String[] tasks = new java.io.File("/proc/self/task").list();
        if (tasks == null) return;
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
            e.osThreadName = comm(tid);
            e.thread = threads.get(tid);
            e.cpuTime = s[0];
            e.runqueueWait = s[1];
            e.commit();
        }
    }

    private static String comm(int tid) {
        try (FileInputStream in = new FileInputStream("/proc/self/task/" + tid + "/comm")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
