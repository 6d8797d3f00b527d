package pxlab.trace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.ExecutionSampleEvent;
import pxlab.jfr.JfrThread;
import pxlab.jfr.LockHoldEvent;
import pxlab.jfr.LockWaitEvent;
import pxlab.jfr.MonitorEnterEvent;
import pxlab.jfr.ThreadCpuEvent;
import pxlab.jfr.ThreadParkEvent;
import pxlab.jfr.ThreadSchedEvent;
import pxlab.jfr.ThreadSleepEvent;
import pxlab.jfr.VirtualThreadPinnedEvent;

/**
 * Builds traces by hand for tests: threads by name, times in milliseconds from a fixed origin, and the records a
 * recording would have produced, fed through a real {@link TraceBuilder}.
 */
public final class TraceFixture {

    /** One millisecond in nanoseconds. */
    public static final long MS = 1_000_000;
    /** The origin of every fixture's times, epoch nanoseconds. */
    public static final long T0 = 1_700_000_000_000_000_000L;
    /** A ReentrantLock's synchronizer class. */
    public static final String MUTEX_CLASS = "java.util.concurrent.locks.ReentrantLock$NonfairSync";

    private final TraceBuilder builder = new TraceBuilder();
    private final Map<String, JfrThread> threads = new HashMap<>();

    /**
     * Returns a thread by name, creating it with the next Java id and OS id.
     *
     * @param name The name.
     * @return The reference.
     */
    public JfrThread thread(String name) {
        return threads.computeIfAbsent(name, n -> {
            int i = threads.size() + 1;
            return new JfrThread(100 + i, 5000 + i, n, n, false);
        });
    }

    /** Records a fair thread's nice value at time 0. */
    public TraceFixture nice(String thread, int nice) {
        builder.threadSched(new ThreadSchedEvent(T0, thread(thread), 5, "SCHED_OTHER", nice, 0, "0-1", "/", 100));
        return this;
    }

    /** Records a SCHED_FIFO thread at time 0. */
    public TraceFixture fifo(String thread, int rtPriority) {
        builder.threadSched(new ThreadSchedEvent(T0, thread(thread), 5, "SCHED_FIFO", 0, rtPriority, "0-1", "/", 100));
        return this;
    }

    /**
     * Records a pxlab mutex wait.
     *
     * @param cpuMs The owner's CPU time during it, or -1 for unknown.
     * @param rqMs  The owner's run-queue wait, or -1 for unknown.
     */
    public TraceFixture waitFor(String waiter, String owner, long lockId, long startMs, long endMs, long cpuMs,
                                long rqMs) {
        return waitFor(waiter, owner, lockId, startMs, endMs, cpuMs, rqMs, true);
    }

    /** Records a pxlab mutex wait that got its lock, or gave up (a timed {@code tryLock}) when not acquired. */
    public TraceFixture waitFor(String waiter, String owner, long lockId, long startMs, long endMs, long cpuMs,
                                long rqMs, boolean acquired) {
        builder.lockWait(new LockWaitEvent(ms(startMs), ms(endMs), thread(waiter), lockId, MUTEX_CLASS, "mutex",
                owner == null ? null : thread(owner), acquired, cpuMs < 0 ? -1 : cpuMs * MS,
                rqMs < 0 ? -1 : rqMs * MS, List.of("app.Service.call:" + lockId, "app.Main.run:1"), false));
        return this;
    }

    /** Records a pxlab monitor wait with measured owner charges. */
    public TraceFixture monitorWait(String waiter, String owner, long lockId, long startMs, long endMs, long cpuMs,
                                    long rqMs) {
        builder.lockWait(new LockWaitEvent(ms(startMs), ms(endMs), thread(waiter), lockId, "app.Cache", "monitor",
                thread(owner), true, cpuMs * MS, rqMs * MS, List.of("app.Cache.get:7"), false));
        return this;
    }

    /** Records a {@code jdk.JavaMonitorEnter}. */
    public TraceFixture monitorEnter(String waiter, String previousOwner, long startMs, long endMs) {
        builder.monitorEnter(new MonitorEnterEvent(ms(startMs), ms(endMs), thread(waiter), "app.Cache", 0x7f00,
                previousOwner == null ? null : thread(previousOwner), List.of("app.Cache.get:7"), false));
        return this;
    }

