package pxlab.jfr.chunk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import pxlab.jfr.EventView;
import pxlab.jfr.Frames;
import pxlab.jfr.JfrThread;
import pxlab.jfr.PxlabEvents;

/**
 * The JDK parser's {@link RecordedEvent} as an {@link EventView}, for the chunks {@link ChunkParser} was not made
 * for ({@link ChunkedRecording#read}): one instance per reading, pointed at each event in turn with {@link #at}.
 *
 * <p>It reads fields through {@code RecordedEvent}'s own getters, which look each field up by name on every call.
 * That is slow, and acceptable here: only a chunk of another format version, or one with compressed ticks, comes
 * this way.
 */
final class RecordedEventView implements EventView {

    private RecordedEvent e;

    /**
     * Points the view at an event.
     *
     * @param event The event.
     * @return This view.
     */
    RecordedEventView at(RecordedEvent event) {
        e = event;
        return this;
    }

    @Override
    public String typeName() {
        return e.getEventType().getName();
    }

    @Override
    public long startNs() {
        return Values.startNs(e);
    }

    @Override
    public long endNs() {
        return Values.endNs(e);
    }

    @Override
    public boolean has(String field) {
        return e.hasField(field);
    }

    @Override
    public long longOr(String field, long otherwise) {
        return e.hasField(field) ? e.getLong(field) : otherwise;
    }

    @Override
    public int intOr(String field, int otherwise) {
        return e.hasField(field) ? e.getInt(field) : otherwise;
    }

    @Override
    public double doubleOr(String field, double otherwise) {
        return e.hasField(field) ? e.getDouble(field) : otherwise;
    }

    @Override
    public boolean booleanOr(String field, boolean otherwise) {
        return e.hasField(field) ? e.getBoolean(field) : otherwise;
    }

    @Override
    public String stringOr(String field, String otherwise) {
        String s = e.hasField(field) ? e.getString(field) : null;
        return s == null ? otherwise : s;
    }

    @Override
    public long spanNs(String field) {
        if (!e.hasField(field)) return -1;
        // The JDK converts through the field's @Timespan unit. It maps the N/A marker (Long.MIN_VALUE) to a negative
        // duration and Long.MAX_VALUE to "forever", which toNanos() refuses: neither is a length.
        Duration d = e.getDuration(field);
        if (d.isNegative()) return -1;
        try {
            return d.toNanos();
        } catch (ArithmeticException x) {
            return -1;
        }
    }

    @Override
    public JfrThread thread(String field) {
        return e.hasField(field) ? Values.thread(e.getThread(field)) : null;
    }

    @Override
    public String className(String field) {
        RecordedClass c = e.hasField(field) ? e.getClass(field) : null;
        return c == null ? null : c.getName();
    }

    @Override
    public Frames.Summary stack() {
        RecordedStackTrace st = e.hasField(PxlabEvents.STACK_TRACE) ? e.getStackTrace() : null;
        return st == null ? Frames.Summary.NONE : Frames.summarize(frames(st));
    }

    private static List<Frames.Frame> frames(RecordedStackTrace st) {
        List<RecordedFrame> recorded = st.getFrames();
        List<Frames.Frame> out = new ArrayList<>(recorded.size());
        for (RecordedFrame f : recorded) {
            RecordedMethod m = f.getMethod();
            String type = m == null || m.getType() == null ? null : m.getType().getName();
            out.add(new Frames.Frame(type, m == null ? null : m.getName(), f.getLineNumber()));
        }
        return out;
    }
}
