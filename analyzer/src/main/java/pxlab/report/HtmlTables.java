package pxlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.SchedContext;
import pxlab.replay.ReplayResult;
import pxlab.sim.Policy;
import pxlab.sim.SimResult;
import pxlab.trace.Wait;

/**
 * The tables of the HTML report: the pinned virtual threads, the inversions (or the longest waits when priority
 * is unknown), and the replay per thread and policy with the fidelity figure. Every recorded string goes through
 * {@link Html#text}.
 */
final class HtmlTables {

    private HtmlTables() {
    }

    /**
     * Writes the inversion table, or the longest waits whose priority is unknown, or a sentence saying there were
     * no inversions.
     *
     * @param h Where to write.
     * @param a The analysis.
     */
    static void waits(Html h, Analysis a) {
        if (!a.found()) return;
        List<ClassifiedWait> rows = a.inversions();
        h.raw("<section id=\"inversions\">");
        if (!rows.isEmpty()) {
            h.raw("<h2>Priority inversions</h2><p class=\"lead\">");
            h.text("The " + rows.size() + " longest of " + a.summary().inversions() + " inversions: waits in which"
                    + " the waiter outranks the lock's owner. Proxy: whether proxy execution would have shortened"
                    + " the wait (owner preempted, or a chain ending in a preempted owner).");
        } else if (!a.longestWaits().isEmpty()) {
            rows = a.longestWaits();
            h.raw("<h2>Longest waits</h2><p class=\"lead\">");
            h.text("Whether these waits are priority inversions is unknown: the recording lacks the threads'"
                    + " scheduling attributes. The " + rows.size() + " longest, with what each owner did.");
        } else {
            h.raw("<h2>Priority inversions</h2><p class=\"empty\">No priority inversions: in every wait the waiter"
                    + " did not outrank the owner.</p></section>");
            return;
        }
        h.raw("</p><table class=\"inv\"><thead><tr><th class=\"num\">#</th><th class=\"num\">Wait</th>"
                + "<th>Cause</th><th>Proxy</th><th>Waiter</th><th>Owner</th><th>Lock</th><th class=\"num\">At</th>"
                + "<th>Waiter's code</th><th>Owner's code</th></tr></thead><tbody>");
        int i = 0;
        for (ClassifiedWait c : rows) row(h, a, ++i, c);
        h.raw("</tbody></table></section>");
    }

    private static void row(Html h, Analysis a, int index, ClassifiedWait c) {
        Wait w = c.lockWait();
        String cause = c.waitClass() == null ? "unknown" : c.waitClass().key();
        h.raw("<tr><td class=\"num\">").raw(Integer.toString(index)).raw("</td><td class=\"num\">")
                .text(Times.format(w.durationNs())).raw("</td><td>");
        h.raw("<span").attr("class", "badge k-" + cause).attr("title", AnalysisText.ownerTime(c.ownerTime()))
                .raw(">").text(cause).raw("</span>");
        if (!c.chain().isEmpty()) {
            StringBuilder chain = new StringBuilder("via ");
            for (Wait link : c.chain()) chain.append(link.owner() == null ? "?" : link.owner().name()).append(" → ");
            chain.append(c.deadlock() ? "a cycle" : c.chainEnd() == null ? "?" : c.chainEnd().key());
            h.element("span", "sub", chain.toString());
        }
        h.element("span", "sub", c.evidence().key()).raw("</td><td>");
        h.raw(c.resolvableByProxy() ? "<span class=\"yes\">resolvable</span>" : "<span class=\"no\">no</span>");
        h.raw("</td><td>");
        thread(h, w.waiter().name(), c.waiterContext());
        h.raw("</td><td>");
        thread(h, c.owner() == null ? "unknown" : c.owner().name(), c.ownerContext());
        h.raw("</td><td>").element("span", "mono", w.lock().name()).element("span", "sub", w.kind().key()
                + (c.heldAt() == null ? "" : ", held in " + shortFrame(c.heldAt())));
        h.raw("</td><td class=\"num\">").text(Figures.offset(a.offsetNs(w.startNs()))).raw("</td><td>");
        stack(h, w.stack());
        h.raw("</td><td>");
        stack(h, c.ownerStack());
        h.raw("</td></tr>");
    }

