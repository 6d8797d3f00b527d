package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.Severity;

/** {@link BlockingChainsRule} through JMC's engine, on recordings made by real JVMs. */
class BlockingChainsRuleIT {

    private static final String ID = "PxlabBlockingChains";

    @Test
    void chainOfThreeEndingInAPreemptedOwner() throws Exception {
        IResult r = Recordings.result(Recordings.hogs(), ID);
        assertTrue(r.getSeverity().compareTo(Severity.INFO) >= 0, Recordings.summary(r));
        assertEquals(1, r.getResult(BlockingChainsRule.CHAIN_COUNT).longValue());
        assertEquals(3, r.getResult(BlockingChainsRule.LONGEST_CHAIN).longValue());
        assertEquals("chain-a -> chain-b -> chain-c", r.getResult(BlockingChainsRule.LONGEST_CHAIN_PATH));
        assertEquals(r.getResult(BlockingChainsRule.CHAIN_TIME), r.getResult(BlockingChainsRule.RESOLVABLE_CHAIN_TIME));
        assertEquals(0, r.getResult(BlockingChainsRule.DEADLOCK_COUNT).longValue());
        assertTrue(Recordings.summary(r).matches("1 lock waits were behind an owner that was itself blocked on another "
                + "lock, " + Recordings.TIME + " in all, chains up to 3 threads deep\\."), Recordings.summary(r));
        assertTrue(Recordings.explanation(r).contains("The longest: chain-a -> chain-b -> chain-c."));
    }

    @Test
    void noChainsWhereOwnersRanOrSlept() throws Exception {
        IResult r = Recordings.result(Recordings.quiet(), ID);
        assertEquals(Severity.OK, r.getSeverity());
        assertEquals("No blocking chains: no lock owner was itself waiting for another lock.", Recordings.summary(r));
    }

    @Test
    void minimumWaitAboveEveryWaitLeavesNone() throws Exception {
        IResult r = Recordings.resultWithMinWaitOfAnHour(Recordings.hogs(), new BlockingChainsRule());
        assertEquals(Recordings.NONE_OF_AN_HOUR, Recordings.summary(r));
    }

    @Test
    void excludingTheHeadOfTheChainLeavesNoChain() throws Exception {
        IResult r = Recordings.resultWith(Recordings.hogs(), new BlockingChainsRule(), PxlabRule.EXCLUDED_THREADS,
                "chain-a");
        assertEquals(Severity.OK, r.getSeverity(), Recordings.summary(r));
        assertTrue(r.getResult(PxlabRule.WAIT_COUNT).longValue() >= 2, "chain-b's and the preempted waiter's stay");
    }
}
