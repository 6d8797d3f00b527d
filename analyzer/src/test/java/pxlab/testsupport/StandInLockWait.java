package pxlab.testsupport;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A stand-in for the agent's {@code pxlab.LockWait} (docs/EVENTS.md), for tests that write recordings in their own
 * JVM without the agent. It has every field the analyzer reads, also {@code ownerJavaThreadId} and
 * {@code ownerJavaThreadName}, which name an owner that ended before the commit; a field left unset reads as
 * unknown, as the agent's: 0 for the ids, {@link Long#MIN_VALUE} for the owner charges.
 *
 * <p>Stacks are off by default; a recording that wants them asks with
 * {@code recording.enable("pxlab.LockWait").withStackTrace()}.
 */
@Name("pxlab.LockWait")
@Label("Lock Wait")
@Category({"pxlab", "Locks"})
@StackTrace(false)
public final class StandInLockWait extends jdk.jfr.Event {
    public long lockId;
    public Class<?> lockClass;
    public String kind;
    public Thread owner;
    public long ownerOsThreadId;
    public long ownerJavaThreadId;
    public String ownerJavaThreadName;
    public boolean acquired;
    @Timespan(Timespan.NANOSECONDS)
    public long ownerCpuTime = Long.MIN_VALUE;
    @Timespan(Timespan.NANOSECONDS)
    public long ownerRunqueueWait = Long.MIN_VALUE;
}
