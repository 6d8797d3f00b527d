package pxlab.agent.bootstrap;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code pxlab.LockWait}: a contended lock acquisition, from the moment the thread started to wait until it got the
 * lock or gave up. The event's name and fields are a contract (docs/events.md).
 *
 * <p><b>Note</b>: loaded by the bootstrap class loader, so the JDK's own lock classes can create it.
 */
@Name("pxlab.LockWait")
@Label("Lock Wait")
@Category({"pxlab", "Locks"})
@Description("A thread waited for a lock held by another thread")
@StackTrace(true)
public final class LockWaitEvent extends jdk.jfr.Event {

    @Label("Lock Id")
    @Description("Identity hash of the lock's synchronizer or monitor object; the same lock has the same id within a recording")
    public long lockId;

    @Label("Lock Class")
    @Description("Class of the synchronizer (e.g. java.util.concurrent.locks.ReentrantLock$NonfairSync) or monitor object; for a class's own monitor (static synchronized) that class")
    public Class<?> lockClass;

    @Label("Kind")
    @Description("monitor, mutex, read, write, stamped-read or stamped-write")
    public String kind;

    @Label("Owner")
    @Description("The thread holding the lock when the wait began (for a read wait, the writer); null when unknown")
    public Thread owner;

    @Label("Owner OS Thread Id")
    @Description("The owner's Linux thread id; 0 when unknown. Names the owner even where JFR writes an ended thread as null")
    public long ownerOsThreadId;

    @Label("Owner Java Thread Id")
    @Description("The owner's Thread.getId(), as javaThreadId in JFR's thread type; 0 when there is no owner. Names the owner where JFR writes an ended thread as null")
    public long ownerJavaThreadId;

    @Label("Owner Java Thread Name")
    @Description("The owner's Thread.getName(); null when there is no owner")
    public String ownerJavaThreadName;

    @Label("Acquired")
    @Description("Whether the wait ended with the lock acquired (false: timed out or interrupted)")
    public boolean acquired;

    @Label("Owner CPU Time")
    @Description("CPU time the owner got during the wait; unset for waits under 1 ms or an unknown owner")
    @Timespan(Timespan.NANOSECONDS)
    public long ownerCpuTime = Long.MIN_VALUE;

    @Label("Owner Run-Queue Wait")
    @Description("Time the owner was runnable but not running during the wait: it was preempted while we waited")
    @Timespan(Timespan.NANOSECONDS)
    public long ownerRunqueueWait = Long.MIN_VALUE;

    // Not recorded (transient): the owner's schedstat when the wait began.
    transient int ownerTid = -1;
    transient int selfTid = -1;
    transient long startNanos;
    transient long ownerCpuStart;
    transient long ownerRqStart;
    /** The lock, while an exclusive wait lasts: the hold it waits for is looked up by it. */
    transient Object lock;
}
