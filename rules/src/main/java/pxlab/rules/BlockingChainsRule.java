package pxlab.rules;

import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.WaitClass;
import pxlab.rules.messages.internal.Messages;
import pxlab.trace.Wait;

/**
 * Transitive blocking: waits whose owner was itself blocked on another lock (waiter → owner → the owner's owner →
 * …), the chains the analyzer's {@code InversionFinder} follows as proxy execution's {@code find_proxy_task()} does.
 * The score is the chains' share of all lock wait time: 10% maps to 25, 40% to 75; a deadlock is a warning.
 */
public final class BlockingChainsRule extends PxlabRule {

    private static final Collection<TypedPreference<?>> CONFIG_ATTRIBUTES = List.of(MIN_WAIT, EXCLUDED_THREADS);

    public static final TypedResult<IQuantity> CHAIN_COUNT = new TypedResult<>("chainCount", "Chained Waits",
            "Waits whose owner was blocked on another lock.", UnitLookup.NUMBER, IQuantity.class);
    public static final TypedResult<IQuantity> CHAIN_TIME = new TypedResult<>("chainTime", "Chained Wait Time",
            "Total time of the chained waits.", UnitLookup.TIMESPAN, IQuantity.class);
    public static final TypedResult<IQuantity> LONGEST_CHAIN = new TypedResult<>("longestChain", "Longest Chain",
            "Threads in the longest chain, the waiter included.", UnitLookup.NUMBER, IQuantity.class);
    public static final TypedResult<String> LONGEST_CHAIN_PATH = new TypedResult<>("longestChainPath",
            "Longest Chain Path", "The threads of the longest chain, waiter first.", UnitLookup.PLAIN_TEXT,
            String.class);
    public static final TypedResult<IQuantity> RESOLVABLE_CHAIN_TIME = new TypedResult<>("resolvableChainTime",
            "Resolvable Chain Time", "Chained wait time whose chain ended in a preempted owner.", UnitLookup.TIMESPAN,
            IQuantity.class);
    public static final TypedResult<IQuantity> DEADLOCK_COUNT = new TypedResult<>("deadlockCount", "Deadlocks",
            "Chains that came back to a thread already in them.", UnitLookup.NUMBER, IQuantity.class);

    private static final Collection<TypedResult<?>> RESULT_ATTRIBUTES = List.of(TypedResult.SCORE, WAIT_COUNT,
            WAIT_TIME, CHAIN_COUNT, CHAIN_TIME, LONGEST_CHAIN, LONGEST_CHAIN_PATH, RESOLVABLE_CHAIN_TIME,
            DEADLOCK_COUNT);

    private static final String RESULT_ID = "PxlabBlockingChains";

    /** Creates the rule; JMC's {@code RuleRegistry} does, through {@code META-INF/services}. */
    public BlockingChainsRule() {
        super(RESULT_ID, Messages.BlockingChainsRule_RULE_NAME, CONFIG_ATTRIBUTES, RESULT_ATTRIBUTES);
    }

    @Override
    IResult result(Evaluation e) {
        Analysis a = e.analysis();
        List<ClassifiedWait> chains = a.waits().stream()
                .filter(c -> c.waitClass() == WaitClass.OWNER_BLOCKED && !c.chain().isEmpty()).toList();
        if (chains.isEmpty()) {
            return scored(e, 0).setSummary(e.summary(
                    a.waits().isEmpty() ? Messages.TEXT_NO_WAITS : Messages.BlockingChainsRule_TEXT_OK)).build();
        }
        long chainNs = 0;
        long resolvableNs = 0;
        int deadlocks = 0;
        ClassifiedWait longest = chains.get(0);
        for (ClassifiedWait c : chains) {
            chainNs += c.lockWait().durationNs();
            if (c.resolvableByProxy()) resolvableNs += c.lockWait().durationNs();
            if (c.deadlock()) deadlocks++;
            if (c.chain().size() > longest.chain().size()
                    || c.chain().size() == longest.chain().size() && c.lockWait().durationNs() > longest.lockWait().durationNs()) {
                longest = c;
            }
        }
        double score = RulesToolkit.mapExp100(chainNs / (double) Math.max(1, a.summary().waitNs()), 0.1, 0.4);
        ResultBuilder b = scored(e, score)
                .addResult(CHAIN_COUNT, UnitLookup.NUMBER_UNITY.quantity(chains.size()))
                .addResult(CHAIN_TIME, ns(chainNs))
                .addResult(LONGEST_CHAIN, UnitLookup.NUMBER_UNITY.quantity(longest.chain().size() + 2))
                .addResult(LONGEST_CHAIN_PATH, path(longest)).addResult(RESOLVABLE_CHAIN_TIME, ns(resolvableNs))
                .addResult(DEADLOCK_COUNT, UnitLookup.NUMBER_UNITY.quantity(deadlocks));
        String summary;
        if (deadlocks > 0) {
            summary = e.summary(Messages.BlockingChainsRule_TEXT_INFO, Messages.BlockingChainsRule_TEXT_DEADLOCK);
            b.setSeverity(Severity.WARNING);
        } else {
            summary = e.summary(Messages.BlockingChainsRule_TEXT_INFO);
        }
        return b.setSummary(summary).setExplanation(Messages.getString(Messages.BlockingChainsRule_TEXT_INFO_LONG))
                .setSolution(Messages.getString(Messages.BlockingChainsRule_TEXT_SOLUTION)).build();
    }

    /**
     * Names a chain's threads: the waiter, then each wait's owner in turn. The chain's waits are the owner's wait,
     * its owner's, and so on, so the path is waiter → owner → each chain wait's owner.
     */
    private static String path(ClassifiedWait c) {
        StringJoiner j = new StringJoiner(" -> ");
        j.add(c.lockWait().waiter().name());
        j.add(c.owner() == null ? "?" : c.owner().name());
        for (Wait w : c.chain()) j.add(w.owner() == null ? "?" : w.owner().name());
        return j.toString();
    }
}
