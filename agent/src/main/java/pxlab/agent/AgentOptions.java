package pxlab.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, parsed once from {@code -javaagent:pxlab-agent.jar=key=value,...}; never changed afterwards.
 * A list option's values go on after commas ({@code include=com.a.*,com.b.*}) until the next {@code key=}.
 *
 * @param record    Where to write a recording at exit, or {@code null} to join the user's recordings.
 * @param threshold The shortest lock wait and lock hold recorded (with {@code record}).
 * @param period    How often {@code pxlab.ThreadCpu} samples every thread (with {@code record}).
 * @param requests  Methods to time as {@code pxlab.Request}, each {@code Class#method}.
 * @param monitors  Which classes get their {@code synchronized} code instrumented.
 */
public record AgentOptions(Path record, Duration threshold, Duration period, List<String> requests,
                           ClassFilter monitors) {

    /** No recording of our own; waits of 1 ms or more; CPU samples every second; every application class. */
    public static final AgentOptions DEFAULT = new AgentOptions(null, Duration.ofMillis(1), Duration.ofSeconds(1),
            List.of(), new ClassFilter(List.of(), List.of()));

    private static final String KEYS = "record, threshold, period, requests, include, exclude";

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
            } else if (isList(key)) {
                value = part.trim();
            } else {
                throw new IllegalArgumentException("option '" + part + "' is not key=value");
            }
            o = switch (key) {
                case "record" -> o.withRecord(Path.of(value));
                case "threshold" -> o.withThreshold(parseDuration(value));
                case "period" -> o.withPeriod(positive(parseDuration(value), "period"));
                case "requests" -> o.withRequest(parseRequest(value));
                case "include" -> o.withMonitors(add(o.monitors.include(), value), o.monitors.exclude());
                case "exclude" -> o.withMonitors(o.monitors.include(), add(o.monitors.exclude(), value));
                default -> throw new IllegalArgumentException("unknown option '" + key + "' (" + KEYS + ")");
            };
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
        return new AgentOptions(file, threshold, period, requests, monitors);
    }

    /**
     * Returns a copy that also times a method.
     *
     * @param request {@code Class#method}.
     * @return New options.
     */
    public AgentOptions withRequest(String request) {
        return new AgentOptions(record, threshold, period, add(requests, request), monitors);
    }

    /**
     * Returns a copy with another wait and hold threshold.
     *
     * @param d The threshold.
     * @return New options.
     */
    public AgentOptions withThreshold(Duration d) {
        return new AgentOptions(record, d, period, requests, monitors);
    }

    /**
     * Returns a copy with another CPU sampling period.
     *
     * @param d The period.
     * @return New options.
     */
    public AgentOptions withPeriod(Duration d) {
        return new AgentOptions(record, threshold, d, requests, monitors);
    }

    /**
     * Returns a copy that instruments other classes' monitors.
     *
     * @param include Globs of classes to instrument; empty for all application classes.
     * @param exclude Globs of classes to leave alone.
     * @return New options.
     */
    public AgentOptions withMonitors(List<String> include, List<String> exclude) {
        return new AgentOptions(record, threshold, period, requests, new ClassFilter(include, exclude));
    }

    private static boolean isList(String key) {
        return "requests".equals(key) || "include".equals(key) || "exclude".equals(key);
    }

    private static List<String> add(List<String> list, String value) {
        List<String> out = new ArrayList<>(list);
        out.add(value);
        return out;
    }

    private static String parseRequest(String s) {
        int hash = s.indexOf('#');
        if (hash <= 0 || hash == s.length() - 1 || s.indexOf('#', hash + 1) >= 0)
            throw new IllegalArgumentException("request '" + s + "' is not Class#method");
        return s;
    }

    private static Duration positive(Duration d, String what) {
        if (d.isZero()) throw new IllegalArgumentException(what + " must be longer than 0");
        return d;
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
