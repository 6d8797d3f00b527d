package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.WaitClass;
import pxlab.sim.Policy;

/** Sample 5 under the agent: the journal's owner sleeps (its I/O) while requests wait; proxy cannot help. */
class SleepingOwnerServiceIT extends AnalysedSample {

    SleepingOwnerServiceIT() {
        super(SleepingOwnerService.class);
    }

    @Test
    void requestsWaitForSleepingFlusherAndProxyCannotHelp() {
        List<ClassifiedWait> behindFlusher = analysis.inversions().stream()
                .filter(c -> c.owner() != null && c.owner().name().equals("journal-flusher"))
                .collect(Collectors.toList());
        assertFalse(behindFlusher.isEmpty(), "no inversion behind journal-flusher:\n" + all);
        long sleeping = behindFlusher.stream().filter(c -> c.waitClass() == WaitClass.OWNER_SLEEPING)
                .mapToLong(c -> c.lockWait().durationNs()).sum();
        long total = behindFlusher.stream().mapToLong(c -> c.lockWait().durationNs()).sum();
        assertTrue(sleeping >= 0.8 * total, "mostly owner-sleeping:\n" + all);
        assertTrue(analysis.summary().inversionResolvableNs() <= 0.2 * analysis.summary().inversionNs(),
                "little is resolvable:\n" + all);
    }

    /** A replay that stops at a lock cycle is a false deadlock: the recording had none, so the test fails. */
    @Test
    void replayShowsLittleProxyBenefit() {
        for (Policy policy : List.of(Policy.NONE, Policy.PROXY)) {
            assertNull(analysis.run(policy).result().deadlock(), "the replay stopped at a lock cycle under "
                    + policy.key() + ", which the recording did not have:\n" + all);
        }
        long none = analysis.replayedLockWaitNs(Policy.NONE, analysis.invertedWaiters()).orElseThrow();
        long proxy = analysis.replayedLockWaitNs(Policy.PROXY, analysis.invertedWaiters()).orElseThrow();
        assertTrue(proxy >= 0.8 * none, "proxy " + proxy + " ns against none " + none + " ns");
    }
}
