package pxlab.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pxlab.sim.SchedPolicy;
import pxlab.trace.SchedAttributes;

/**
 * {@link SchedContext#outranks}: class first, then RT priority, then cgroup weight across groups, then load
 * weight.
 */
class SchedContextTest {

    @Test
    void rtOutranksAnyFairThread() {
        SchedContext rt = SchedContext.rt(SchedPolicy.FIFO, 1);
        assertTrue(rt.outranks(SchedContext.fair(-20)));
        assertFalse(SchedContext.fair(-20).outranks(rt));
    }

    @Test
    void higherRtPriorityOutranksWhateverThePolicy() {
        assertTrue(SchedContext.rt(SchedPolicy.RR, 50).outranks(SchedContext.rt(SchedPolicy.FIFO, 10)));
        assertFalse(SchedContext.rt(SchedPolicy.FIFO, 10).outranks(SchedContext.rt(SchedPolicy.RR, 50)));
        assertFalse(SchedContext.rt(SchedPolicy.FIFO, 10).outranks(SchedContext.rt(SchedPolicy.RR, 10)));
    }

    @Test
    void lowerNiceOutranksHigherNice() {
        assertTrue(SchedContext.fair(0).outranks(SchedContext.fair(19)));
        assertFalse(SchedContext.fair(19).outranks(SchedContext.fair(0)));
    }

    @Test
    void equalContextsOutrankNeitherWay() {
        assertFalse(SchedContext.fair(0).outranks(SchedContext.fair(0)));
        SchedContext batch = new SchedContext(SchedPolicy.BATCH, 0, 0, null, -1);
        assertFalse(batch.outranks(SchedContext.fair(0)));
        assertFalse(SchedContext.fair(0).outranks(batch));
    }

    @Test
    void idleIsLowestEvenBelowNice19() {
        SchedContext idle = new SchedContext(SchedPolicy.IDLE, -20, 0, null, -1);
        assertTrue(SchedContext.fair(19).outranks(idle));
        assertFalse(idle.outranks(SchedContext.fair(19)));
        assertEquals(3, idle.weight());
    }

    @Test
    void heavierCgroupOutranksWhateverTheNice() {
        SchedContext fg = new SchedContext(SchedPolicy.FAIR, 10, 0, "/fg", 1000);
        SchedContext bg = new SchedContext(SchedPolicy.FAIR, -10, 0, "/bg", 10);
        assertTrue(fg.outranks(bg));
        assertFalse(bg.outranks(fg));
    }

    @Test
    void sameCgroupComparesNice() {
        SchedContext a = new SchedContext(SchedPolicy.FAIR, 10, 0, "/app", 1000);
        SchedContext b = new SchedContext(SchedPolicy.FAIR, -10, 0, "/app", 1000);
        assertTrue(b.outranks(a));
    }

    @Test
    void unknownGroupWeightFallsBackToNice() {
        SchedContext a = new SchedContext(SchedPolicy.FAIR, 10, 0, "/a", -1);
        SchedContext b = new SchedContext(SchedPolicy.FAIR, 0, 0, "/b", 100);
        assertTrue(b.outranks(a));
    }

    @Test
    void weightFollowsTheKernelTable() {
        assertEquals(1024, SchedContext.fair(0).weight());
        assertEquals(88761, SchedContext.fair(-20).weight());
        assertEquals(15, SchedContext.fair(19).weight());
    }

    @Test
    void ofReadsRecordedAttributes() {
        SchedContext c = SchedContext.of(new SchedAttributes(0, "SCHED_FIFO", 0, 42, 5, null, "/x", 200));
        assertEquals(new SchedContext(SchedPolicy.FIFO, 0, 42, "/x", 200), c);
        assertEquals("SCHED_FIFO 42", c.describe());
        assertEquals("SCHED_OTHER nice 19",
                SchedContext.of(new SchedAttributes(0, "SCHED_OTHER", 19, 0, 5, null, null, -1)).describe());
    }

    @Test
    void policiesTheComparisonDoesNotCoverGiveNoContext() {
        assertNull(SchedContext.of(new SchedAttributes(0, "SCHED_DEADLINE", 0, 0, 5, null, null, -1)));
        assertNull(SchedContext.of(new SchedAttributes(0, null, 0, 0, 5, null, null, -1)));
        assertNull(SchedContext.of(null));
    }

    @Test
    void rejectsAttributesThatDoNotFitThePolicy() {
        assertThrows(IllegalArgumentException.class, () -> new SchedContext(SchedPolicy.FIFO, 0, 0, null, -1));
        assertThrows(IllegalArgumentException.class, () -> new SchedContext(SchedPolicy.FAIR, 20, 0, null, -1));
    }
}
