package pxlab.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import pxlab.analysis.Analysis;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.OwnerTime;
import pxlab.inversion.SchedContext;
import pxlab.replay.ReplayResult;
import pxlab.sim.Policy;
import pxlab.sim.SimResult;
import pxlab.trace.Wait;

/**
 * Writes an {@link Analysis} for people reading a terminal: a headline, the pinned virtual threads, the top
 * inversions, the replay table with one column per policy, the fidelity figure, and what the recording could not
 * show.
 *
 * <p>Recorded strings (thread names, classes, frames) go through {@link #clean}: a thread name is chosen by the
 * program that was recorded, and a control character in it could otherwise drive the reader's terminal.
 */
public final class AnalysisText {

    /** Frames printed per stack; JSON carries all the recording kept. */
    static final int FRAMES = 5;

    private AnalysisText() {
    }

    /**
     * Writes the report.
     *
     * @param a   The analysis.
     * @param out Where to write; flushed, not closed.
     */
    public static void write(Analysis a, PrintWriter out) {
        header(a, out);
        if (!a.found()) {
            out.println();
            out.println(a.options().threads() == null ? "No lock waits found: nothing to analyze."
                    : "No lock waits by threads matching '" + clean(a.options().threads().pattern())
                    + "' found: nothing to analyze.");
            pinning(a.pinning(), out);
        } else {
            headline(a, out);
            pinning(a.pinning(), out);
            waits(a, out);
            replay(a, out);
        }
        limitations(a, out);
        out.flush();
    }

    private static void header(Analysis a, PrintWriter out) {
        Analysis.Recording r = a.recording();
        out.printf("pxlab analyze %s: %s, %s recorded, %d threads, %s%n", clean(r.file()),
                r.cpus() < 0 ? "CPU count unknown" : r.cpus() + (r.cpus() == 1 ? " CPU" : " CPUs"),
                Times.format(r.durationNs()), r.threads(),
                r.agent() ? "pxlab agent loaded" : "recorded without the pxlab agent");
    }

    private static void headline(Analysis a, PrintWriter out) {
        Analysis.Summary s = a.summary();
        out.println();
        out.printf("Lock waiting: %d wait%s, %s in total.%n", s.waits(), s.waits() == 1 ? "" : "s",
                Times.format(s.waitNs()));
        if (s.unknownPriority() == s.waits()) {
            out.println("Priority inversion: unknown; the recording has no scheduling attributes for these threads.");
        } else {
            out.printf("Priority inversion: %d wait%s, %s (%s of the waiting): a waiter held up by an owner it"
                            + " outranks.%n", s.inversions(), s.inversions() == 1 ? "" : "s",
                    Times.format(s.inversionNs()), Figures.percent(s.inversionNs(), s.waitNs()));
            if (s.inversions() > 0) {
                out.printf("Proxy execution would remove %s of it (%s): the owner was preempted, or a chain of"
                                + " owners ended in a preempted one.%n", Times.format(s.inversionResolvableNs()),
                        Figures.percent(s.inversionResolvableNs(), s.inversionNs()));
            }
            if (s.inversionPreemptedNs() > 0) {
                out.printf("Measured: inside these waits their owners sat preempted for %s (schedstat), the most that"
                        + " running each owner in its waiter's place could give back.%n",
                        Times.format(s.inversionPreemptedNs()));
            }
        }
        out.printf("Of all the waiting, proxy execution would shorten %s (%s).%n", Times.format(s.resolvableNs()),
                Figures.percent(s.resolvableNs(), s.waitNs()));
        replayHeadline(a, out);
    }

    /** How long virtual threads held their carriers while blocked; nothing when none was pinned. */
    private static void pinning(Analysis.Pinning p, PrintWriter out) {
        if (!p.any()) return;
        out.printf("Virtual threads pinned to their carriers: %d time%s in %d thread%s, %s in all; longest %s (%s).%n",
                p.count(), p.count() == 1 ? "" : "s", p.threadCount(), p.threadCount() == 1 ? "" : "s",
                Times.format(p.totalNs()), Times.format(p.longestNs()), clean(p.longestThread()));
    }

    /**
     * The replay's none-versus-proxy figure, for the inverted waiters and for every thread in scope; only when the
     * replay reproduced the recording (its fidelity), else why it is withheld.
     */
    private static void replayHeadline(Analysis a, PrintWriter out) {
        ReplayResult.Verdict verdict = a.whatIf();
        if (a.replay() != null && !verdict.trusted()) {
            out.println("Replay what-if withheld: " + verdict.reason() + ". The measured figures above stand.");
            return;
        }
        Optional<Analysis.ReplayComparison> all = a.replayComparison(a.featuredThreads(0));
        if (all.isEmpty()) {
            out.println(a.replay() == null ? "Not replayed." : "Replay: run both --policy none and proxy to compare.");
            return;
        }
        if (!all.get().comparable()) {
            out.println("Replayed through the scheduler model: no lock waiting under none in the window to compare"
                    + " (see the fidelity figure).");
            return;
        }
        StringBuilder sb = new StringBuilder("Replayed through the scheduler model (").append(error(a.replay().fidelity()))
                .append(" off the recording per thread), none -> proxy: ");
        if (!a.invertedWaiters().isEmpty()) {
            sb.append("the inverted waiters' lock waiting ")
                    .append(comparison(a.replayComparison(a.invertedWaiters()).get())).append("; ");
        }
        sb.append("all threads' ").append(comparison(all.get())).append(".");
        out.println(sb);
    }

