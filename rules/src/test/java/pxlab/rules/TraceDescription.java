package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import pxlab.trace.Hold;
import pxlab.trace.Request;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.TraceLock;
import pxlab.trace.Wait;

/**
 * A whole trace as lines of text, for comparing the traces different parsers make of one file: the span, the
 * coverage, every lock, every thread with its ids, scheduling attributes, CPU samples and loads, waits, holds,
 * sleeps and pinned times, and the trace's waits, holds and requests.
 *
 * <p>Left out: the file name the trace was read from, and the {@code seq} of waits, holds and requests, which
 * is an event's position in the order the parser delivers it (the file's order for a file reader, type by type for
 * JMC's items); it only breaks ties, and the lines show the order it gave.
 */
final class TraceDescription {

    private TraceDescription() {
    }

    static List<String> describe(Trace t) {
        List<String> out = new ArrayList<>();
        out.add("span " + t.startNs() + " +" + t.durationNs() + ", " + t.cpus() + " cpus");
        out.add("coverage " + t.coverage());
        for (TraceLock l : t.locks()) out.add("lock " + l);
        for (ThreadTimeline tl : t.threads()) {
            out.add("thread " + tl.thread() + " " + tl.startNs() + ".." + tl.endNs() + ", " + tl.executionSamples()
                    + " execution samples");
            tl.sched().forEach(s -> out.add("  sched " + s));
            tl.cpu().forEach(c -> out.add("  cpu " + c));
            tl.load().forEach(l -> out.add("  load " + l));
            tl.waits().forEach(w -> out.add("  wait " + wait(w)));
            tl.holds().forEach(h -> out.add("  hold " + hold(h)));
            tl.sleeps().forEach(s -> out.add("  sleep " + s));
            tl.pinned().forEach(p -> out.add("  pinned " + p));
        }
        t.waits().forEach(w -> out.add("wait " + wait(w)));
        t.holds().forEach(h -> out.add("hold " + hold(h)));
        t.requests().forEach(r -> out.add("request " + request(r)));
        return out;
    }

    /** Fails at the first line that differs, with the lines around it, then on the number of lines. */
    static void assertSame(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(what + ": line " + (i + 1) + " differs:\n  expected " + expected.get(i) + "\n  actual   "
                        + actual.get(i) + "\n  after    " + (i == 0 ? "(start)" : expected.get(i - 1)));
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": lines");
    }

    private static String wait(Wait w) {
        return w.waiter() + " " + w.owner() + " " + w.lock() + " " + w.kind() + " " + w.startNs() + ".." + w.endNs()
                + " acquired=" + w.acquired() + " cpu=" + w.ownerCpuNs() + " rq=" + w.ownerRunqueueNs() + " "
                + w.source() + " " + w.stack();
    }

    private static String hold(Hold h) {
        return h.holder() + " " + h.lock() + " " + h.kind() + " " + h.startNs() + ".." + h.endNs() + " cpu="
                + h.holderCpuNs() + " rq=" + h.holderRunqueueNs() + " waiters=" + h.waiters() + " " + h.stack();
    }

    private static String request(Request r) {
        return r.thread() + " " + r.name() + " " + r.startNs() + ".." + r.endNs() + " failed=" + r.failed();
    }
}
