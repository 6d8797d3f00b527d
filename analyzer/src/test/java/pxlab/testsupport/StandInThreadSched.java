package pxlab.testsupport;

import jdk.jfr.Category;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A stand-in for the agent's {@code pxlab.ThreadSched} (docs/EVENTS.md), for tests that write recordings in their
 * own JVM without the agent: a thread's scheduling attributes. Like the agent's, it records no stack.
 */
@Name("pxlab.ThreadSched")
@Category({"pxlab", "Threads"})
@StackTrace(false)
public final class StandInThreadSched extends jdk.jfr.Event {
    public Thread thread;
    public long osThreadId;
    public int javaPriority;
    public String policy;
    public int nice;
    public int rtPriority;
    public String affinity;
    public String cgroup;
    public int cpuWeight;
    public boolean virtual;

    /**
     * Commits the attributes of an ordinary thread: SCHED_OTHER at Java priority 5, on CPUs 0-1, in the root
     * cgroup at weight 100, with the nice value given.
     *
     * @param thread     The thread.
     * @param osThreadId Its OS thread id.
     * @param nice       Its nice value.
     */
    public static void commit(Thread thread, long osThreadId, int nice) {
        StandInThreadSched s = new StandInThreadSched();
        s.thread = thread;
        s.osThreadId = osThreadId;
        s.javaPriority = 5;
        s.policy = "SCHED_OTHER";
        s.nice = nice;
        s.affinity = "0-1";
        s.cgroup = "/";
        s.cpuWeight = 100;
        s.commit();
    }
}
