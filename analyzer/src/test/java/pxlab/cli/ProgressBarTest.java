package pxlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pxlab.jfr.EventSink;
import pxlab.jfr.RecordingInfo;
import pxlab.jfr.ThreadStartEvent;

/**
 * {@link ProgressBar} and {@link ProgressSink}: silent for short runs and off a terminal, a bar that only moves
 * forward, erased at the end; and every event passed on.
 */
class ProgressBarTest {

    private final StringWriter out = new StringWriter();
    private final AtomicLong clock = new AtomicLong();

    private ProgressBar bar(boolean enabled) {
        return new ProgressBar(new PrintWriter(out), enabled, clock::get);
    }

    @Test
    void shortRunPrintsNothing() {
        try (ProgressBar b = bar(true)) {
            b.step("reading a.jfr");
            b.fraction(0.5);
            clock.set(ProgressBar.DELAY_NS - 1);
            b.fraction(0.9);
        }
        assertEquals("", out.toString());
    }

    @Test
    void disabledBarPrintsNothingEvenWhenLong() {
        try (ProgressBar b = bar(false)) {
            clock.set(10 * ProgressBar.DELAY_NS);
            b.step("reading a.jfr");
            b.fraction(0.5);
        }
        assertEquals("", out.toString());
    }

    @Test
    void longRunDrawsABarThatOnlyMovesForwardAndErasesIt() {
        try (ProgressBar b = bar(true)) {
            b.step("reading a.jfr");
            clock.set(ProgressBar.DELAY_NS);
            b.fraction(0.5);
            assertTrue(out.toString().endsWith("\rpxlab: reading a.jfr [###############...............] 50%"),
                    out.toString());
            clock.addAndGet(ProgressBar.REDRAW_NS);
            int before = out.toString().length();
            b.fraction(0.4);   // an event from earlier in the file
            assertEquals(before, out.toString().length(), "never moves back");
            b.step("replaying under none, proxy");
            assertTrue(out.toString().contains("\rpxlab: replaying under none, proxy ..."), out.toString());
        }
        String all = out.toString();
        String last = all.substring(all.lastIndexOf("...") + 3);
        assertTrue(last.matches(" *\r *\r"), "erased: '" + last + "'");
    }

    @Test
    void redrawsAreThrottled() {
        try (ProgressBar b = bar(true)) {
            b.step("reading");
            clock.set(ProgressBar.DELAY_NS);
            b.fraction(0.1);
            int drawn = out.toString().length();
            b.fraction(0.2);
            assertEquals(drawn, out.toString().length(), "within REDRAW_NS of the last draw");
            clock.addAndGet(ProgressBar.REDRAW_NS);
            b.fraction(0.3);
            assertTrue(out.toString().endsWith("30%"), out.toString());
        }
    }
}
