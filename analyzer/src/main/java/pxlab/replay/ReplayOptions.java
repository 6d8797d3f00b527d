package pxlab.replay;

import java.util.List;
import java.util.regex.Pattern;
import pxlab.sim.Policy;
import pxlab.sim.ProxyConfig;

/**
 * How to replay a recording; immutable, {@code with…} returns a copy.
 *
 * @param cpus        CPUs to simulate, or -1 for the recording's count.
 * @param policies    The policies to run, in the order they run and are reported (none, inherit, proxy).
 * @param proxyPreset The proxy-execution switches {@code proxy} uses.
 * @param threads     Only threads whose name matches take part as themselves (others still load the CPUs), or
 *                    {@code null} for all.
 * @param maxWindowNs The longest stretch of the recording replayed: the window with the most lock waiting.
 */
public record ReplayOptions(int cpus, List<Policy> policies, ProxyConfig proxyPreset, Pattern threads,
                            long maxWindowNs) {

    /** The recording's CPUs, every policy, the mainline preset, all threads, at most 10 s. */
    public static final ReplayOptions DEFAULT = new ReplayOptions(-1, List.of(Policy.values()), ProxyConfig.MAINLINE,
            null, 10_000_000_000L);

    public ReplayOptions {
        policies = List.copyOf(policies);
        if (cpus == 0 || cpus < -1) throw new IllegalArgumentException("cpus must be positive: " + cpus);
        if (maxWindowNs <= 0) throw new IllegalArgumentException("window must be positive: " + maxWindowNs);
    }

    /**
     * Returns a copy with another CPU count.
     *
     * @param n CPUs, or -1 for the recording's.
     * @return New options.
     */
    public ReplayOptions withCpus(int n) {
        return new ReplayOptions(n, policies, proxyPreset, threads, maxWindowNs);
    }

    /**
     * Returns a copy that runs other policies.
     *
     * @param policies The policies, in the order they run and are reported.
     * @return New options.
     */
    public ReplayOptions withPolicies(List<Policy> policies) {
        return new ReplayOptions(cpus, policies, proxyPreset, threads, maxWindowNs);
    }

    /**
     * Returns a copy with another proxy preset.
     *
     * @param preset The preset.
     * @return New options.
     */
    public ReplayOptions withProxyPreset(ProxyConfig preset) {
        return new ReplayOptions(cpus, policies, preset, threads, maxWindowNs);
    }

    /**
     * Returns a copy that reports only matching threads.
     *
     * @param regex The pattern, or {@code null} for all.
     * @return New options.
     */
    public ReplayOptions withThreads(Pattern regex) {
        return new ReplayOptions(cpus, policies, proxyPreset, regex, maxWindowNs);
    }

    /**
     * Returns a copy with another window limit.
     *
     * @param ns The longest stretch replayed.
     * @return New options.
     */
    public ReplayOptions withMaxWindowNs(long ns) {
        return new ReplayOptions(cpus, policies, proxyPreset, threads, ns);
    }
}
