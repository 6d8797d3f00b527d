package pxlab.report;

import java.util.List;
import java.util.Locale;
import pxlab.sim.SimResult;

/**
 * Draws latency distributions as an inline SVG chart: the share of waits at or below each latency, latency on a
 * log scale. A series is either exact (every sample, drawn as a step curve) or known only by its quantiles
 * (p50, p99, max: drawn as marked points joined by straight lines, which is all they say).
 */
final class CdfSvg {

    static final int WIDTH = 560;
    static final int HEIGHT = 250;
    static final int LEFT = 52;
    static final int RIGHT = 16;
    static final int TOP = 14;
    static final int BOTTOM = 28;
    /** Points drawn per exact series at most: beyond that the curve does not change at this size. */
    static final int MAX_STEPS = 400;

    /**
     * One curve.
     *
     * @param label     The legend's text, e.g. {@code proxy}.
     * @param cssClass  The class that colours it, e.g. {@code c-proxy}.
     * @param sorted    Every sample in ascending order, or {@code null} when only quantiles are known.
     * @param quantiles The quantiles, used when {@code sorted} is null.
     */
    record Series(String label, String cssClass, long[] sorted, SimResult.RequestStats quantiles) {

        long count() {
            return sorted != null ? sorted.length : quantiles == null ? 0 : quantiles.count();
        }

        /** The smallest positive latency, or {@link Long#MAX_VALUE} when none is positive. */
        long minPositive() {
            long[] values = sorted != null ? sorted : new long[]{quantiles.p50Ns(), quantiles.p99Ns(), quantiles.maxNs()};
            long min = Long.MAX_VALUE;
            for (long v : values) if (v > 0) min = Math.min(min, v);
            return min;
        }

        long max() {
            return sorted != null ? sorted[sorted.length - 1] : quantiles.maxNs();
        }
    }

    private final Html h;
    private final double lo;
    private final double hi;

    private CdfSvg(Html h, double lo, double hi) {
        this.h = h;
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * Writes one chart.
     *
     * @param h      Where to write.
     * @param title  What the chart shows, for screen readers.
     * @param series The curves; those without samples appear in the legend only.
     */
    static void write(Html h, String title, List<Series> series) {
        // The axis spans the positive latencies only: a replayed wait of 0 ns (the lock came free at once) has no
        // place on a log scale and is drawn at its left edge.
        long min = Long.MAX_VALUE;
        long max = 1;
        for (Series s : series) {
            if (s.count() == 0) continue;
            min = Math.min(min, s.minPositive());
            max = Math.max(max, s.max());
        }
        if (min == Long.MAX_VALUE) min = Math.max(1, max / 10);
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(Math.max(max, 1)));
        if (hi <= lo) hi = lo + 1;
        new CdfSvg(h, lo, hi).draw(title, series);
    }

    private void draw(String title, List<Series> series) {
        h.raw("<figure class=\"cdf-fig\"><figcaption>").text(title).raw("</figcaption>");
        h.raw("<svg class=\"cdf\"").attr("viewBox", "0 0 " + WIDTH + " " + HEIGHT).attr("role", "img")
                .attr("aria-label", title).raw(">");
        grid();
        for (Series s : series) {
            if (s.count() == 0) continue;
            if (s.sorted() != null) steps(s);
            else quantiles(s);
        }
        h.raw("</svg>");
        legend(series);
        h.raw("</figure>");
    }

