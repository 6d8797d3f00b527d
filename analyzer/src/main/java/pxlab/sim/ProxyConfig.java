package pxlab.sim;

import java.util.Objects;

/**
 * The proxy-execution switches: pxlab's {@code kernel/sched/features.h}. Each switch is read in one place in the
 * model, on the line where behaviour splits: in {@link ProxyExec}, except the lock mode override, which
 * {@link Policy#PROXY} resolves against {@link SimConfig#lockMode()}.
 *
 * <p>Instances never change; each {@code with…} method returns a copy.
 *
 * @param donorMigration      Owner on another CPU: migrate the donor there ({@code proxy_migrate_task()}), instead of
 *                            deactivating the donor. Owners never move.
 * @param returnMigration     When a migrated donor gets its lock, place it again as a wakeup would
 *                            ({@code select_task_rq()}), instead of leaving it on the owner's CPU when its affinity allows.
 * @param sleepingOwner       What a donor does when the chain ends in an owner that is not runnable.
 * @param blockedDonorHandoff Unlock hands the lock to the donor that was boosting the owner ({@code blocked_donor}),
 *                            instead of to the first waiter.
 * @param chainMigration      Donor migration moves the blocked tasks of the chain along with the donor, so the whole
 *                            chain sits on the owner's CPU.
 * @param lockMode            The lock mode proxy execution imposes on contended locks, or {@code null} to keep
 *                            {@link SimConfig#lockMode()}. The v6 series replaced optimistic spinning with handoff;
 *                            mainline leaves the mutex as it is, so its preset has no override.
 */
public record ProxyConfig(boolean donorMigration, boolean returnMigration, SleepingOwner sleepingOwner,
                          boolean blockedDonorHandoff, boolean chainMigration, LockMode lockMode) {

    /**
     * What a donor does when its chain ends in a sleeping owner.
     */
    public enum SleepingOwner {
        /** Take the donor off the run queue; the unlock wakes it like any waiter ({@code proxy_deactivate()}). Mainline. */
        DEACTIVATE,
        /** Park the donor on the owner and enqueue it where the owner wakes up ({@code proxy_enqueue_on_owner()}). The v6 series. */
        ENQUEUE
    }

    /**
     * The mainline direction as of Linux 6.18: the lock mode left alone (spinning by default), donor and return
     * migration, sleeping owner deactivates the donor, {@code blocked_donor} handoff. Parts of this were still under
     * review upstream; the preset is what pxlab calls mainline (docs/model.md).
     */
    public static final ProxyConfig MAINLINE =
            new ProxyConfig(true, true, SleepingOwner.DEACTIVATE, true, false, null);

    /** The v6 series: handoff instead of spinning, donors parked on sleeping owners, no chain migration. */
    public static final ProxyConfig V6 =
            new ProxyConfig(true, true, SleepingOwner.ENQUEUE, true, false, LockMode.HANDOFF);

    public ProxyConfig {
        Objects.requireNonNull(sleepingOwner);
    }

    /**
     * Returns a preset by its name.
     *
     * @param name {@code mainline} or {@code v6}.
     * @return The preset.
     * @throws IllegalArgumentException if there is no such preset.
     */
    public static ProxyConfig preset(String name) {
        return switch (name) {
            case "mainline" -> MAINLINE;
            case "v6" -> V6;
            default -> throw new IllegalArgumentException("unknown proxy preset '" + name + "' (mainline | v6)");
        };
    }

    /**
     * Returns the preset's name when this configuration equals one, else {@code custom}.
     *
     * @return {@code mainline}, {@code v6} or {@code custom}.
     */
    public String presetName() {
        if (equals(MAINLINE)) return "mainline";
        if (equals(V6)) return "v6";
        return "custom";
    }

    public ProxyConfig withDonorMigration(boolean on) {
        return new ProxyConfig(on, returnMigration, sleepingOwner, blockedDonorHandoff, chainMigration, lockMode);
    }

    public ProxyConfig withReturnMigration(boolean on) {
        return new ProxyConfig(donorMigration, on, sleepingOwner, blockedDonorHandoff, chainMigration, lockMode);
    }

    public ProxyConfig withSleepingOwner(SleepingOwner mode) {
        return new ProxyConfig(donorMigration, returnMigration, mode, blockedDonorHandoff, chainMigration, lockMode);
    }

    public ProxyConfig withBlockedDonorHandoff(boolean on) {
        return new ProxyConfig(donorMigration, returnMigration, sleepingOwner, on, chainMigration, lockMode);
    }

    public ProxyConfig withChainMigration(boolean on) {
        return new ProxyConfig(donorMigration, returnMigration, sleepingOwner, blockedDonorHandoff, on, lockMode);
    }

    /**
     * Returns a copy with another lock mode override.
     *
     * @param mode The lock mode to impose under proxy execution, or {@code null} to keep the baseline's.
     * @return A new configuration.
     */
    public ProxyConfig withLockMode(LockMode mode) {
        return new ProxyConfig(donorMigration, returnMigration, sleepingOwner, blockedDonorHandoff, chainMigration, mode);
    }
}
