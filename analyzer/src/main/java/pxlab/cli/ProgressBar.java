package pxlab.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.function.LongSupplier;
import pxlab.analysis.Progress;

/**
 * A one-line progress bar on standard error for long analyses: {@code reading app.jfr [#######.....]  58%}, then
 * the later steps by name. It stays silent for the first {@link #DELAY_NS} so that short runs print nothing, redraws
 * at most every {@link #REDRAW_NS}, and erases itself when done so that the report starts on a clean line.
 *
 * <p><b>Note</b>: only a terminal should see it; {@link #forTerminal} decides, and a bar made with
 * {@code enabled = false} does nothing at all.
 */
final class ProgressBar implements Progress, AutoCloseable {

    static final long DELAY_NS = 500_000_000L;
    static final long REDRAW_NS = 100_000_000L;
    static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long startNs;
    private boolean drawn;
    private long drawnNs;
    private int drawnLength;
    private String step = "";
    private int permille = -1;

    /**
     * Creates a bar.
     *
     * @param err     Where to draw.
     * @param enabled Whether to draw at all.
     * @param clock   Nanosecond clock ({@code System::nanoTime}; a fake one in tests).
     */
    ProgressBar(PrintWriter err, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
        this.startNs = clock.getAsLong();
    }

    /**
     * Creates a bar that draws only when standard error is likely a terminal.
     *
     * @param err Where to draw.
     * @return The bar.
     */
    static ProgressBar forTerminal(PrintWriter err) {
        return new ProgressBar(err, onTerminal(), System::nanoTime);
    }

    /**
     * Returns whether the JVM runs on a terminal. {@code System.console()} is null when standard input or output is
     * redirected (JDK 17); from JDK 22 it may return a console that is not a terminal, which
     * {@code Console.isTerminal()} (looked up reflectively, since pxlab targets 17) tells apart.
     */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;   // JDK 17 to 21: a console exists only on a terminal
        }
    }

    /**
     * Sets the step's name, e.g. {@code reading app.jfr}; the fraction is unknown until {@link #fraction} says.
     *
     * @param name The step.
     */
    @Override
    public void step(String name) {
        step = name;
        permille = -1;
        draw(true);
    }

    /**
     * Reports how far the current step is.
     *
     * @param done A fraction from 0 to 1; values out of range are clamped.
     */
    @Override
    public void fraction(double done) {
        int p = (int) Math.round(Math.max(0, Math.min(1, done)) * 1000);
        if (p <= permille) return;   // events arrive roughly, not strictly, in time order: never move back
        permille = p;
        draw(false);
    }

    private void draw(boolean force) {
        if (!enabled) return;
        long now = clock.getAsLong();
        if (now - startNs < DELAY_NS) return;
        if (!force && drawn && now - drawnNs < REDRAW_NS) return;
        drawn = true;
        drawnNs = now;
        StringBuilder line = new StringBuilder("pxlab: ").append(step);
        if (permille >= 0) {
            int filled = permille * WIDTH / 1000;
            line.append(" [").append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(permille / 10).append('%');
        } else {
            line.append(" ...");
        }
        String text = line.toString();
        err.print('\r' + text + " ".repeat(Math.max(0, drawnLength - text.length())));
        err.flush();
        drawnLength = text.length();
    }

    /** Erases the bar, if it was drawn. */
    @Override
    public void close() {
        if (drawnLength == 0) return;
        err.print('\r' + " ".repeat(drawnLength) + '\r');
        err.flush();
        drawnLength = 0;
    }
}
