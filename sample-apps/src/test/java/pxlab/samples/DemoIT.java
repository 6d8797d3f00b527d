package pxlab.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.cli.Main;

/** {@code pxlab demo} through the command line, as the launcher runs it (pxlab.home is the repository). */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void demoPrintsHeadlineAndWritesReport() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path demo = dir.resolve("demo");
        int code = Main.execute(new String[] {"demo", "--duration", "4", "--out", demo.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out.toString();
        assertEquals(0, code, text + err);
        assertTrue(text.contains("[1/4] running it under the agent for 4 s"), text);
        // The rules module's 'pxlab jmc': JMC's own report engine with the pxlab rules.
        Path jmc = demo.resolve("jmc.txt");
        assertTrue(text.contains("[3/4] JMC rules: written to " + jmc), text);
        String report = Files.readString(jmc);
        assertTrue(report.contains("Rule: Priority Inversions (pxlab)") && report.contains("Severity: Warning"), report);
        assertTrue(text.matches("(?s).*foreground requests  \\d+ served, p99 .*"), text);
        assertTrue(text.matches("(?s).*inversions found     [1-9]\\d* of \\d+ lock waits.*"), text);
        assertTrue(text.contains("proxy execution      "), text);
        Path html = demo.resolve("report.html");
        assertTrue(text.contains("HTML report          " + html), text);
        assertTrue(Files.readString(html).contains("<html"), "an HTML page");
    }

    @Test
    void badDurationIsExit2() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"demo", "--duration", "0", "--out", dir.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().contains("pxlab demo: --duration 0: must be 2..600 seconds"), err.toString());
    }
}
