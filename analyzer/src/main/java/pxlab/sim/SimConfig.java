package pxlab.sim;

import java.util.Objects;

/**
 * Model settings. Every setting has a documented default (docs/model.md); instances never change.
 *
 * @param baseSliceNs       The EEVDF base slice ({@code sysctl_sched_base_slice}), or 0 for the kernel's default for
 *                          the CPU count: 0.75ms × (1 + ilog2(min(cpus, 8))).
 * @param tickNs            The scheduler tick ({@code TICK_NSEC}); 4ms is {@code CONFIG_HZ=250}.
 * @param switchNs          CPU time a context switch costs before the next task makes progress.
 * @param wakeupNs          Delay from a wakeup (unlock, timer) until the woken task is on a run queue.
 * @param migrateNs         CPU time a task burns after it moved to another CPU (cold caches).
 * @param rrQuantumNs       The {@code SCHED_RR} time slice ({@code sched_rr_timeslice}).
 * @param balanceIntervalNs Period of the periodic load balancer on each CPU.
 * @param lockMode          How tasks acquire contended locks, under every policy; under {@code proxy} the proxy
 *                          settings may override it ({@link ProxyConfig#lockMode()}, resolved by {@link Policy}).
 * @param proxy             The proxy-execution switches, used under {@code proxy}.
 */
public record SimConfig(long baseSliceNs, long tickNs, long switchNs, long wakeupNs, long migrateNs, long rrQuantumNs,
                        long balanceIntervalNs, LockMode lockMode, ProxyConfig proxy) {

    /** The defaults documented in docs/model.md. */
    public static final SimConfig DEFAULT = new SimConfig(0, 4_000_000, 2_000, 5_000, 10_000, 100_000_000,
            4_000_000, LockMode.SPIN, ProxyConfig.MAINLINE);

    public SimConfig {
        Objects.requireNonNull(lockMode);
        Objects.requireNonNull(proxy);
        if (baseSliceNs < 0) throw new IllegalArgumentException("base_slice must not be negative");
        if (tickNs <= 0) throw new IllegalArgumentException("tick must be positive");
        if (switchNs < 0 || wakeupNs < 0 || migrateNs < 0) throw new IllegalArgumentException("costs must not be negative");
        if (rrQuantumNs <= 0) throw new IllegalArgumentException("rr_quantum must be positive");
        if (balanceIntervalNs <= 0) throw new IllegalArgumentException("balance_interval must be positive");
    }

    /**
     * Returns the base slice for a machine: the configured one, or the kernel's default.
     * Mirrors {@code update_sysctl()} with {@code SCHED_TUNABLESCALING_LOG} in kernel/sched/fair.c.
     *
     * @param cpus The number of CPUs.
     * @return The base slice in nanoseconds.
     */
    public long effectiveBaseSliceNs(int cpus) {
        if (baseSliceNs > 0) return baseSliceNs;
        int factor = 1 + (31 - Integer.numberOfLeadingZeros(Math.min(cpus, 8)));
        return 750_000L * factor;
    }

    public SimConfig withBaseSliceNs(long ns) {
        return new SimConfig(ns, tickNs, switchNs, wakeupNs, migrateNs, rrQuantumNs, balanceIntervalNs, lockMode, proxy);
    }

    public SimConfig withTickNs(long ns) {
        return new SimConfig(baseSliceNs, ns, switchNs, wakeupNs, migrateNs, rrQuantumNs, balanceIntervalNs, lockMode, proxy);
    }

    public SimConfig withCosts(long switchNs, long wakeupNs, long migrateNs) {
        return new SimConfig(baseSliceNs, tickNs, switchNs, wakeupNs, migrateNs, rrQuantumNs, balanceIntervalNs, lockMode, proxy);
    }

    public SimConfig withRrQuantumNs(long ns) {
        return new SimConfig(baseSliceNs, tickNs, switchNs, wakeupNs, migrateNs, ns, balanceIntervalNs, lockMode, proxy);
    }

    public SimConfig withBalanceIntervalNs(long ns) {
        return new SimConfig(baseSliceNs, tickNs, switchNs, wakeupNs, migrateNs, rrQuantumNs, ns, lockMode, proxy);
    }

    public SimConfig withLockMode(LockMode mode) {
        return new SimConfig(baseSliceNs, tickNs, switchNs, wakeupNs, migrateNs, rrQuantumNs, balanceIntervalNs, mode, proxy);
    }

    public SimConfig withProxy(ProxyConfig proxy) {
        return new SimConfig(baseSliceNs, tickNs, switchNs, wakeupNs, migrateNs, rrQuantumNs, balanceIntervalNs, lockMode, proxy);
    }
}
