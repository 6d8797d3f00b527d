package pxlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pxlab.replay.ReplayResult;

/**
 * Draws one policy's replayed schedule as inline SVG: one lane per CPU, one bar per interval in the colour of the
 * thread that ran. Where proxy execution ran an owner for a donor, the bar has the owner's colour and a stripe on
 * top in the donor's.
 *
 * <p>A long window holds far more intervals than the page has pixels, so back-to-back intervals of one thread become
 * one bar, and intervals narrower than half a pixel are gathered into one bar in the colour of the thread that ran
 * most of it; its tooltip says how many it stands for. That bounds the page's size by its width in pixels, whatever
 * the recording's length.
 */
final class ScheduleSvg {

    static final int LABEL = 64;
    static final int PLOT = 1096;
    static final int WIDTH = LABEL + PLOT + 8;
    static final int AXIS = 24;
    static final int LANE = 20;
    static final int GAP = 4;
    static final int STRIPE = 6;

    private final Html h;
    private final ThreadColors colors;
    private final long windowNs;
    private final long minNs;

    private ScheduleSvg(Html h, ThreadColors colors, long windowNs) {
        this.h = h;
        this.colors = colors;
        this.windowNs = Math.max(1, windowNs);
        this.minNs = Math.max(1, this.windowNs / (2L * PLOT));
    }

    /**
     * Writes the SVG of one run.
     *
     * @param h        Where to write.
     * @param run      The policy's run.
     * @param cpus     The CPUs simulated.
     * @param windowNs The window's length; slice times are relative to its start.
     * @param colors   The threads' colours.
     */
    static void write(Html h, ReplayResult.PolicyRun run, int cpus, long windowNs, ThreadColors colors) {
        new ScheduleSvg(h, colors, windowNs).draw(run, cpus);
    }

    /**
     * Returns each thread's time on a CPU in some runs' schedules, the weight {@link ThreadColors} orders by.
     *
     * @param runs The runs.
     * @return Per thread (execution context), nanoseconds; donors that never ran count 0.
     */
    static Map<String, Long> busyNs(List<ReplayResult.PolicyRun> runs) {
        Map<String, Long> busy = new HashMap<>();
        for (ReplayResult.PolicyRun r : runs) {
            for (ReplayResult.Slice s : r.schedule()) {
                busy.merge(s.thread(), s.endNs() - s.startNs(), Long::sum);
                busy.putIfAbsent(s.donor(), 0L);
            }
        }
        return busy;
    }

    private void draw(ReplayResult.PolicyRun run, int cpus) {
        int lanes = Math.max(cpus, run.schedule().stream().mapToInt(s -> s.cpu() + 1).max().orElse(0));
        int height = AXIS + lanes * (LANE + GAP);
        h.raw("<svg class=\"sched\"").attr("viewBox", "0 0 " + WIDTH + " " + height)
                .attr("data-policy", run.key()).attr("role", "img")
                .attr("aria-label", "Per-CPU schedule under " + run.key()).raw(">");
        axis(height);
        List<List<ReplayResult.Slice>> byCpu = new ArrayList<>();
        for (int c = 0; c < lanes; c++) byCpu.add(new ArrayList<>());
        for (ReplayResult.Slice s : run.schedule()) byCpu.get(s.cpu()).add(s);
        for (int c = 0; c < lanes; c++) {
            int y = AXIS + c * (LANE + GAP);
            h.raw("<g class=\"lane\">");
            h.raw("<text class=\"cpu\"").attr("x", LABEL - 8).attr("y", y + LANE - 6).raw(">CPU ").raw(
                    Integer.toString(c)).raw("</text>");
            h.raw("<rect class=\"idle\"").attr("x", LABEL).attr("y", y).attr("width", PLOT).attr("height", LANE)
                    .raw("/>");
            List<ReplayResult.Slice> slices = byCpu.get(c);
            slices.sort(Comparator.comparingLong(ReplayResult.Slice::startNs));
            lane(c, y, slices);
            h.raw("</g>");
        }
        h.raw("</svg>");
    }

    /** Time ticks every 1, 2 or 5 × 10^k, about eight across the window, with grid lines through the lanes. */
    private void axis(int height) {
        long step = niceStep(windowNs / 8);
        h.raw("<g class=\"axis\">");
        for (long t = 0; t <= windowNs; t += step) {
            String x = px(t);
            h.raw("<line").attr("x1", x).attr("x2", x).attr("y1", AXIS - 6).attr("y2", height).raw("/>");
            h.raw("<text").attr("x", x).attr("y", AXIS - 10).raw(">").text(shortTime(t)).raw("</text>");
        }
        h.raw("</g>");
    }

