package pxlab.jfr;

/**
 * Every JFR event type and field the analyzer reads, in one place: the {@code pxlab.*} contract (docs/EVENTS.md)
 * and the {@code jdk.*} events that stand in for it, or add to it.
 *
 * <p>Each nested class is one event type: {@code NAME} is the type's name and the other constants its fields. A
 * field read here may be missing from a given recording (older agent, other JDK); {@link pxlab.jfr.chunk.RecordingReader} checks
 * presence before reading, so adding a field to the contract never breaks reading old recordings.
 */
public final class PxlabEvents {

    /** Every event's start, as a timestamp. */
    public static final String START_TIME = "startTime";
    /** A duration event's length, as a timespan. */
    public static final String DURATION = "duration";
    /** The thread that committed the event. */
    public static final String EVENT_THREAD = "eventThread";
    /** The committing thread's stack, when the event type records one. */
    public static final String STACK_TRACE = "stackTrace";
    /** A thread constant's field that is set only for virtual threads' recordings (JDK 21+). */
    public static final String THREAD_VIRTUAL = "virtual";

    private PxlabEvents() {
    }

    /** {@code pxlab.LockWait}: a contended lock acquisition; the event thread waited. */
    public static final class LockWait {
        public static final String NAME = "pxlab.LockWait";
        public static final String LOCK_ID = "lockId";
        public static final String LOCK_CLASS = "lockClass";
        /** {@code monitor}, {@code mutex}, {@code read}, {@code write}, {@code stamped-read}, {@code stamped-write}. */
        public static final String KIND = "kind";
        /** The owner when the wait began; null when unknown or shared, or when the owner ended early. */
        public static final String OWNER = "owner";
        /** The owner's Linux thread id, 0 when unknown: names the owner where JFR writes an ended thread as null. */
        public static final String OWNER_OS_THREAD_ID = "ownerOsThreadId";
        /** The owner's {@code Thread.getId()}, 0 without an owner: names it where JFR wrote {@link #OWNER} as null. */
        public static final String OWNER_JAVA_THREAD_ID = "ownerJavaThreadId";
        /** The owner's {@code Thread.getName()}, null without an owner. */
        public static final String OWNER_JAVA_THREAD_NAME = "ownerJavaThreadName";
        public static final String ACQUIRED = "acquired";
        /** Nanoseconds; {@code Long.MIN_VALUE} (JFR: N/A) when unknown. */
        public static final String OWNER_CPU_TIME = "ownerCpuTime";
        /** Nanoseconds; {@code Long.MIN_VALUE} (JFR: N/A) when unknown. */
        public static final String OWNER_RUNQUEUE_WAIT = "ownerRunqueueWait";

        private LockWait() {
        }
    }

    /**
     * {@code pxlab.LockHold}: a contended hold. The event thread is whoever ended the hold (the holder, or the next
     * thread to acquire the lock); {@code holder} names the holder. Recordings made before that field existed have
     * the holder as the event thread.
     */
    public static final class LockHold {
        public static final String NAME = "pxlab.LockHold";
        public static final String HOLDER = "holder";
        /** The holder's Linux thread id, 0 when unknown. */
        public static final String HOLDER_OS_THREAD_ID = "holderOsThreadId";
        /** The holder's {@code Thread.getId()}: names it where JFR wrote {@link #HOLDER} as null. */
        public static final String HOLDER_JAVA_THREAD_ID = "holderJavaThreadId";
        /** The holder's {@code Thread.getName()}. */
        public static final String HOLDER_JAVA_THREAD_NAME = "holderJavaThreadName";
        public static final String LOCK_ID = "lockId";
        public static final String LOCK_CLASS = "lockClass";
        public static final String KIND = "kind";
        /** Nanoseconds; {@code Long.MIN_VALUE} when unknown. */
        public static final String HOLDER_CPU_TIME = "holderCpuTime";
        /** Nanoseconds; {@code Long.MIN_VALUE} when unknown. */
        public static final String HOLDER_RUNQUEUE_WAIT = "holderRunqueueWait";
        public static final String WAITERS = "waiters";

        private LockHold() {
        }
    }

    /** {@code pxlab.ThreadSched}: a thread's OS scheduling attributes, when first seen and when changed. */
    public static final class ThreadSched {
        public static final String NAME = "pxlab.ThreadSched";
        /** The thread described; the event thread is only whoever recorded it. */
        public static final String THREAD = "thread";
        public static final String OS_THREAD_ID = "osThreadId";
        /** The thread's {@code Thread.getId()}, 0 when the agent does not know it: names it where JFR wrote null. */
        public static final String JAVA_THREAD_ID = "javaThreadId";
        /** The thread's {@code Thread.getName()}, null when the agent does not know it. */
        public static final String JAVA_THREAD_NAME = "javaThreadName";
        public static final String JAVA_PRIORITY = "javaPriority";
        public static final String POLICY = "policy";
        public static final String NICE = "nice";
        public static final String RT_PRIORITY = "rtPriority";
        public static final String AFFINITY = "affinity";
        public static final String CGROUP = "cgroup";
        public static final String CPU_WEIGHT = "cpuWeight";
        public static final String VIRTUAL = "virtual";

