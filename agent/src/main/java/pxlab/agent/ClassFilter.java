package pxlab.agent;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which application classes get their monitors instrumented: those matching an {@code include} glob (all, when there
 * is none) and no {@code exclude} glob. A glob is a class name where {@code *} stands for any characters, e.g.
 * {@code com.acme.*}. The agent's own classes, its shaded libraries and the JDK's are never included.
 *
 * @param include Globs a class must match one of; empty for all.
 * @param exclude Globs a class must match none of.
 */
public record ClassFilter(List<String> include, List<String> exclude) {

    /** The agent's own packages and classes (not its tests' in {@code pxlab.agent}), the JDK, Byte Buddy and ASM. */
    private static final List<String> NEVER = List.of("pxlab.agent.bootstrap.*", "pxlab.agent.instrument.*",
            "pxlab.agent.shaded.*", "pxlab.agent.PxlabAgent*", "pxlab.agent.AgentOptions*", "pxlab.agent.ClassFilter*",
            "java.*", "javax.*", "jdk.*", "sun.*", "com.sun.*", "net.bytebuddy.*", "org.objectweb.asm.*");

    public ClassFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String glob : include) check(glob);
        for (String glob : exclude) check(glob);
    }

    /**
     * Tells whether a class is instrumented.
     *
     * @param className The class's binary name, e.g. {@code com.acme.Cache$Entry}.
     * @return {@code true} when its monitors should be instrumented.
     */
    public boolean matches(String className) {
        if (anyMatch(NEVER, className) || anyMatch(exclude, className)) return false;
        return include.isEmpty() || anyMatch(include, className);
    }

    private static boolean anyMatch(List<String> globs, String name) {
        for (String glob : globs) {
            if (glob.endsWith("*") && glob.indexOf('*') == glob.length() - 1) {
                if (name.startsWith(glob.substring(0, glob.length() - 1))) return true;   // the common case, cheaply
            } else if (toRegex(glob).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (regex.length() > 0) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static void check(String glob) {
        if (glob.isEmpty() || !glob.matches("[\\p{L}\\p{N}_$.*]+")) {
            throw new IllegalArgumentException("class pattern '" + glob + "' is not a class name glob like com.acme.*");
        }
    }
}
