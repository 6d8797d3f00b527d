package pxlab.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, parsed once from {@code -javaagent:pxlab-agent.jar=key=value,...}; never changed afterwards.
 *
 * @param record    Where to write a recording at exit, or {@code null} to join the user's recordings.
 * @param threshold The shortest lock wait recorded.
 * @param requests  Methods to time as {@code pxlab.Request}, each {@code Class#method}.
 */
public record AgentOptions(Path record, Duration threshold, List<String> requests) {

    /** No recording of our own; waits of 1 ms or more; no requests. */
    public static final AgentOptions DEFAULT = new AgentOptions(null, Duration.ofMillis(1), List.of());

    public AgentOptions {
        requests = List.copyOf(requests);
    }

    /**
     * Parses an option string.
     *
     * @param args The text after {@code =} in {@code -javaagent}, or {@code null}.
     * @return The options.
     * @throws IllegalArgumentException naming the bad option.
     */
    public static AgentOptions parse(String args) {
        AgentOptions o = DEFAULT;
        if (args == null || args.isBlank()) return o;
        String key = null;
        for (String part : args.split(",")) {
            int eq = part.indexOf('=');
            String value;
            if (eq > 0) {
                key = part.substring(0, eq).trim();
                value = part.substring(eq + 1).trim();
            } else if ("requests".equals(key)) {
                value = part.trim();   // requests=A#x,B#y: the list goes on after the comma
            } else {
                throw new IllegalArgumentException("option '" + part + "' is not key=value");
            }
            switch (key) {
                case "record" -> o = o.withRecord(Path.of(value));
                case "threshold" -> o = o.withThreshold(parseDuration(value));
                case "requests" -> o = o.withRequest(parseRequest(value));
                default -> throw new IllegalArgumentException(
                        "unknown option '" + key + "' (record, threshold, requests)");
            }
        }
        return o;
    }

    /**
     * Returns a copy that records to a file.
     *
     * @param file The recording file.
     * @return New options.
     */
    public AgentOptions withRecord(Path file) {
        return new AgentOptions(file, threshold, requests);
    }

    /**
     * Returns a copy that also times a method.
     *
     * @param request {@code Class#method}.
     * @return New options.
     */
    public AgentOptions withRequest(String request) {
        List<String> r = new ArrayList<>(requests);
        r.add(request);
        return new AgentOptions(record, threshold, r);
    }

    /**
     * Returns a copy with another wait threshold.
     *
     * @param d The threshold.
     * @return New options.
     */
    public AgentOptions withThreshold(Duration d) {
        return new AgentOptions(record, d, requests);
    }

    private static String parseRequest(String s) {
        int hash = s.indexOf('#');
        if (hash <= 0 || hash == s.length() - 1 || s.indexOf('#', hash + 1) >= 0)
            throw new IllegalArgumentException("request '" + s + "' is not Class#method");
        return s;
    }

    private static Duration parseDuration(String s) {
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] u : units) {
            if (s.endsWith(u[0]) && !(u[0].equals("s") && (s.endsWith("ns") || s.endsWith("us") || s.endsWith("ms")))) {
                try {
                    long n = Long.parseLong(s.substring(0, s.length() - u[0].length()));
                    if (n >= 0) return Duration.ofNanos(Math.multiplyExact(n, Long.parseLong(u[1])));
                } catch (NumberFormatException | ArithmeticException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("bad duration '" + s + "' (e.g. 500us, 1ms, 2s)");
    }
}