    /** A stack that folds out from its top frame, or "not recorded". */
    private static void stack(Html h, List<String> frames) {
        if (frames.isEmpty()) {
            h.raw("<span class=\"no\">not recorded</span>");
            return;
        }
        h.raw("<details><summary class=\"mono\">").text(shortFrame(frames.get(0))).raw("</summary><ol class=\"mono\">");
        for (String frame : frames) h.element("li", null, frame);
        h.raw("</ol></details>");
    }

    /**
     * Writes the pinned virtual threads: the totals and the threads pinned longest; nothing when none was pinned.
     *
     * @param h Where to write.
     * @param a The analysis.
     */
    static void pinning(Html h, Analysis a) {
        Analysis.Pinning p = a.pinning();
        if (!p.any()) return;
        h.raw("<section id=\"pinning\"><h2>Pinned virtual threads</h2><p class=\"lead\">");
        h.text("Times a virtual thread blocked while pinned to its carrier (jdk.VirtualThreadPinned): meanwhile the"
                + " carrier runs no other virtual thread.");
        h.raw("</p><p class=\"headline\">").text(p.count() + (p.count() == 1 ? " time" : " times") + " in "
                + p.threadCount() + (p.threadCount() == 1 ? " thread, " : " threads, ") + Times.format(p.totalNs())
                + " in all; longest " + Times.format(p.longestNs()) + " (").element("span", "mono", p.longestThread())
                .raw(").</p>");
        h.raw("<table class=\"pinned\"><thead><tr><th>Thread</th><th class=\"num\">Times</th>"
                + "<th class=\"num\">In all</th><th class=\"num\">Longest</th></tr></thead><tbody>");
        for (Analysis.PinnedThread t : p.threads()) {
            h.raw("<tr><td>").element("span", "mono", t.thread()).raw("</td><td class=\"num\">")
                    .text(Integer.toString(t.count())).raw("</td><td class=\"num\">").text(Times.format(t.totalNs()))
                    .raw("</td><td class=\"num\">").text(Times.format(t.longestNs())).raw("</td></tr>");
        }
        h.raw("</tbody></table>");
        int more = p.threadCount() - p.threads().size();
        if (more > 0) h.raw("<p class=\"lead\">").text(more + " more pinned thread" + (more == 1 ? "" : "s")
                + " in --format json.").raw("</p>");
        h.raw("</section>");
    }

    /**
     * Returns a frame without its package, for the one line a table cell has room for.
     *
     * @param frame {@code package.Class.method:line}.
     * @return {@code Class.method:line}; the frame itself when it has no package.
     */
    static String shortFrame(String frame) {
        int colon = frame.indexOf(':');
        int method = frame.lastIndexOf('.', colon < 0 ? frame.length() - 1 : colon);
        int cls = method <= 0 ? -1 : frame.lastIndexOf('.', method - 1);
        return cls < 0 ? frame : frame.substring(cls + 1);
    }

    private static void thread(Html h, String name, SchedContext context) {
        h.element("span", "mono", name);
        if (context != null) h.element("span", "sub", context.describe());
    }

    /**
     * Writes the replay table (recorded and replayed lock waiting per thread and policy, and the single waits'
     * p99), the requests' latencies when any were timed, and the fidelity figure.
     *
     * @param h Where to write.
     * @param a The analysis; its replay has runs.
     */
    static void replay(Html h, Analysis a) {
        ReplayResult r = a.replay();
        List<String> threads = a.featuredThreads(a.top());
        boolean compare = r.run(Policy.NONE).isPresent() && r.run(Policy.PROXY).isPresent();
        h.raw("<section id=\"replay\"><h2>Replay per thread</h2><p class=\"lead\">");
        h.text("Each thread's lock waiting in the replay window: recorded, and replayed under each policy with the"
                + " proxy preset " + a.options().proxyPreset().presetName() + ". p99 is of the thread's single waits.");
        h.raw("</p>");
        fidelity(h, r.fidelity());
        if (threads.isEmpty()) {
            h.raw("<p class=\"empty\">No thread waited for a lock in the replay.</p>");
        } else {
            h.raw("<table class=\"replay\"><thead><tr><th>Thread</th><th class=\"num\">recorded</th>");
            for (ReplayResult.PolicyRun run : r.runs()) h.raw("<th class=\"num\">").text(run.key()).raw("</th>");
            if (compare) h.raw("<th class=\"num\">none → proxy</th>");
            h.raw("<th class=\"num\">p99 recorded</th>");
            for (ReplayResult.PolicyRun run : r.runs()) h.raw("<th class=\"num\">").text("p99 " + run.key()).raw("</th>");
            h.raw("</tr></thead><tbody>");
            for (String t : threads) threadRow(h, r, t, compare);
            h.raw("</tbody></table>");
        }
        requests(h, r, threads);
        h.raw("</section>");
    }

