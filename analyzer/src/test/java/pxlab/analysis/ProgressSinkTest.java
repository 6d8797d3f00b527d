package pxlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pxlab.jfr.EventSink;
import pxlab.jfr.RecordingInfo;
import pxlab.jfr.ThreadStartEvent;

class ProgressSinkTest {

    @Test
    void passesOnEveryKindOfEvent() throws Exception {
        // A method the sink does not override would fall to EventSink's default and drop those events silently.
        for (Method m : EventSink.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) continue;
            Method own = ProgressSink.class.getMethod(m.getName(), m.getParameterTypes());
            assertEquals(ProgressSink.class, own.getDeclaringClass(), m.getName() + " is not passed on");
        }
    }

    @Test
    void reportsRecordingTimeEveryCheck() {
        StringBuilder seen = new StringBuilder();
        EventSink next = new EventSink() {
            @Override
            public void threadStart(ThreadStartEvent e) {
                seen.append('.');
            }
        };
        List<Double> fractions = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void step(String what) {
            }

            @Override
            public void fraction(double done) {
                fractions.add(done);
            }
        };
        ProgressSink sink = new ProgressSink(next, progress);
        sink.begin(new RecordingInfo("a.jfr", 1000, 1000, 1, Set.of()));
        for (int i = 0; i < ProgressSink.CHECK_EVERY; i++) sink.threadStart(new ThreadStartEvent(1750, null));
        assertEquals(List.of(0.75), fractions, "one check, three quarters into the recording's span");
        assertEquals(ProgressSink.CHECK_EVERY, seen.length());
    }
}