    /**
     * Draws one CPU's intervals, in start order: intervals of the same thread and donor with no visible gap become
     * one bar, and runs of intervals narrower than {@link #minNs} of different threads become one gathered bar.
     * At most one of the two is open at a time.
     */
    private void lane(int cpu, int y, List<ReplayResult.Slice> slices) {
        Merged open = null;
        Gathered pending = null;
        for (ReplayResult.Slice s : slices) {
            if (open != null && open.continuedBy(s)) {
                open.add(s);
                continue;
            }
            if (open != null) open.flush(cpu, y);
            open = null;
            if (s.endNs() - s.startNs() >= minNs) {
                if (pending != null) pending.flush(cpu, y);
                pending = null;
                open = new Merged(s);
                continue;
            }
            if (pending != null && s.startNs() - pending.endNs > minNs) {   // a visible gap: keep the idle time idle
                pending.flush(cpu, y);
                pending = null;
            }
            if (pending == null) pending = new Gathered(s.startNs());
            pending.add(s);
            if (pending.endNs - pending.startNs >= minNs) {
                pending.flush(cpu, y);
                pending = null;
            }
        }
        if (open != null) open.flush(cpu, y);
        if (pending != null) pending.flush(cpu, y);
    }

    /** Back-to-back intervals of one thread on one donor's context: one bar. */
    private final class Merged {
        final long startNs;
        long endNs;
        final String thread;
        final String donor;
        int count = 1;

        Merged(ReplayResult.Slice s) {
            startNs = s.startNs();
            endNs = s.endNs();
            thread = s.thread();
            donor = s.donor();
        }

        boolean continuedBy(ReplayResult.Slice s) {
            return s.thread().equals(thread) && s.donor().equals(donor) && s.startNs() - endNs < minNs;
        }

        void add(ReplayResult.Slice s) {
            endNs = Math.max(endNs, s.endNs());
            count++;
        }

        void flush(int cpu, int y) {
            String what = !thread.equals(donor) ? thread + " ran as proxy for donor " + donor : thread;
            bar(cpu, y, startNs, endNs, thread, donor, count == 1 ? what : what + " (" + count + " intervals)");
        }
    }

    /** Short intervals of different threads gathered into one bar in the colour of the one that ran most. */
    private final class Gathered {
        final long startNs;
        long endNs;
        int count;
        final Map<String, Long> byThread = new HashMap<>();

        Gathered(long startNs) {
            this.startNs = startNs;
            this.endNs = startNs;
        }

        void add(ReplayResult.Slice s) {
            endNs = Math.max(endNs, s.endNs());
            count++;
            byThread.merge(s.thread(), s.endNs() - s.startNs(), Long::sum);
        }

        void flush(int cpu, int y) {
            String most = null;   // the thread that ran longest; ties to the smaller name, for stable output
            for (Map.Entry<String, Long> e : byThread.entrySet()) {
                if (most == null || e.getValue() > byThread.get(most)
                        || e.getValue().equals(byThread.get(most)) && e.getKey().compareTo(most) < 0) most = e.getKey();
            }
            bar(cpu, y, startNs, endNs, most, most, count == 1 ? most : count + " short intervals, mostly " + most);
        }
    }

    private void bar(int cpu, int y, long fromNs, long toNs, String thread, String donor, String what) {
        long from = Math.max(0, Math.min(fromNs, windowNs));
        long to = Math.max(from, Math.min(toNs, windowNs));
        double width = Math.max(0.5, (to - from) * (double) PLOT / windowNs);
        boolean proxied = !thread.equals(donor);
        h.raw("<rect class=\"").raw(proxied ? "s px" : "s").raw("\"").attr("x", px(from)).attr("y", y)
                .attr("width", fmt(width)).attr("height", LANE).attr("fill", colors.color(thread))
                .attr("data-t", colors.index(thread)).raw("><title>");
        h.text("CPU " + cpu + " · " + shortTime(from) + " to " + shortTime(to) + " (" + Times.format(to - from) + ")\n");
        h.text(what).raw("</title></rect>");
        if (proxied) {
            h.raw("<rect class=\"dn\"").attr("x", px(from)).attr("y", y).attr("width", fmt(width))
                    .attr("height", STRIPE).attr("fill", colors.color(donor)).attr("data-t", colors.index(donor))
                    .raw("/>");
        }
    }

    private String px(long ns) {
        return fmt(LABEL + ns * (double) PLOT / windowNs);
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    /**
     * Returns the smallest of 1, 2 or 5 × 10^k that is at least {@code rough}.
     *
     * @param rough The rough step.
     * @return The step, at least 1.
     */
    static long niceStep(long rough) {
        long step = 1;
        while (true) {
            for (long m : new long[]{1, 2, 5}) {
                if (step * m >= rough) return step * m;
            }
            step *= 10;
        }
    }

    /**
     * Formats a time for an axis: {@link Times#format} without trailing zeros.
     *
     * @param ns The time.
     * @return e.g. {@code 0}, {@code 2.5ms}, {@code 150us}.
     */
    static String shortTime(long ns) {
        if (ns == 0) return "0";
        String t = Times.format(ns);
        int dot = t.indexOf('.');
        if (dot < 0) return t;
        int unit = dot + 1;
        while (unit < t.length() && Character.isDigit(t.charAt(unit))) unit++;
        String digits = t.substring(dot + 1, unit).replaceAll("0+$", "");
        return t.substring(0, dot) + (digits.isEmpty() ? "" : "." + digits) + t.substring(unit);
    }
}
