package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;

/** {@link SleepingOwnerRule} through JMC's engine, on recordings made by real JVMs. */
class SleepingOwnerRuleIT {

    private static final String ID = "PxlabSleepingOwner";

    @Test
    void ownersSleepingUnderTheLockAreAWarningWithTheCodeToChange() throws Exception {
        IResult r = Recordings.result(Recordings.quiet(), ID);
        assertTrue(r.getSeverity().compareTo(Severity.INFO) >= 0, Recordings.summary(r));
        // sleeping-owner sleeps 150 ms holding a ReentrantLock; the running owner's and monitor waits are the rest.
        assertTrue(r.getResult(SleepingOwnerRule.SLEEPING_COUNT).longValue() >= 1);
        assertTrue(Set.of("sleeping-owner", "monitor-owner").contains(r.getResult(SleepingOwnerRule.WORST_OWNER)));
        assertTrue(r.getResult(SleepingOwnerRule.WORST_TIME).clampedLongValueIn(UnitLookup.MILLISECOND) >= 100);
        // The owner's code, where the agent recorded the holder's own stack at its release; a hold another thread
        // ended carries that thread's stack, which is not the culprit's (ClassifiedWait.heldAt()).
        String frame = r.getResult(SleepingOwnerRule.OWNER_FRAME);
        assertTrue(frame.contains("InversionApp") || frame.equals(SleepingOwnerRule.NOT_RECORDED), frame);
        assertTrue(Recordings.summary(r).matches("[12] lock waits were behind an owner that slept or blocked off CPU while "
                + "holding the lock, " + Recordings.TIME + " in all \\(" + Recordings.PERCENT + " of all lock wait time\\)\\."), Recordings.summary(r));
        assertTrue(Recordings.explanation(r).contains("Proxy execution cannot help here"));
        assertTrue(r.getSolution().contains("do not sleep, do I/O"));
    }

    @Test
    void preemptedOwnersAreNotSleeping() throws Exception {
        IResult r = Recordings.result(Recordings.hogs(), ID);
        assertEquals(Severity.OK, r.getSeverity());
        assertEquals(0, r.getResult(TypedResult.SCORE).doubleValue());
        assertEquals("No lock owner slept or did I/O while others waited for its lock.", Recordings.summary(r));
    }

    @Test
    void withoutTheAgentTheJdkEventsStillShowTheSleepingOwner() throws Exception {
        IResult r = Recordings.result(Recordings.jdk(), ID);
        assertTrue(r.getSeverity().compareTo(Severity.INFO) >= 0, Recordings.summary(r));
        assertEquals("jdk-sleeping-owner", r.getResult(SleepingOwnerRule.WORST_OWNER));
        assertEquals(SleepingOwnerRule.NOT_RECORDED, r.getResult(SleepingOwnerRule.OWNER_FRAME));
    }

    @Test
    void minimumWaitAboveEveryWaitLeavesNone() throws Exception {
        IResult r = Recordings.resultWithMinWaitOfAnHour(Recordings.quiet(), new SleepingOwnerRule());
        assertEquals(Severity.OK, r.getSeverity());
        assertEquals(Recordings.NONE_OF_AN_HOUR, Recordings.summary(r));
    }

    @Test
    void excludingAWaiterTakesItsWaitOut() throws Exception {
        long all = Recordings.result(Recordings.quiet(), ID).getResult(SleepingOwnerRule.SLEEPING_COUNT).longValue();
        // Whether sleeping-waiter's wait counts as one behind a sleeping owner depends on how the run was scheduled.
        long its = LockModel.of(Recordings.quiet()).analysis(LockModel.Scope.ANALYZE).waits().stream()
                .filter(c -> c.lockWait().waiter().name().equals("sleeping-waiter") && SleepingOwnerRule.ownerSlept(c))
                .count();
        IResult r = Recordings.resultWith(Recordings.quiet(), new SleepingOwnerRule(), PxlabRule.EXCLUDED_THREADS,
                "sleeping-waiter");
        var left = r.getResult(SleepingOwnerRule.SLEEPING_COUNT);
        assertEquals(all - its, left == null ? 0 : left.longValue(), Recordings.summary(r));
        assertTrue(!"sleeping-owner".equals(r.getResult(SleepingOwnerRule.WORST_OWNER)));
    }
}
