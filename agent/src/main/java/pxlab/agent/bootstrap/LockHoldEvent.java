package pxlab.agent.bootstrap;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code pxlab.LockHold}: a hold of a lock that made another thread wait, from the moment the first waiter was seen
 * until the holder released the lock (or gave it up in {@code Condition.await} / {@code Object.wait}). Created by a
 * waiter and ended by the holder's release, or by the next thread to acquire the lock when it gets there first; so
 * the holder is a field, not the event's thread. The name and fields are a contract (docs/EVENTS.md).
 */
@Name("pxlab.LockHold")
@Label("Lock Hold")
@Category({"pxlab", "Locks"})
@Description("A thread held a lock while other threads waited for it")
@StackTrace(false)
public final class LockHoldEvent extends jdk.jfr.Event {

    @Label("Lock Id")
    @Description("Identity hash of the lock's synchronizer or monitor object; matches pxlab.LockWait's lockId")
    public long lockId;

    @Label("Lock Class")
    @Description("Class of the synchronizer (e.g. java.util.concurrent.locks.ReentrantLock$NonfairSync) or monitor object; for a class's own monitor (static synchronized) that class")
    public Class<?> lockClass;

    @Label("Kind")
    @Description("monitor, mutex or write")
    public String kind;

    @Label("Holder")
    @Description("The thread that held the lock")
    public Thread holder;

    @Label("Holder OS Thread Id")
    @Description("The holder's Linux thread id; 0 when unknown")
    public long holderOsThreadId;

    @Label("Holder Java Thread Id")
    @Description("The holder's Thread.getId(), as javaThreadId in JFR's thread type. Names the holder where JFR writes an ended thread as null")
    public long holderJavaThreadId;

    @Label("Holder Java Thread Name")
    @Description("The holder's Thread.getName()")
    public String holderJavaThreadName;

    @Label("Holder CPU Time")
    @Description("CPU time the holder got during the hold; unset for holds under 1 ms or an unknown OS thread")
    @Timespan(Timespan.NANOSECONDS)
    public long holderCpuTime = Long.MIN_VALUE;

    @Label("Holder Run-Queue Wait")
    @Description("Time the holder was runnable but not running during the hold")
    @Timespan(Timespan.NANOSECONDS)
    public long holderRunqueueWait = Long.MIN_VALUE;

    @Label("Waiters")
    @Description("How many waits for this lock began during the hold")
    public int waiters;

    // Not recorded: the hold's bookkeeping between the waiter that opens it and the holder that ends it.
    transient Object lock;
    transient int holderTid = -1;
    transient long startNanos;
    transient long holderCpuStart;
    transient long holderRqStart;
}
