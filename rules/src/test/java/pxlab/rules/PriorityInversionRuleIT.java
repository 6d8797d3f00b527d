package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;

/** {@link PriorityInversionRule} through JMC's engine, on recordings made by real JVMs. */
class PriorityInversionRuleIT {

    private static final String ID = "PxlabPriorityInversion";

    @Test
    void preemptedOwnersAreAWarningResolvableByProxy() throws Exception {
        IResult r = Recordings.result(Recordings.hogs(), ID);
        assertEquals(Severity.WARNING, r.getSeverity(), Recordings.summary(r));
        // preempted-waiter and chain-b outrank their nice-19 owners; chain-a's owner chain-b is nice 0 as well.
        assertEquals(2, r.getResult(PriorityInversionRule.INVERSION_COUNT).longValue());
        assertEquals(r.getResult(PriorityInversionRule.INVERSION_TIME), r.getResult(PriorityInversionRule.RESOLVABLE_TIME));
        assertTrue(Set.of("preempted-owner", "chain-c").contains(r.getResult(PriorityInversionRule.WORST_OWNER)));
        assertTrue(r.getResult(TypedResult.SCORE).doubleValue() >= 75);
        assertTrue(Recordings.summary(r).matches("2 lock waits were priority inversions, " + Recordings.TIME + " in all; proxy "
                + "execution would have resolved " + Recordings.TIME + " of it \\(" + Recordings.PERCENT + "\\)\\."),
                Recordings.summary(r));
        assertTrue(Recordings.explanation(r).matches(".*The resolvable time is " + Recordings.PERCENT
                + " of the high-priority threads' time in the recording\\."), Recordings.explanation(r));
    }

    @Test
    void sleepingAndRunningOwnersOfEqualPriorityAreNoInversion() throws Exception {
        IResult r = Recordings.result(Recordings.quiet(), ID);
        assertEquals(Severity.OK, r.getSeverity());
        assertEquals(0, r.getResult(TypedResult.SCORE).doubleValue());
        assertTrue(Recordings.summary(r).matches("No priority inversions: in [3-9] lock waits no waiter outranked the "
                + "thread it waited for\\."), Recordings.summary(r));
    }

    @Test
    void withoutTheAgentPrioritiesAreUnknownAndSaySo() throws Exception {
        IResult r = Recordings.result(Recordings.jdk(), ID);
        assertEquals(Severity.OK, r.getSeverity());
        assertTrue(r.getResult(PxlabRule.WAIT_COUNT).longValue() >= 2);
        assertTrue(Recordings.summary(r).contains("but no thread scheduling attributes"), Recordings.summary(r));
        assertTrue(Recordings.explanation(r).contains("-javaagent:pxlab-agent.jar"));
    }

    @Test
    void minimumWaitAboveEveryWaitLeavesNone() throws Exception {
        IResult r = Recordings.resultWithMinWaitOfAnHour(Recordings.hogs(), new PriorityInversionRule());
        assertEquals(Severity.OK, r.getSeverity());
        assertEquals(0, r.getResult(PxlabRule.WAIT_COUNT).longValue());
        assertEquals(Recordings.NONE_OF_AN_HOUR, Recordings.summary(r));
    }

    @Test
    void excludedWaitersTakeTheirInversionsWithThem() throws Exception {
        IResult r = Recordings.resultWith(Recordings.hogs(), new PriorityInversionRule(), PxlabRule.EXCLUDED_THREADS,
                "preempted-waiter|chain-b");
        // chain-a stays: it waited for chain-b, which is nice 0 like chain-a, so no inversion.
        assertEquals(Severity.OK, r.getSeverity(), Recordings.summary(r));
        long all = Recordings.result(Recordings.hogs(), ID).getResult(PxlabRule.WAIT_COUNT).longValue();
        long left = r.getResult(PxlabRule.WAIT_COUNT).longValue();
        assertTrue(left >= 1 && left <= all - 2, left + " of " + all);
        assertNull(r.getResult(PriorityInversionRule.INVERSION_COUNT));
        assertTrue(Recordings.summary(r).matches("No priority inversions: .*\\. Lock waits by threads matching "
                + "preempted-waiter\\|chain-b are left out\\."), Recordings.summary(r));
    }

    @Test
    void anInvalidExclusionPatternIsNotApplicableNotAnError() throws Exception {
        IResult r = Recordings.resultWith(Recordings.hogs(), new PriorityInversionRule(), PxlabRule.EXCLUDED_THREADS,
                "(unclosed");
        assertEquals(Severity.NA, r.getSeverity());
        assertEquals("The thread exclusion pattern is not a valid regular expression.", Recordings.summary(r));
    }
}
