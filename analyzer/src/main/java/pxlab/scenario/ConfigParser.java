package pxlab.scenario;

import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.Node;
import pxlab.sim.LockMode;
import pxlab.sim.ProxyConfig;
import pxlab.sim.SimConfig;

/**
 * Reads a scenario's {@code config} section into a {@link SimConfig}, starting from {@link SimConfig#DEFAULT}.
 */
final class ConfigParser {

    private static final List<String> CONFIG_KEYS =
            List.of("base_slice", "tick", "costs", "lock_mode", "proxy", "rr_quantum", "balance_interval");
    private static final List<String> COST_KEYS = List.of("switch", "wakeup", "migrate");
    private static final List<String> PROXY_KEYS = List.of("preset", "donor_migration", "return_migration",
            "sleeping_owner", "blocked_donor_handoff", "chain_migration", "lock_mode");
    private static final List<String> LOCK_MODES = List.of("spin", "block", "handoff");
    private static final List<String> PRESETS = List.of("mainline", "v6");
    private static final List<String> SLEEPING_OWNER = List.of("deactivate", "enqueue");

    private ConfigParser() {
    }

    /**
     * Reads a {@code config} mapping.
     *
     * @param r    The reader for the file.
     * @param node The {@code config} value, or {@code null} when the section is absent.
     * @param path The section's key path.
     * @return The defaults with the section's settings applied.
     * @throws ScenarioException for unknown keys or bad values.
     */
    static SimConfig parse(NodeReader r, Node node, String path) throws ScenarioException {
        SimConfig c = SimConfig.DEFAULT;
        if (node == null) return c;
        Fields f = r.mapping(node, path, CONFIG_KEYS);
        if (f.has("base_slice")) c = c.withBaseSliceNs(r.duration(f.get("base_slice"), f.path("base_slice"), 1));
        if (f.has("tick")) c = c.withTickNs(r.duration(f.get("tick"), f.path("tick"), 1));
        if (f.has("rr_quantum")) c = c.withRrQuantumNs(r.duration(f.get("rr_quantum"), f.path("rr_quantum"), 1));
        if (f.has("balance_interval"))
            c = c.withBalanceIntervalNs(r.duration(f.get("balance_interval"), f.path("balance_interval"), 1));
        if (f.has("costs")) c = costs(r, f.get("costs"), f.path("costs"), c);
        if (f.has("lock_mode")) c = c.withLockMode(lockMode(r, f.get("lock_mode"), f.path("lock_mode")));
        if (f.has("proxy")) c = c.withProxy(proxy(r, f.get("proxy"), f.path("proxy")));
        return c;
    }

    private static SimConfig costs(NodeReader r, Node node, String path, SimConfig c) throws ScenarioException {
        Fields f = r.mapping(node, path, COST_KEYS);
        long sw = f.has("switch") ? r.duration(f.get("switch"), f.path("switch"), 0) : c.switchNs();
        long wake = f.has("wakeup") ? r.duration(f.get("wakeup"), f.path("wakeup"), 0) : c.wakeupNs();
        long mig = f.has("migrate") ? r.duration(f.get("migrate"), f.path("migrate"), 0) : c.migrateNs();
        return c.withCosts(sw, wake, mig);
    }

    private static ProxyConfig proxy(NodeReader r, Node node, String path) throws ScenarioException {
        Fields f = r.mapping(node, path, PROXY_KEYS);
        ProxyConfig p = f.has("preset")
                ? ProxyConfig.preset(r.choice(f.get("preset"), f.path("preset"), PRESETS))
                : ProxyConfig.MAINLINE;
        if (f.has("donor_migration"))
            p = p.withDonorMigration(r.bool(f.get("donor_migration"), f.path("donor_migration")));
        if (f.has("return_migration"))
            p = p.withReturnMigration(r.bool(f.get("return_migration"), f.path("return_migration")));
        if (f.has("sleeping_owner")) {
            String mode = r.choice(f.get("sleeping_owner"), f.path("sleeping_owner"), SLEEPING_OWNER);
            p = p.withSleepingOwner(ProxyConfig.SleepingOwner.valueOf(mode.toUpperCase(Locale.ROOT)));
        }
        if (f.has("blocked_donor_handoff"))
            p = p.withBlockedDonorHandoff(r.bool(f.get("blocked_donor_handoff"), f.path("blocked_donor_handoff")));
        if (f.has("chain_migration"))
            p = p.withChainMigration(r.bool(f.get("chain_migration"), f.path("chain_migration")));
        if (f.has("lock_mode")) p = p.withLockMode(lockMode(r, f.get("lock_mode"), f.path("lock_mode")));
        return p;
    }

    private static LockMode lockMode(NodeReader r, Node node, String path) throws ScenarioException {
        return LockMode.valueOf(r.choice(node, path, LOCK_MODES).toUpperCase(Locale.ROOT));
    }
}
