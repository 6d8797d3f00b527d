package pxlab.rules;

import pxlab.jfr.PxlabEvents;

/**
 * The event type ids the pxlab rules read, as JMC's {@code JdkTypeIDs} names the JDK's: the {@code pxlab.*} contract
 * (docs/EVENTS.md) and the {@code jdk.*} lock events that stand in for it without the agent. The names come from
 * the analyzer's {@link PxlabEvents}, so there is one list.
 */
public final class PxlabTypeIds {

    public static final String LOCK_WAIT = PxlabEvents.LockWait.NAME;
    public static final String LOCK_HOLD = PxlabEvents.LockHold.NAME;
    public static final String THREAD_SCHED = PxlabEvents.ThreadSched.NAME;
    public static final String THREAD_CPU = PxlabEvents.ThreadCpu.NAME;
    public static final String REQUEST = PxlabEvents.Request.NAME;
    public static final String MONITOR_ENTER = PxlabEvents.MonitorEnter.NAME;
    public static final String THREAD_PARK = PxlabEvents.ThreadPark.NAME;

    private PxlabTypeIds() {
    }
}
