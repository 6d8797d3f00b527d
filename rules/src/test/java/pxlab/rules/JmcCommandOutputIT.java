package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import pxlab.cli.Main;
import pxlab.testsupport.Json;

/**
 * {@code pxlab jmc --format json|xml|text} parses at every {@code --min}, with and without {@code --verbose}, run
 * through the command line's own entry point in this JVM: on a recording whose thread names break hand-written JSON,
 * XML and terminals, where some of JMC's rules give a result without a score, and on one where no rule reaches the
 * minimum.
 */
class JmcCommandOutputIT {

    private static final List<String> MINS = List.of("ok", "info", "warning");

    /** Runs {@code pxlab jmc FILE --format FORMAT --min MIN [--verbose]} and returns what it printed. */
    private static String jmc(Path file, String format, String min, boolean verbose) {
        List<String> args = new ArrayList<>(List.of("jmc", file.toString(), "--format", format, "--min", min));
        if (verbose) args.add("--verbose");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, String.join(" ", args) + ": " + err);
        return out.toString();
    }

    @Test
    void jsonParsesAtEveryMinimumWithTheRecordedNamesIntact() throws Exception {
        Path file = Recordings.awkwardNamesFile();
        for (String min : MINS) {
            for (boolean verbose : new boolean[] {false, true}) {
                String text = jmc(file, "json", min, verbose);
                Object doc = Json.parse(text);
                assertEquals(file.toString(), Json.get(doc, 0, "file"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rules = (List<Map<String, Object>>) Json.get(doc, 0, "rules");
                for (Map<String, Object> r : rules) {
                    assertTrue(r.containsKey("score"), "every result has a score field: " + r.get("id"));
                    assertEquals(verbose, r.containsKey("explanation"), r.get("id") + " " + min);
                    assertFalse("na".equals(r.get("severity")), "NA results are below every minimum");
                }
                Map<String, Object> sleeping = rules.stream().filter(r -> r.get("id").equals("PxlabSleepingOwner"))
                        .findFirst().orElse(null);
                if (min.equals("ok")) {
                    assertTrue(rules.stream().anyMatch(r -> r.get("score") == null), "a rule without a score: " + text);
                    assertNotNull(sleeping, text);
                }
                if (sleeping != null) {
                    assertEquals(Recordings.AWKWARD_OWNER, Json.get(sleeping, "results", "worstOwner", "value"));
                    assertEquals(Recordings.AWKWARD_WAITER, Json.get(sleeping, "results", "worstWaiter", "value"));
                    assertEquals("ns", Json.get(sleeping, "results", "worstTime", "unit"));
                    if (verbose) {
                        assertTrue(((String) sleeping.get("explanation")).contains(Recordings.AWKWARD_OWNER),
                                (String) sleeping.get("explanation"));
                    }
                }
            }
        }
    }

    @Test
    void xmlParsesAtEveryMinimumWithWhatXmlCannotCarryReplaced() throws Exception {
        Path file = Recordings.awkwardNamesFile();
        for (String min : MINS) {
            for (boolean verbose : new boolean[] {false, true}) {
                String text = jmc(file, "xml", min, verbose);
                Document doc = parseXml(text);
                assertEquals("reportcollection", doc.getDocumentElement().getTagName());
                Element sleeping = rule(doc, "PxlabSleepingOwner");
                if (min.equals("ok")) assertNotNull(sleeping, text);
                if (sleeping != null && verbose) {
                    String explanation = sleeping.getElementsByTagName("explanation").item(0).getTextContent();
                    assertTrue(explanation.contains(Recordings.AWKWARD_OWNER.replace('\u0001', '?')
                            .replace('\u001b', '?')), explanation);
                }
            }
        }
    }

    @Test
    void textKeepsJmcsLayoutAndNoTerminalEscapes() throws Exception {
        Path file = Recordings.awkwardNamesFile();
        for (String min : MINS) {
            String text = jmc(file, "text", min, true);
            assertTrue(text.startsWith("Flight Recording report"), text);
            assertFalse(text.contains("\u001b"), "no escape sequence reaches the terminal");
            assertFalse(text.contains("\u0085"), "no C1 control either");
            if (min.equals("ok")) {
                assertTrue(text.contains("Rule: Sleeping Lock Owners (pxlab)\nSeverity: "), text);
            }
        }
    }

    @Test
    void noRuleReachingTheMinimumIsAnEmptyListInEveryFormat() throws Exception {
        Path file = Recordings.noLockEventsFile();
        for (boolean verbose : new boolean[] {false, true}) {
            String json = jmc(file, "json", "warning", verbose);
            assertEquals(List.of(), Json.get(Json.parse(json), 0, "rules"), json);
            Document xml = parseXml(jmc(file, "xml", "warning", verbose));
            assertEquals(0, xml.getElementsByTagName("rule").getLength());
            assertEquals(1, xml.getElementsByTagName("file").getLength());
        }
    }

    private static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element rule(Document doc, String id) {
        NodeList rules = doc.getElementsByTagName("rule");
        for (int i = 0; i < rules.getLength(); i++) {
            Element r = (Element) rules.item(i);
            if (r.getElementsByTagName("id").item(0).getTextContent().equals(id)) return r;
        }
        return null;
    }
}