    private static void threadRow(Html h, ReplayResult r, String t, boolean compare) {
        h.raw("<tr><td>").element("span", "mono", t).raw("</td><td class=\"num\">");
        Optional<ReplayResult.ThreadRun> measured = r.recorded() == null ? Optional.empty() : r.recorded().thread(t);
        h.text(measured.map(x -> Times.format(x.lockWaitNs())).orElse("-")).raw("</td>");
        for (ReplayResult.PolicyRun run : r.runs()) {
            h.raw("<td class=\"num\">").text(run.thread(t).map(x -> Times.format(x.lockWaitNs())).orElse("-"))
                    .raw("</td>");
        }
        if (compare) {
            long none = r.run(Policy.NONE).flatMap(x -> x.thread(t)).map(ReplayResult.ThreadRun::lockWaitNs).orElse(0L);
            long proxy = r.run(Policy.PROXY).flatMap(x -> x.thread(t)).map(ReplayResult.ThreadRun::lockWaitNs).orElse(0L);
            h.raw("<td").attr("class", "num " + (proxy < none ? "better" : proxy > none ? "worse" : "")).raw(">")
                    .text(Figures.change(none, proxy)).raw("</td>");
        }
        List<ReplayResult.PolicyRun> p99s = new ArrayList<>();
        if (r.recorded() != null) p99s.add(r.recorded());
        p99s.addAll(r.runs());
        for (ReplayResult.PolicyRun run : p99s) {
            h.raw("<td class=\"num\">").text(run.thread(t).map(x -> Times.format(x.waits().p99Ns())).orElse("-"))
                    .raw("</td>");
        }
        h.raw("</tr>");
    }

    /** Request latencies per thread, request and policy; nothing when no request was timed. */
    private static void requests(Html h, ReplayResult r, List<String> threads) {
        boolean any = false;
        List<ReplayResult.PolicyRun> columns = new ArrayList<>();
        if (r.recorded() != null) columns.add(r.recorded());
        columns.addAll(r.runs());
        for (String t : threads) {
            TreeSet<String> names = new TreeSet<>();
            for (ReplayResult.PolicyRun run : columns) {
                run.thread(t).ifPresent(x -> x.requests().forEach(q -> names.add(q.name())));
            }
            for (String q : names) {
                if (!any) {
                    h.raw("<h2 class=\"sub-h\">Requests</h2><table class=\"requests\"><thead><tr><th>Thread</th>"
                            + "<th>Request</th>");
                    for (ReplayResult.PolicyRun run : columns) {
                        h.raw("<th class=\"num\">").text(run.key() + " p50 / p99 / max").raw("</th>");
                    }
                    h.raw("</tr></thead><tbody>");
                    any = true;
                }
                h.raw("<tr><td>").element("span", "mono", t).raw("</td><td>").element("span", "mono", q).raw("</td>");
                for (ReplayResult.PolicyRun run : columns) {
                    Optional<SimResult.RequestStats> s = run.thread(t)
                            .flatMap(x -> x.requests().stream().filter(y -> y.name().equals(q)).findFirst());
                    h.raw("<td class=\"num\">").text(s.map(x -> Times.format(x.p50Ns()) + " / "
                            + Times.format(x.p99Ns()) + " / " + Times.format(x.maxNs())).orElse("-")).raw("</td>");
                }
                h.raw("</tr>");
            }
        }
        if (any) h.raw("</tbody></table>");
    }

    /** The verdict on the replay, above its table: how far the {@code none} run is from the recording. */
    private static void fidelity(Html h, ReplayResult.Fidelity f) {
        if (f == null) return;
        ReplayResult.Verdict v = f.verdict();
        h.raw("<p class=\"headline\"><strong>Fidelity</strong>: ");
        h.text("replayed under none, the threads waited " + Times.format(f.replayedLockWaitNs()) + " where the"
                + " recording measured " + Times.format(f.measuredLockWaitNs()) + ": " + AnalysisText.error(f)
                + " off, summed thread by thread. ");
        h.raw("<span").attr("class", v.trusted() ? "yes" : "no").raw(">").text("What-if " + f.verdictInBrief())
                .raw("</span>.");
        h.raw("</p>");
    }
}
