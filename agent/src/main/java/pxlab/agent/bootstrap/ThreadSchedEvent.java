package pxlab.agent.bootstrap;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code pxlab.ThreadSched}: a thread's scheduling attributes, recorded when the agent first sees the thread and
 * whenever they change. A contract (docs/EVENTS.md).
 */
@Name("pxlab.ThreadSched")
@Label("Thread Scheduling")
@Category({"pxlab", "Threads"})
@Description("A thread's OS scheduling attributes, when first seen and when changed")
@StackTrace(false)
public final class ThreadSchedEvent extends jdk.jfr.Event {

    @Label("Thread")
    public Thread thread;

    @Label("Java Thread Id")
    @Description("The thread's Thread.getId(), as javaThreadId in JFR's thread type; 0 when the agent does not know the Java thread. Names the thread where JFR writes an ended thread as null")
    public long javaThreadId;

    @Label("Java Thread Name")
    @Description("The thread's Thread.getName(); null when the agent does not know the Java thread")
    public String javaThreadName;

    @Label("OS Thread Id")
    public long osThreadId;

    @Label("Java Priority")
    public int javaPriority;

    @Label("Policy")
    @Description("SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE or SCHED_DEADLINE")
    public String policy;

    @Label("Nice")
    public int nice;

    @Label("RT Priority")
    @Description("1..99 for SCHED_FIFO and SCHED_RR, else 0")
    public int rtPriority;

    @Label("CPU Affinity")
    @Description("The CPUs the thread may run on, as a list such as 0-3,8")
    public String affinity;

    @Label("Cgroup")
    @Description("The thread's cgroup path (the v2 path, or the v1 cpu controller's)")
    public String cgroup;

    @Label("CPU Weight")
    @Description("The cgroup's cpu.weight (v2), or cpu.shares converted to a weight (v1); -1 when unknown")
    public int cpuWeight;

    @Label("Virtual")
    @Description("Whether the thread is a virtual thread")
    public boolean virtual;
}