    private static String comparison(Analysis.ReplayComparison c) {
        return Times.format(c.noneNs()) + " -> " + Times.format(c.proxyNs()) + " ("
                + Figures.change(c.noneNs(), c.proxyNs()) + ")";
    }

    private static void waits(Analysis a, PrintWriter out) {
        List<ClassifiedWait> list = a.inversions();
        String title;
        if (!list.isEmpty()) {
            title = "Top " + list.size() + " inversion" + (list.size() == 1 ? "" : "s") + " of "
                    + a.summary().inversions() + ", longest first:";
        } else if (!a.longestWaits().isEmpty()) {
            list = a.longestWaits();
            title = "Longest " + list.size() + " wait" + (list.size() == 1 ? "" : "s")
                    + " whose priority relation is unknown:";
        } else {
            out.println();
            out.println("No priority inversions.");
            return;
        }
        out.println();
        out.println(title);
        int i = 0;
        for (ClassifiedWait c : list) {
            i++;
            wait(a, i, c, out);
        }
    }

    private static void wait(Analysis a, int index, ClassifiedWait c, PrintWriter out) {
        Wait w = c.lockWait();
        out.printf("%3d. %s  %s  %s  at %s%n", index, Times.format(w.durationNs()), cause(c),
                c.resolvableByProxy() ? "resolvable by proxy" : "not resolvable by proxy",
                Figures.offset(a.offsetNs(w.startNs())));
        out.printf("     waiter  %s%s%n", clean(w.waiter().name()), context(c.waiterContext()));
        out.printf("     owner   %s%s%n", c.owner() == null ? "unknown" : clean(c.owner().name()),
                context(c.ownerContext()));
        out.printf("     lock    %s (%s)%s%n", clean(w.lock().name()), w.kind().key(),
                c.heldAt() == null ? "" : ", held in " + clean(c.heldAt()));
        if (!c.chain().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Wait link : c.chain()) {
                sb.append(" -> ").append(link.owner() == null ? "?" : clean(link.owner().name()));
            }
            out.printf("     chain   %s%s%s%n", c.owner() == null ? "?" : clean(c.owner().name()), sb,
                    c.deadlock() ? " (a cycle)" : c.chainEnd() == null ? "" : " (" + c.chainEnd().key() + ")");
        }
        String time = ownerTime(c.ownerTime());
        if (!time.isEmpty()) out.printf("     owner's time  %s (%s)%n", time, c.evidence().key());
        frames("stack  ", w.stack(), out);
        frames("owner's code", c.ownerStack(), out);
    }

    /** Up to {@link #FRAMES} frames, the first beside a label. */
    private static void frames(String label, List<String> stack, PrintWriter out) {
        String indent = " ".repeat(label.length());
        for (int f = 0; f < Math.min(FRAMES, stack.size()); f++) {
            out.printf("     %s %s%n", f == 0 ? label : indent, clean(stack.get(f)));
        }
    }

    private static String cause(ClassifiedWait c) {
        return c.waitClass() == null ? "cause unknown" : c.waitClass().key();
    }

    private static String context(SchedContext c) {
        return c == null ? "" : "  (" + c.describe() + ")";
    }

    /** What the owner did in the part of the wait the class was decided on, or empty when nothing was measured. */
    static String ownerTime(OwnerTime t) {
        if (t.windowNs() <= 0) return "";
        StringBuilder sb = new StringBuilder();
        if (t.cpuNs() >= 0) sb.append("on CPU ").append(Times.format(t.cpuNs())).append(", ");
        if (t.runqueueNs() >= 0) sb.append("preempted ").append(Times.format(t.runqueueNs())).append(", ");
        sb.append("blocked ").append(Times.format(t.blockedNs())).append(", ");
        sb.append("off CPU ").append(Times.format(t.offCpuNs()));
        if (t.samples() > 0) sb.append(", ").append(t.samples()).append(" samples");
        return sb.append(" of ").append(Times.format(t.windowNs())).toString();
    }

    private static void replay(Analysis a, PrintWriter out) {
        ReplayResult r = a.replay();
        if (r == null) return;
        out.println();
        out.printf("Replay of %s..%s of the recording (%s), %d CPU%s, proxy preset %s:%n",
                Figures.offset(a.offsetNs(r.fromNs())), Figures.offset(a.offsetNs(r.toNs())),
                Times.format(r.toNs() - r.fromNs()), r.cpus(), r.cpus() == 1 ? "" : "s",
                a.options().proxyPreset().presetName());
        fidelity(a, out);
        List<String> threads = a.featuredThreads(a.top());
        if (threads.isEmpty()) {
            out.println("  no thread waited for a lock in the replay.");
        } else {
            table(r, threads).print(out, "  ");
            int more = a.featuredThreads(0).size() - threads.size();
            if (more > 0) out.printf("  (%d more thread%s in --format json)%n", more, more == 1 ? "" : "s");
        }
        for (ReplayResult.PolicyRun run : r.runs()) {
            if (run.result() != null && run.result().deadlock() != null) {
                out.printf("  deadlock under %s at %s: %s%n", run.key(), Times.format(run.result().deadlock().atNs()),
                        clean(run.result().deadlock().describe()));
            }
        }
    }

    /** The replay per thread: what the recording measured in the window, then each policy. */
    private static TextTable table(ReplayResult r, List<String> threads) {
        List<ReplayResult.PolicyRun> columns = new ArrayList<>();
        if (r.recorded() != null) columns.add(r.recorded());
        columns.addAll(r.runs());
        TextTable t = new TextTable();
        String[] head = new String[columns.size() + 1];
        head[0] = "";
        for (int i = 0; i < columns.size(); i++) head[i + 1] = columns.get(i).key();
        t.row(head);
        for (String name : threads) {
            t.row("thread " + clean(name));
            t.row(cells("  lock wait", columns, run -> run.thread(name).map(x -> Times.format(x.lockWaitNs())).orElse("-")));
            t.row(cells("  waits", columns, run -> stats(run, name, null).map(s -> Long.toString(s.count())).orElse("-")));
            t.row(cells("  wait p50", columns, run -> stats(run, name, null).map(s -> Times.format(s.p50Ns())).orElse("-")));
            t.row(cells("  wait p99", columns, run -> stats(run, name, null).map(s -> Times.format(s.p99Ns())).orElse("-")));
            t.row(cells("  wait max", columns, run -> stats(run, name, null).map(s -> Times.format(s.maxNs())).orElse("-")));
            for (String q : requestNames(columns, name)) {
                String label = "  " + clean(q);
                t.row(cells(label + " count", columns, run -> stats(run, name, q).map(s -> Long.toString(s.count())).orElse("-")));
                t.row(cells(label + " p50", columns, run -> stats(run, name, q).map(s -> Times.format(s.p50Ns())).orElse("-")));
                t.row(cells(label + " p99", columns, run -> stats(run, name, q).map(s -> Times.format(s.p99Ns())).orElse("-")));
                t.row(cells(label + " max", columns, run -> stats(run, name, q).map(s -> Times.format(s.maxNs())).orElse("-")));
            }
        }
        return t;
    }

    /** A thread's single-wait distribution ({@code request} null) or one of its requests' latencies. */
    private static Optional<SimResult.RequestStats> stats(ReplayResult.PolicyRun run, String thread,
                                                                     String request) {
        return run.thread(thread).flatMap(t -> request == null ? Optional.ofNullable(t.waits())
                : t.requests().stream().filter(q -> q.name().equals(request)).findFirst());
    }

    private static List<String> requestNames(List<ReplayResult.PolicyRun> columns, String thread) {
        TreeSet<String> names = new TreeSet<>();
        for (ReplayResult.PolicyRun run : columns) {
            run.thread(thread).ifPresent(t -> t.requests().forEach(q -> names.add(q.name())));
        }
        return List.copyOf(names);
    }

    private static String[] cells(String label, List<ReplayResult.PolicyRun> columns,
                                  Function<ReplayResult.PolicyRun, String> cell) {
        String[] row = new String[columns.size() + 1];
        row[0] = label;
        for (int i = 0; i < columns.size(); i++) row[i + 1] = cell.apply(columns.get(i));
        return row;
    }

    /** The verdict on the replay, above its table: how far the {@code none} run is from the recording. */
    private static void fidelity(Analysis a, PrintWriter out) {
        ReplayResult.Fidelity f = a.replay().fidelity();
        if (f == null) return;
        out.printf("  fidelity: replayed under none, the threads waited %s where the recording measured %s: %s off,"
                        + " summed thread by thread; what-if %s.%n", Times.format(f.replayedLockWaitNs()),
                Times.format(f.measuredLockWaitNs()), error(f), f.verdictInBrief());
    }

    /** The per-thread error as a percentage with one decimal. */
    public static String error(ReplayResult.Fidelity f) {
        double e = f.error();
        return Double.isInfinite(e) ? "infinitely" : String.format(Locale.ROOT, "%.1f%%", 100 * e);
    }

    private static void limitations(Analysis a, PrintWriter out) {
        if (a.limitations().isEmpty()) return;
        out.println();
        out.println("Limitations:");
        for (String s : a.limitations()) out.println("- " + clean(s));
    }

    /**
     * Makes a recorded string safe to print on a terminal: control characters (C0, DEL, C1) become {@code ?}.
     *
     * @param s The string, or {@code null}.
     * @return The cleaned string; {@code ?} for {@code null}.
     */
    static String clean(String s) {
        if (s == null) return "?";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean control = ch < 0x20 || ch >= 0x7f && ch <= 0x9f;
            if (control && sb == null) sb = new StringBuilder(s.substring(0, i));
            if (sb != null) sb.append(control ? '?' : ch);
        }
        return sb == null ? s : sb.toString();
    }
}