        private ThreadSched() {
        }
    }

    /** {@code pxlab.ThreadCpu}: periodic cumulative CPU and run-queue time of every OS thread of the JVM. */
    public static final class ThreadCpu {
        public static final String NAME = "pxlab.ThreadCpu";
        /** The Java thread, null for threads the agent never saw in a lock wait. */
        public static final String THREAD = "thread";
        public static final String OS_THREAD_ID = "osThreadId";
        public static final String OS_THREAD_NAME = "osThreadName";
        public static final String CPU_TIME = "cpuTime";
        public static final String RUNQUEUE_WAIT = "runqueueWait";

        private ThreadCpu() {
        }
    }

    /** {@code pxlab.Request}: one timed call of a method named with the agent's {@code requests=} option. */
    public static final class Request {
        public static final String NAME = "pxlab.Request";
        /** {@code Class#method}. */
        public static final String REQUEST = "name";
        public static final String FAILED = "failed";

        private Request() {
        }
    }

    /** {@code jdk.JavaMonitorEnter}: a contended {@code synchronized} entry, the fallback for monitor waits. */
    public static final class MonitorEnter {
        public static final String NAME = "jdk.JavaMonitorEnter";
        public static final String MONITOR_CLASS = "monitorClass";
        /** The monitor's last owner before the waiter got it: weaker than the owner when the wait began. */
        public static final String PREVIOUS_OWNER = "previousOwner";
        /** The monitor object's address; the object may move, so this is an identity only within a short span. */
        public static final String ADDRESS = "address";

        private MonitorEnter() {
        }
    }

    /** {@code jdk.JavaMonitorWait}: {@code Object.wait()}, time off CPU that is not a lock wait. */
    public static final class MonitorWait {
        public static final String NAME = "jdk.JavaMonitorWait";
        public static final String MONITOR_CLASS = "monitorClass";

        private MonitorWait() {
        }
    }

    /** {@code jdk.ThreadPark}: {@code LockSupport.park}; a lock wait when the blocker is a lock's synchronizer. */
    public static final class ThreadPark {
        public static final String NAME = "jdk.ThreadPark";
        /** The blocker's class, null when the thread parked without a blocker. */
        public static final String PARKED_CLASS = "parkedClass";
        public static final String ADDRESS = "address";

        private ThreadPark() {
        }
    }

    /** {@code jdk.ThreadSleep}: {@code Thread.sleep}, time off CPU. */
    public static final class ThreadSleep {
        public static final String NAME = "jdk.ThreadSleep";

        private ThreadSleep() {
        }
    }

    /** {@code jdk.ThreadStart}: a thread started; the event thread is its parent. */
    public static final class ThreadStart {
        public static final String NAME = "jdk.ThreadStart";
        public static final String THREAD = "thread";

        private ThreadStart() {
        }
    }

    /** {@code jdk.ThreadEnd}: a thread ended. */
    public static final class ThreadEnd {
        public static final String NAME = "jdk.ThreadEnd";
        public static final String THREAD = "thread";

        private ThreadEnd() {
        }
    }

    /** {@code jdk.ThreadCPULoad}: periodic per-thread CPU load, as fractions of the machine. */
    public static final class ThreadCpuLoad {
        public static final String NAME = "jdk.ThreadCPULoad";
        public static final String USER = "user";
        public static final String SYSTEM = "system";

        private ThreadCpuLoad() {
        }
    }

    /** {@code jdk.ExecutionSample}: a thread sampled while executing Java code. */
    public static final class ExecutionSample {
        public static final String NAME = "jdk.ExecutionSample";
        public static final String SAMPLED_THREAD = "sampledThread";

        private ExecutionSample() {
        }
    }

    /** {@code jdk.CPUInformation}: the recording machine's processors, once per chunk. */
    public static final class CpuInformation {
        public static final String NAME = "jdk.CPUInformation";
        public static final String HW_THREADS = "hwThreads";

        private CpuInformation() {
        }
    }

    /** {@code jdk.VirtualThreadPinned}: a virtual thread blocked while pinned to its carrier (JDK 21+). */
    public static final class VirtualThreadPinned {
        public static final String NAME = "jdk.VirtualThreadPinned";

        private VirtualThreadPinned() {
        }
    }
}