    private void grid() {
        int bottom = HEIGHT - BOTTOM;
        h.raw("<g class=\"axis\">");
        for (int k = (int) lo; k <= (int) hi; k++) {
            String x = fmt(x(Math.pow(10, k)));
            h.raw("<line").attr("x1", x).attr("x2", x).attr("y1", TOP).attr("y2", bottom).raw("/>");
            h.raw("<text").attr("x", x).attr("y", bottom + 16).raw(">").text(ScheduleSvg.shortTime(pow10(k)))
                    .raw("</text>");
        }
        for (int q = 0; q <= 4; q++) {
            String y = fmt(y(q / 4.0));
            h.raw("<line").attr("x1", LEFT).attr("x2", WIDTH - RIGHT).attr("y1", y).attr("y2", y).raw("/>");
            h.raw("<text class=\"yl\"").attr("x", LEFT - 6).attr("y", fmt(y(q / 4.0) + 4)).raw(">")
                    .text(q * 25 + "%").raw("</text>");
        }
        String y99 = fmt(y(0.99));
        h.raw("<line class=\"p99\"").attr("x1", LEFT).attr("x2", WIDTH - RIGHT).attr("y1", y99).attr("y2", y99)
                .raw("/>");
        h.raw("<text class=\"yl\"").attr("x", WIDTH - RIGHT).attr("y", fmt(y(0.99) - 3)).raw(">p99</text>");
        h.raw("</g>");
    }

    /** The empirical CDF: a step up of 1/n at each sample, thinned to {@link #MAX_STEPS} ranks. */
    private void steps(Series s) {
        long[] v = s.sorted();
        int n = v.length;
        StringBuilder d = new StringBuilder("M").append(fmt(x(v[0]))).append(' ').append(fmt(y(0)));
        int stride = Math.max(1, n / MAX_STEPS);
        for (int i = 0; i < n; i += stride) {
            int last = Math.min(n - 1, i + stride - 1);
            d.append(" H").append(fmt(x(v[i]))).append(" V").append(fmt(y((last + 1) / (double) n)));
        }
        h.raw("<path class=\"curve ").raw(s.cssClass()).raw("\"").attr("d", d.toString()).raw("><title>")
                .text(s.label() + ": " + n + (n == 1 ? " wait" : " waits") + ", median " + Times.format(v[(n - 1) / 2]) + ", max "
                        + Times.format(v[n - 1]))
                .raw("</title></path>");
    }

    private void quantiles(Series s) {
        SimResult.RequestStats q = s.quantiles();
        long[] at = {q.p50Ns(), q.p99Ns(), q.maxNs()};
        double[] share = {0.5, 0.99, 1.0};
        String[] name = {"p50", "p99", "max"};
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < 3; i++) pts.append(fmt(x(at[i]))).append(',').append(fmt(y(share[i]))).append(' ');
        h.raw("<polyline class=\"curve q ").raw(s.cssClass()).raw("\"").attr("points", pts.toString().trim())
                .raw("/>");
        for (int i = 0; i < 3; i++) {
            h.raw("<circle class=\"dot ").raw(s.cssClass()).raw("\"").attr("cx", fmt(x(at[i])))
                    .attr("cy", fmt(y(share[i]))).attr("r", "3.5").raw("><title>")
                    .text(s.label() + " " + name[i] + " = " + Times.format(at[i]) + " (of " + q.count() + ")")
                    .raw("</title></circle>");
        }
    }

    /** The legend, as HTML under the chart so that long labels wrap instead of running off the drawing. */
    private void legend(List<Series> series) {
        h.raw("<ul class=\"keys\">");
        for (Series s : series) {
            h.raw("<li><span class=\"sw ").raw(s.cssClass()).raw(s.sorted() == null ? " q" : "").raw("\"></span>");
            h.text(s.label()).raw(" <small>");
            String waits = s.count() == 1 ? "1 wait" : s.count() + " waits";
            h.text(s.count() == 0 ? "no waits" : s.sorted() == null ? "p50, p99, max of " + waits : waits);
            h.raw("</small></li>");
        }
        h.raw("</ul>");
    }

    private double x(double ns) {
        double l = ns <= 0 ? lo : Math.max(lo, Math.log10(ns));
        return LEFT + (l - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double share) {
        return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM);
    }

    private static long pow10(int k) {
        long v = 1;
        for (int i = 0; i < k; i++) v *= 10;
        return v;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
