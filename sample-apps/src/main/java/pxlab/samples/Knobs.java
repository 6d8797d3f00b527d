package pxlab.samples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sample's command-line knobs: {@code --name value} or {@code --name=value}, each with a default. Kept free of
 * libraries so a sample runs with only its own jar on the class path, as the target JVM of the agent would.
 */
final class Knobs {

    private final String app;
    private final Map<String, String> values;
    private final Map<String, String> help;

    private Knobs(String app, Map<String, String> values, Map<String, String> help) {
        this.app = app;
        this.values = values;
        this.help = help;
    }

    /**
     * Parses the arguments; {@code --help} prints the knobs and exits 0, anything unknown prints one line and exits 2.
     *
     * @param app      The sample's name, for messages.
     * @param args     The arguments.
     * @param defaults Triples: name, default value, meaning.
     * @return The knobs.
     */
    static Knobs parse(String app, String[] args, String... defaults) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        for (int i = 0; i + 2 < defaults.length; i += 3) {
            values.put(defaults[i], defaults[i + 1]);
            help.put(defaults[i], defaults[i + 2]);
        }
        Knobs k = new Knobs(app, values, help);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                k.usage();
                System.exit(0);
            }
            if (!a.startsWith("--")) k.fail(a + ": expected --name value");
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (!values.containsKey(name)) k.fail("--" + name + ": unknown knob (try --help)");
            if (eq >= 0) values.put(name, a.substring(eq + 1));
            else if (i + 1 < args.length) values.put(name, args[++i]);
            else k.fail("--" + name + ": needs a value");
        }
        return k;
    }

    /** Returns a whole-number knob, at least {@code min}. */
    int integer(String name, int min) {
        try {
            int v = Integer.parseInt(values.get(name).trim());
            if (v < min) fail("--" + name + " " + v + ": must be at least " + min);
            return v;
        } catch (NumberFormatException e) {
            fail("--" + name + " " + values.get(name) + ": not a whole number");
            return 0;
        }
    }

    /** Returns a duration knob in nanoseconds: a number with {@code us}, {@code ms} or {@code s}. */
    long nanos(String name) {
        String v = values.get(name).trim();
        int split = 0;
        while (split < v.length() && (Character.isDigit(v.charAt(split)) || v.charAt(split) == '.')) split++;
        String unit = v.substring(split);
        long scale = unit.equals("s") ? 1_000_000_000L : unit.equals("ms") ? 1_000_000L
                : unit.equals("us") ? 1_000L : -1;
        if (split == 0 || scale < 0) fail("--" + name + " " + v + ": expected a duration such as 500us, 20ms or 5s");
        try {
            return Math.round(Double.parseDouble(v.substring(0, split)) * scale);
        } catch (NumberFormatException e) {
            fail("--" + name + " " + v + ": expected a duration such as 500us, 20ms or 5s");
            return 0;
        }
    }

    /** Returns a knob as given. */
    String text(String name) {
        return values.get(name);
    }

    private void usage() {
        System.out.println("usage: " + app + " [--knob value]...");
        help.forEach((name, meaning) -> System.out.printf("  --%-10s %s (default %s)%n", name, meaning,
                values.get(name)));
    }

    private void fail(String why) {
        System.err.println(app + ": " + why);
        System.exit(2);
    }
}
