package pxlab.rules;

import static org.openjdk.jmc.common.item.Attribute.attr;

import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import pxlab.jfr.PxlabEvents;

/**
 * The {@code pxlab.LockWait} fields as JMC attributes, as {@code JdkAttributes} does for the JDK's events, with the
 * content types JMC's parser gives them: a {@code long} without a unit annotation is a raw number, a
 * {@code @Timespan} one a timespan. For filters and aggregates over the items; the rules' analysis reads every field
 * through {@link ItemEventView}, which does not depend on these types.
 */
public final class PxlabAttributes {

    public static final IAttribute<Long> LOCK_ID = attr(PxlabEvents.LockWait.LOCK_ID, "Lock Id",
            "The lock's identity hash.", UnitLookup.RAW_LONG);
    public static final IAttribute<String> LOCK_KIND = attr(PxlabEvents.LockWait.KIND, "Lock Kind",
            "monitor, mutex, read, write, stamped-read or stamped-write.", UnitLookup.PLAIN_TEXT);
    public static final IAttribute<IMCThread> OWNER = attr(PxlabEvents.LockWait.OWNER, "Owner",
            "The lock's owner when the wait began.", UnitLookup.THREAD);
    public static final IAttribute<IQuantity> OWNER_CPU_TIME = attr(PxlabEvents.LockWait.OWNER_CPU_TIME,
            "Owner CPU Time", "The owner's CPU time during the wait.", UnitLookup.TIMESPAN);
    public static final IAttribute<IQuantity> OWNER_RUNQUEUE_WAIT = attr(PxlabEvents.LockWait.OWNER_RUNQUEUE_WAIT,
            "Owner Run-Queue Wait", "The owner's time runnable but not running during the wait.", UnitLookup.TIMESPAN);

    private PxlabAttributes() {
    }
}
