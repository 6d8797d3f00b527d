package pxlab.rules.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.openjdk.jmc.common.IDisplayable;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IItemQuery;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.util.LabeledIdentifier;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

/**
 * What JMC's automated analysis says about one recording, gathered as JMC's {@code JfrRulesReport} gathers it: every
 * rule {@link RuleRegistry} knows (JMC's and, through {@code META-INF/services}, pxlab's), evaluated by JMC's own
 * engine ({@link RulesToolkit#evaluateParallel}) with default preferences, in order of id, without the results
 * below a minimum severity. {@link ReportJson} and {@link ReportXml} write it; the messages are filled in here, as
 * plain text, so every format shows the same sentences.
 *
 * @param file  The recording's name as the user gave it.
 * @param rules The rules reported, by id.
 */
record RuleReport(String file, List<Rule> rules) {

    RuleReport {
        rules = List.copyOf(rules);
    }

    /**
     * One rule's outcome: a result, or the error the rule ended with.
     *
     * @param id          The rule's id.
     * @param name        Its name.
     * @param severity    The result's severity; {@code null} after an error.
     * @param score       The result's score; {@code null} when it has none (as NA results and some of JMC's
     *                    own rules' OK results), or after an error.
     * @param summary     The summary with its placeholders filled in; {@code null} after an error.
     * @param explanation The explanation, likewise; {@code null} when the result has none.
     * @param solution    The solution, likewise; {@code null} when the result has none.
     * @param results     The result's typed results, in the order the rule declares them.
     * @param items       The events the result names (JMC's item query), read only for a verbose report; {@code null}
     *                    when there are none or the report is not verbose.
     * @param error       What went wrong, one line; {@code null} when the rule gave a result.
     */
    record Rule(String id, String name, Severity severity, IQuantity score, String summary, String explanation,
                String solution, List<Value> results, ItemSet items, String error) {
    }

    /**
     * One typed result of a rule.
     *
     * @param id     The typed result's id, the placeholder its messages use (e.g. {@code inversionTime}).
     * @param result The typed result.
     * @param value  Its value: an {@link IQuantity}, a string, or another object {@link #text()} formats.
     */
    record Value(String id, TypedResult<?> result, Object value) {

        /** The value as JMC displays it. */
        String text() {
            if (value instanceof IQuantity q) return q.displayUsing(IDisplayable.AUTO);
            if (value instanceof String s) return s;
            return result.format(value);
        }
    }

    /**
     * Events a result names, as a table.
     *
     * @param fields The columns' names.
     * @param rows   One row of displayed values per event.
     */
    record ItemSet(List<String> fields, List<List<String>> rows) {
    }

    /**
     * Evaluates every registered rule on a recording.
     *
     * @param file    The recording's name, as the report shows it.
     * @param items   The recording as JMC loaded it.
     * @param min     The lowest severity reported, as JfrRulesReport's {@code -min}: a result below it is left out
     *                (NA, below OK, always is); a rule that failed is always reported.
     * @param verbose Whether to read the events each result names.
     * @return The report.
     */
    static RuleReport evaluate(String file, IItemCollection items, Severity min, boolean verbose) {
        Map<IRule, Future<IResult>> futures = RulesToolkit.evaluateParallel(RuleRegistry.getRules(), items, null, 0);
        List<Map.Entry<IRule, Future<IResult>>> sorted = new ArrayList<>(futures.entrySet());
        sorted.sort(Comparator.comparing(e -> e.getKey().getId()));
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<IRule, Future<IResult>> e : sorted) {
            IRule rule = e.getKey();
            IResult r;
            try {
                r = e.getValue().get();
            } catch (ExecutionException x) {
                rules.add(failed(rule, x.getCause() == null ? x : x.getCause()));
                continue;
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(x);
            }
            if (r == null || r.getSeverity().compareTo(min) < 0) continue;
            rules.add(new Rule(rule.getId(), rule.getName(), r.getSeverity(), r.getResult(TypedResult.SCORE),
                    message(r, r.getSummary()), message(r, r.getExplanation()), message(r, r.getSolution()),
                    values(rule, r), verbose ? items(items, r) : null, null));
        }
        return new RuleReport(file, rules);
    }

    private static Rule failed(IRule rule, Throwable t) {
        String why = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new Rule(rule.getId(), rule.getName(), null, null, null, null, null, List.of(), null,
                why.replace('\n', ' '));
    }

    /** A message as the user reads it: placeholders filled in, not encoded for HTML. */
    private static String message(IResult r, String text) {
        return text == null ? null : ResultToolkit.populateMessage(r, text, false);
    }

    private static List<Value> values(IRule rule, IResult r) {
        List<Value> out = new ArrayList<>();
        for (TypedResult<?> t : rule.getResults()) {
            if (t.equals(TypedResult.SCORE) || t.equals(TypedResult.ITEM_QUERY)) continue;
            Object v;
            try {
                v = r.getResult(t);
            } catch (RuntimeException x) {   // a collection result asked for as one value
                continue;
            }
            if (v != null && !(v instanceof IItemQuery)) out.add(new Value(t.getIdentifier(), t, v));
        }
        return out;
    }

    /** The events of a result's item query, with JfrRulesReport's best-effort string of each value. */
    private static ItemSet items(IItemCollection all, IResult r) {
        IItemQuery query = r.getResult(TypedResult.ITEM_QUERY);
        if (query == null || query.getAttributes().isEmpty()) return null;
        List<String> fields = new ArrayList<>();
        for (IAttribute<?> a : query.getAttributes()) fields.add(a.getName());
        List<List<String>> rows = new ArrayList<>();
        for (IItemIterable it : all.apply(query.getFilter())) {
            List<IMemberAccessor<?, IItem>> accessors = new ArrayList<>();
            for (IAttribute<?> a : query.getAttributes()) accessors.add(a.getAccessor(it.getType()));
            for (IItem i : it) {
                List<String> row = new ArrayList<>(accessors.size());
                for (IMemberAccessor<?, IItem> a : accessors) row.add(a == null ? null : display(a.getMember(i)));
                rows.add(row);
            }
        }
        return new ItemSet(fields, rows);
    }

    private static String display(Object member) {
        if (member instanceof IQuantity q) return q.displayUsing(IDisplayable.AUTO);
        if (member instanceof LabeledIdentifier l) return l.getName();
        return String.valueOf(member);
    }
}