    /** Records a {@code jdk.ThreadPark}. */
    public TraceFixture park(String thread, String parkedClass, String acquire, long startMs, long endMs) {
        builder.threadPark(new ThreadParkEvent(ms(startMs), ms(endMs), thread(thread), parkedClass, 0x7e00, acquire,
                List.of("app.Store.put:3"), false));
        return this;
    }

    /** Records a {@code jdk.ThreadSleep}. */
    public TraceFixture sleep(String thread, long startMs, long endMs) {
        builder.threadSleep(new ThreadSleepEvent(ms(startMs), ms(endMs), thread(thread)));
        return this;
    }

    /** Records a {@code jdk.VirtualThreadPinned}: the thread blocked pinned to its carrier. */
    public TraceFixture pinned(String thread, long startMs, long endMs) {
        builder.virtualThreadPinned(new VirtualThreadPinnedEvent(ms(startMs), ms(endMs), thread(thread)));
        return this;
    }

    /** Records execution samples of a thread. */
    public TraceFixture samples(String thread, long... atMs) {
        for (long at : atMs) builder.executionSample(new ExecutionSampleEvent(ms(at), thread(thread)));
        return this;
    }

    /**
     * Records a pxlab mutex hold.
     *
     * @param cpuMs The holder's CPU time, or -1 for unknown.
     * @param rqMs  Its run-queue wait, or -1 for unknown.
     */
    public TraceFixture hold(String holder, long lockId, long startMs, long endMs, long cpuMs, long rqMs) {
        return hold(holder, lockId, startMs, endMs, cpuMs, rqMs, List.of());
    }

    /** Records a pxlab mutex hold with the holder's top frames, as the agent records them at the release. */
    public TraceFixture hold(String holder, long lockId, long startMs, long endMs, long cpuMs, long rqMs,
                             List<String> stack) {
        builder.lockHold(new LockHoldEvent(ms(startMs), ms(endMs), thread(holder), lockId, MUTEX_CLASS, "mutex",
                cpuMs < 0 ? -1 : cpuMs * MS, rqMs < 0 ? -1 : rqMs * MS, 1, stack));
        return this;
    }

    /** Records a {@code pxlab.ThreadCpu} sample: the thread's CPU and run-queue time since it started. */
    public TraceFixture cpu(String thread, long atMs, long cpuMs, long rqMs) {
        builder.threadCpu(new ThreadCpuEvent(ms(atMs), thread(thread), cpuMs * MS, rqMs * MS));
        return this;
    }

    /**
     * One CPU for 1 s: the hog is always runnable; the owner (nice 19) holds the lock from 100 ms to 900 ms but gets
     * only 10 ms of CPU in it (790 ms in the run queue); the waiter (nice 0) waits from 100 ms to 900 ms. The replay
     * gives the waiter most of that wait under none and little under proxy.
     *
     * @param lockId The lock's id.
     * @return The trace.
     */
    public static Trace preemptedOwner(long lockId) {
        return preemptedOwner(lockId, 800);
    }

    /**
     * The same, with a wait of another length: the model replays the owner's 10 ms of CPU at nice 19 in the same
     * time whatever was recorded, so a wait near that time replays within the fidelity goal and a long one does not.
     */
    public static Trace preemptedOwner(long lockId, long waitMs) {
        long end = 100 + waitMs;
        TraceFixture f = new TraceFixture().nice("owner", 19).nice("waiter", 0).nice("hog", 0)
                .hold("owner", lockId, 100, end, 10, waitMs - 10)
                .waitFor("waiter", "owner", lockId, 100, end, 10, waitMs - 10)
                .cpu("hog", 0, 0, 0).cpu("hog", 1000, 900, 100)
                .cpu("owner", 0, 0, 0).cpu("owner", 1000, 60, 800)
                .cpu("waiter", 0, 0, 0).cpu("waiter", 1000, 40, 10);
        f.builder().cpuInformation(new CpuInformationEvent(ms(0), 1));
        return f.build();
    }

    /** Gives direct access to the builder, for records the fixture has no shortcut for. */
    public TraceBuilder builder() {
        return builder;
    }

    /** Builds the trace. */
    public Trace build() {
        return builder.build();
    }

    /** Returns the fixture time {@code ms} milliseconds after the origin. */
    public static long ms(long ms) {
        return T0 + ms * MS;
    }
}
