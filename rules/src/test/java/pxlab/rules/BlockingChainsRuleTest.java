package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

/** {@link BlockingChainsRule}'s sentences on traces built by hand ({@link Fixtures}). */
class BlockingChainsRuleTest {

    @Test
    void aChainThatComesBackIsADeadlockWarningInASentenceOfItsOwn() {
        IResult r = Fixtures.evaluate(new BlockingChainsRule(), Fixtures.deadlock());
        assertEquals(Severity.WARNING, r.getSeverity());
        assertEquals(2, r.getResult(BlockingChainsRule.DEADLOCK_COUNT).longValue());
        assertTrue(Recordings.summary(r).matches("2 lock waits were behind an owner that was itself blocked on another "
                + "lock, " + Recordings.TIME + " in all, chains up to 3 threads deep\\. 2 chains came back to a thread "
                + "already in them: a deadlock\\."), Recordings.summary(r));
    }
}
