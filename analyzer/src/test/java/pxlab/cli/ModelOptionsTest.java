package pxlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import pxlab.sim.Policy;

/**
 * The options analyze, simulate and bench share: one {@code --policy} syntax, in lower case, and one-line errors.
 */
class ModelOptionsTest {

    @Test
    void policiesComeInReportOrderWithoutRepeats() {
        assertEquals(List.of(Policy.NONE, Policy.PROXY), ModelOptions.parsePolicies(List.of("proxy", "none", "proxy")));
        assertEquals(List.of(Policy.INHERIT), ModelOptions.parsePolicies(List.of(" inherit ")));
    }

    @Test
    void allNamesEveryPolicy() {
        assertEquals(List.of(Policy.values()), ModelOptions.parsePolicies(List.of("all")));
        assertEquals(List.of(Policy.values()), ModelOptions.parsePolicies(List.of("proxy", "all")));
    }

    @Test
    void upperCaseIsRejectedAndTheLineSaysLowerCase() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> ModelOptions.parsePolicies(List.of("NONE")));
        assertEquals("--policy NONE: expected none, inherit, proxy or all, in lower case", e.getMessage());
    }

    @Test
    void blankWordsAreSkippedButSomePolicyMustBeNamed() {
        assertEquals(List.of(Policy.NONE), ModelOptions.parsePolicies(List.of("none", "")));
        UserInputException e = assertThrows(UserInputException.class, () -> ModelOptions.parsePolicies(List.of(" ")));
        assertEquals("--policy: name at least one of none, inherit, proxy or all", e.getMessage());
    }

    @Test
    void everyCommandRejectsTheSameWordWithTheSameLine() {
        // Options are checked before any file is read, so a missing file does not hide the bad option.
        String[][] commands = {{"analyze", "no/such.jfr"}, {"simulate", "no/such.yaml"}, {"bench"}};
        for (String[] command : commands) {
            for (String word : List.of("NONE", "Proxy", "fastest")) {
                String[] args = Stream.concat(Arrays.stream(command), Stream.of("--policy", "none," + word))
                        .toArray(String[]::new);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
                assertEquals(Main.BAD_INPUT, code, String.join(" ", args) + ": " + err);
                assertEquals("pxlab: --policy " + word + ": expected none, inherit, proxy or all, in lower case",
                        err.toString().strip(), String.join(" ", args));
                assertEquals("", out.toString());
            }
        }
    }
}
