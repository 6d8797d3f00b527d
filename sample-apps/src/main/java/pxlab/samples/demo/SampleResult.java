package pxlab.samples.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sample's {@code RESULT key=value ...} line: what the app measured itself, next to what the analysis says.
 *
 * @param values The pairs, in their order.
 */
public record SampleResult(Map<String, String> values) {

    /**
     * Finds the RESULT line in a sample's output.
     *
     * @param lines The output.
     * @return The result, or empty when the sample printed none.
     */
    public static Optional<SampleResult> find(List<String> lines) {
        for (String line : lines) {
            if (!line.startsWith("RESULT ")) continue;
            Map<String, String> m = new LinkedHashMap<>();
            for (String pair : line.substring(7).trim().split(" +")) {
                int eq = pair.indexOf('=');
                if (eq > 0) m.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return Optional.of(new SampleResult(m));
        }
        return Optional.empty();
    }

    /** Returns a number, or NaN when absent. */
    public double number(String key) {
        String v = values.get(key);
        try {
            return v == null ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
