package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.WaitClass;

/** Sample 4 under the agent: request -> accounts (settlement) -> ledger (preempted compactor). */
class ChainServiceIT extends AnalysedSample {

    ChainServiceIT() {
        super(ChainService.class);
    }

    @Test
    void requestsWaitForBlockedSettlementWhoseChainEndsInPreemptedCompactor() {
        List<ClassifiedWait> chains = analysis.inversions().stream()
                .filter(c -> c.lockWait().waiter().name().startsWith("request-")
                        && c.waitClass() == WaitClass.OWNER_BLOCKED)
                .collect(Collectors.toList());
        assertFalse(chains.isEmpty(), "no chain inversion:\n" + all);
        // Any one will do: on a loaded machine some chains may end elsewhere (the settlement worker preempted too).
        assertTrue(chains.stream().anyMatch(c -> c.owner().name().equals("settlement") && !c.chain().isEmpty()
                && "ledger-compactor".equals(lastOwner(c)) && c.chainEnd() == WaitClass.OWNER_PREEMPTED
                && c.resolvableByProxy()), "no request -> settlement -> preempted ledger-compactor chain:\n" + all);
    }

    static String lastOwner(ClassifiedWait c) {
        var last = c.chain().get(c.chain().size() - 1).owner();
        return last == null ? null : last.name();
    }

    @Test
    void settlementWaitsForPreemptedCompactor() {
        assertTrue(analysis.inversions().stream().anyMatch(c -> c.lockWait().waiter().name().equals("settlement")
                && c.owner() != null && c.owner().name().equals("ledger-compactor")
                && c.waitClass() == WaitClass.OWNER_PREEMPTED && c.resolvableByProxy()), all);
    }
}
