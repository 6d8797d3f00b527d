package pxlab.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;
import pxlab.scenario.ScenarioParser;
import pxlab.sim.Policy;
import pxlab.sim.ProxyConfig;

/**
 * The options that set up the scheduler model, {@code --policy}, {@code --cpus} and {@code --proxy-preset}: a picocli
 * mixin, so {@code analyze} and {@code simulate} spell, document and check them alike. Each value is checked here,
 * when the command asks for it, and a bad one is one line and exit 2 ({@link UserInputException}).
 *
 * <p>{@code bench} takes the same {@code --policy} syntax with another default, through {@link #parsePolicies}.
 */
final class ModelOptions {

    @Option(names = "--policy", paramLabel = "POLICY", split = ",", defaultValue = "all",
            description = "Policies to run, comma-separated, in lower case: none, inherit, proxy, or all; reports list"
                    + " them in that order (default: ${DEFAULT-VALUE}).")
    private List<String> policy;

    @Option(names = "--cpus", paramLabel = "N", description = "Model N CPUs (1.." + ScenarioParser.MAX_CPUS
            + ") instead of the recording's or the scenario's count.")
    private Integer cpus;

    @Option(names = "--proxy-preset", paramLabel = "PRESET", description = "mainline | v6: the proxy-execution"
            + " switches under proxy; without it, a scenario's own, else mainline.")
    private String proxyPreset;

    /**
     * Returns the policies {@code --policy} names.
     *
     * @return The policies, in report order, without repeats.
     * @throws UserInputException if a word is not a policy.
     */
    List<Policy> policies() {
        return parsePolicies(policy);
    }

    /**
     * Returns the CPU count {@code --cpus} asks for.
     *
     * @return The count, or empty to keep the input's.
     * @throws UserInputException if the count is out of range.
     */
    OptionalInt cpuCount() {
        if (cpus == null) return OptionalInt.empty();
        if (cpus < 1 || cpus > ScenarioParser.MAX_CPUS)
            throw new UserInputException("--cpus " + cpus + ": must be 1.." + ScenarioParser.MAX_CPUS);
        return OptionalInt.of(cpus);
    }

    /**
     * Returns the proxy-execution switches {@code --proxy-preset} names.
     *
     * @return The preset, or empty when the option is not given.
     * @throws UserInputException if there is no such preset.
     */
    Optional<ProxyConfig> proxyConfig() {
        if (proxyPreset == null) return Optional.empty();
        try {
            return Optional.of(ProxyConfig.preset(proxyPreset));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--proxy-preset: " + e.getMessage());
        }
    }

    /**
     * Parses the words of a {@code --policy} option: policy names in lower case, or {@code all}. Upper case is
     * rejected, as every other spelling is, so a policy is written the one way reports print it.
     *
     * @param words The option's values, split at commas; blank ones are skipped.
     * @return The policies, in report order (none, inherit, proxy), without repeats.
     * @throws UserInputException naming the first word that is not a policy, or when no policy is named.
     */
    static List<Policy> parsePolicies(List<String> words) {
        EnumSet<Policy> asked = EnumSet.noneOf(Policy.class);
        for (String w : words) {
            String word = w.trim();
            if (word.isEmpty()) continue;
            if (word.equals("all")) {
                asked.addAll(EnumSet.allOf(Policy.class));
            } else {
                asked.add(Policy.ofKey(word).orElseThrow(() -> new UserInputException(
                        "--policy " + word + ": expected none, inherit, proxy or all, in lower case")));
            }
        }
        if (asked.isEmpty()) throw new UserInputException("--policy: name at least one of none, inherit, proxy or all");
        return List.copyOf(asked);   // an EnumSet iterates in declaration order, which is report order
    }
}
