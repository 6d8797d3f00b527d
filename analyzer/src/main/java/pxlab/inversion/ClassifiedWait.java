package pxlab.inversion;

import java.util.List;
import java.util.Objects;
import pxlab.trace.Hold;
import pxlab.trace.TraceThread;
import pxlab.trace.Wait;

/**
 * One wait with what the finder concluded about it.
 *
 * @param lockWait      The wait.
 * @param owner         The owner the conclusion is about: the wait's own, or the holder of the lock's overlapping
 *                      {@code pxlab.LockHold} when the wait did not name one; {@code null} when unknown.
 * @param ownerFromHold Whether {@code owner} came from a hold rather than from the wait.
 * @param ownerHold     The owner's recorded hold of the lock that overlaps the wait most ({@code pxlab.LockHold}):
 *                      where the culprit's code is; {@code null} when the owner is unknown or no hold was recorded.
 * @param waitClass     What the owner did, or {@code null} when nothing shows it ({@code evidence} is then
 *                      {@link Evidence#NONE}).
 * @param evidence      What the class rests on.
 * @param ownerTime     The split of the wait the class was decided on.
 * @param waiterContext The waiter's scheduling context during the wait, or {@code null} when not recorded.
 * @param ownerContext  The owner's, or {@code null}.
 * @param chain         For {@link WaitClass#OWNER_BLOCKED}: the owner's wait, then its owner's, and so on, to the
 *                      first owner that was not blocked; empty otherwise.
 * @param chainEnd      For a chain: what its last owner did, or {@code null} when unknown or a cycle.
 * @param deadlock      Whether the chain came back to a thread already in it.
 */
public record ClassifiedWait(Wait lockWait, TraceThread owner, boolean ownerFromHold, Hold ownerHold,
                             WaitClass waitClass,
                             Evidence evidence, OwnerTime ownerTime, SchedContext waiterContext,
                             SchedContext ownerContext, List<Wait> chain, WaitClass chainEnd, boolean deadlock) {

    public ClassifiedWait {
        Objects.requireNonNull(lockWait);
        Objects.requireNonNull(evidence);
        Objects.requireNonNull(ownerTime);
        chain = List.copyOf(chain);
    }

    /**
     * Returns whether the wait was classified.
     *
     * @return {@code true} when {@link #waitClass()} is not null.
     */
    public boolean classified() {
        return waitClass != null;
    }

    /**
     * Returns whether both threads' scheduling contexts are known, so {@link #inversion()} means something.
     *
     * @return {@code true} when both contexts are known.
     */
    public boolean inversionKnown() {
        return waiterContext != null && ownerContext != null;
    }

    /**
     * Returns whether the wait is a priority inversion: the waiter outranks the owner it waited behind.
     *
     * @return {@code true} when both contexts are known and the waiter's outranks the owner's.
     */
    public boolean inversion() {
        return inversionKnown() && waiterContext.outranks(ownerContext);
    }

    /**
     * Returns whether proxy execution would have shortened the wait: the owner was preempted, or the chain of
     * blocked owners ends in a preempted one. Independent of {@link #inversion()}: proxy execution lends the
     * waiter's context whatever it is, and it helps most where that context outranks the owner's.
     *
     * @return {@code true} when resolvable.
     */
    public boolean resolvableByProxy() {
        return waitClass == WaitClass.OWNER_PREEMPTED
                || waitClass == WaitClass.OWNER_BLOCKED && chainEnd == WaitClass.OWNER_PREEMPTED;
    }

    /**
     * Returns the culprit's code: the owner's top frames in its hold of the lock, as the agent recorded them at the
     * release, lock machinery removed.
     *
     * @return The frames, top first, as {@code package.Class.method:line}; empty when not recorded.
     */
    public List<String> ownerStack() {
        return ownerHold == null ? List.of() : ownerHold.stack();
    }

    /**
     * Returns where the owner held the lock: the top frame of {@link #ownerStack()}, which names the lock better
     * than its class and identity hash do.
     *
     * @return E.g. {@code shop.InventoryService.reindex:36}, or {@code null} when not recorded.
     */
    public String heldAt() {
        List<String> stack = ownerStack();
        return stack.isEmpty() ? null : stack.get(0);
    }
}
