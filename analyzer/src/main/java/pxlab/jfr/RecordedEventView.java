package pxlab.jfr;

import java.util.IdentityHashMap;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * The JDK parser's {@link RecordedEvent} as an {@link EventView}: one instance per reading, pointed at each event
 * in turn with {@link #at}. Fields are read through the event type's {@link EventFields}; threads, classes and
 * stacks are converted once per constant ({@link PoolMemo}).
 */
final class RecordedEventView implements EventView {

    /** Each event type's fields, resolved when its first event arrives (an {@code EventType} has no equals). */
    private final Map<EventType, EventFields> fields = new IdentityHashMap<>();
    private final PoolMemo<RecordedThread, JfrThread> threads = new PoolMemo<>(Values::thread);
    private final PoolMemo<RecordedClass, String> classNames = new PoolMemo<>(RecordedClass::getName);
    private final PoolMemo<RecordedStackTrace, Frames.Summary> stacks = new PoolMemo<>(Frames::summarize);
    private RecordedEvent e;
    private EventFields f;

    /**
     * Points the view at an event.
     *
     * @param event The event.
     * @return This view.
     */
    RecordedEventView at(RecordedEvent event) {
        e = event;
        f = fields.computeIfAbsent(event.getEventType(), EventFields::of);
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
        return f.has(field);
    }

    @Override
    public long longOr(String field, long otherwise) {
        return f.longOr(e, field, otherwise);
    }

    @Override
    public int intOr(String field, int otherwise) {
        return f.intOr(e, field, otherwise);
    }

    @Override
    public double doubleOr(String field, double otherwise) {
        return f.doubleOr(e, field, otherwise);
    }

    @Override
    public boolean booleanOr(String field, boolean otherwise) {
        return f.booleanOr(e, field, otherwise);
    }

    @Override
    public String stringOr(String field, String otherwise) {
        return f.stringOr(e, field, otherwise);
    }

    @Override
    public long spanNs(String field) {
        return f.spanNs(e, field);
    }

    @Override
    public JfrThread thread(String field) {
        return threads.get(f.thread(e, field));
    }

    @Override
    public String className(String field) {
        return classNames.get(f.recordedClass(e, field));
    }

    @Override
    public Frames.Summary stack() {
        Frames.Summary s = stacks.get(f.stackTrace(e));
        return s == null ? Frames.Summary.NONE : s;
    }
}
