package pxlab.rules.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.openjdk.jmc.common.IDisplayable;
import org.openjdk.jmc.common.util.XmlToolkit;
import org.openjdk.jmc.flightrecorder.rules.report.JfrRulesReport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a {@link RuleReport} as JMC's {@code JfrRulesReport} does for XML and text: the same document
 * ({@code reportcollection/report/file, rule/id, name, severity, score, summary, explanation, solution, itemset}),
 * written as it is for XML and through JMC's own {@code text.xslt} for text, so both look as JMC's.
 *
 * <p>Unlike JMC's, every string is made safe for its format first: XML 1.0 cannot carry most control characters
 * even as references (JMC writes {@code &#1;}, which no parser accepts), so those become {@code ?}; the text
 * report also replaces the ones a terminal acts on (escape sequences), as {@code pxlab analyze} does.
 */
final class ReportXml {

    private static final String TEXT_XSLT = "org/openjdk/jmc/flightrecorder/rules/report/text.xslt";

    private ReportXml() {
    }

    /**
     * Writes the report as XML.
     *
     * @param report  The report.
     * @param verbose Whether to add each result's explanation, solution and events.
     * @param out     Where to write; not closed.
     */
    static void writeXml(RuleReport report, boolean verbose, Writer out) throws IOException {
        transform(document(report, verbose, false), null, out);
    }

    /**
     * Writes the report as JMC's text report.
     *
     * @param report  The report.
     * @param verbose Whether to add each result's explanation, solution and events.
     * @param out     Where to write; not closed.
     */
    static void writeText(RuleReport report, boolean verbose, Writer out) throws IOException {
        try (InputStream xslt = JfrRulesReport.class.getClassLoader().getResourceAsStream(TEXT_XSLT)) {
            if (xslt == null) throw new IOException("JMC's " + TEXT_XSLT + " is not on the class path");
            transform(document(report, verbose, true), xslt, out);
        }
    }

    private static void transform(Document doc, InputStream xslt, Writer out) throws IOException {
        try {
            var factory = XmlToolkit.createTransformerFactory();
            Transformer t = xslt == null ? factory.newTransformer() : factory.newTransformer(new StreamSource(xslt));
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.transform(new DOMSource(doc), new StreamResult(out));
            out.flush();
        } catch (TransformerException e) {
            throw new IOException("cannot write the report: " + e.getMessage(), e);
        }
    }

    /** JfrRulesReport's document, with every string cleaned for XML, or for a terminal as well. */
    static Document document(RuleReport report, boolean verbose, boolean forTerminal) throws IOException {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
        Cleaner clean = new Cleaner(forTerminal);
        Element root = doc.createElement("reportcollection");
        doc.appendChild(root);
        Element rep = child(root, "report");
        value(rep, "file", clean.apply(report.file()));
        for (RuleReport.Rule r : report.rules()) {
            Element rule = child(rep, "rule");
            value(rule, "id", clean.apply(r.id()));
            value(rule, "name", clean.apply(r.name()));
            if (r.error() != null) {
                value(rule, "error", clean.apply(r.error()));
                continue;
            }
            value(rule, "severity", r.severity().getLocalizedName());
            if (r.score() != null) value(rule, "score", r.score().displayUsing(IDisplayable.AUTO));
            value(rule, "summary", clean.apply(r.summary()));
            if (verbose) {
                value(rule, "explanation", clean.apply(r.explanation()));
                value(rule, "solution", clean.apply(r.solution()));
                if (r.items() != null) itemSet(rule, r.items(), clean);
            }
        }
        return doc;
    }

    private static void itemSet(Element rule, RuleReport.ItemSet items, Cleaner clean) {
        Element set = child(rule, "itemset");
        Element fields = child(set, "fields");
        for (String f : items.fields()) value(child(fields, "field"), "name", clean.apply(f));
        Element rows = child(set, "items");
        for (List<String> row : items.rows()) {
            Element item = child(rows, "item");
            for (String v : row) value(item, "value", clean.apply(v));
        }
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    /** An element holding text; JfrRulesReport writes an empty one for a missing value. */
    private static void value(Element parent, String name, String text) {
        child(parent, name).appendChild(parent.getOwnerDocument().createTextNode(text == null ? "" : text));
    }

    /** Keeps only what XML 1.0 can carry, and for a terminal only what a terminal prints as itself. */
    private record Cleaner(boolean forTerminal) {

        String apply(String s) {
            if (s == null) return null;
            StringBuilder sb = null;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                boolean ok = allowed(s, i, ch);
                if (!ok && sb == null) sb = new StringBuilder(s.substring(0, i));
                if (sb != null) sb.append(ok ? ch : '?');
            }
            return sb == null ? s : sb.toString();
        }

        private boolean allowed(String s, int i, char ch) {
            if (ch == '\t' || ch == '\n' || ch == '\r') return true;
            if (ch < 0x20 || ch == 0xFFFE || ch == 0xFFFF) return false;   // XML 1.0 Char excludes them
            if (Character.isHighSurrogate(ch)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (Character.isLowSurrogate(ch)) return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            return !forTerminal || ch < 0x7f || ch > 0x9f;   // DEL and C1: a terminal may act on them
        }
    }
}
