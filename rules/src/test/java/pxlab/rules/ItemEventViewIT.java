package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import pxlab.jfr.EventSink;
import pxlab.jfr.chunk.JdkParser;
import pxlab.jfr.chunk.RecordingReader;
import pxlab.testsupport.InversionRecordings;
import pxlab.trace.Trace;

/**
 * One mapping from events to records: the same recording read by the JDK's parser, by pxlab's chunk parser
 * ({@code pxlab analyze}) and by JMC's loader through {@link ItemEventView} (the rules) gives the same records, event
 * for event, and the same whole trace: threads with their names, ids and attributes, waits, holds, sleeps, CPU
 * samples and requests.
 *
 * <p>By construction, JMC's items come type by type rather than in file order, so records are compared as sorted
 * lists and the trace without the file positions that only break ties ({@link TraceDescription}); and JMC's
 * thread constant has no {@code virtual} field, which {@link ItemEventView} infers from the thread group (the
 * virtual-thread recording checks that inference). Everything else is asserted equal.
 */
class ItemEventViewIT {

    @Test
    void agentRecordingUnderHogsReadsTheSameThroughAllThreeParsers() throws Exception {
        assertSameThroughAllThree(InversionRecordings.hogs(), Recordings.hogs());
    }

    @Test
    void agentRecordingWithSleepingAndRunningOwnersReadsTheSameThroughAllThreeParsers() throws Exception {
        assertSameThroughAllThree(InversionRecordings.quiet(), Recordings.quiet());
    }

    @Test
    void recordingWithoutTheAgentReadsTheSameThroughAllThreeParsers() throws Exception {
        assertSameThroughAllThree(InversionRecordings.jdk(), Recordings.jdk());
    }

    @Test
    void agentRecordingWithoutContentionReadsTheSameThroughAllThreeParsers() throws Exception {
        assertSameThroughAllThree(Recordings.calmFile(), Recordings.calm());
    }

    @Test
    void virtualThreadsReadTheSameThroughAllThreeParsers() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
        Path file = Recordings.virtualThreadsFile();
        Trace trace = assertSameThroughAllThree(file, JfrLoaderToolkit.loadEvents(new File(file.toString())));
        assertTrue(trace.threads().stream().anyMatch(t -> t.thread().virtual()), "the recording has virtual threads");
    }

    @Test
    void osOnlyThreadsKeepTheirKernelNames() throws Exception {
        // pxlab.ThreadCpu names the threads the JVM did not start (its GC threads) by OS id and kernel name only.
        Trace fromJmc = LockModel.of(Recordings.calm()).trace();
        assertTrue(fromJmc.threads().stream().anyMatch(t -> t.thread().javaId() < 0 && t.thread().osId() > 0
                && !t.thread().name().startsWith("#tid")), TraceDescription.describe(fromJmc).toString());
    }

    private static Trace assertSameThroughAllThree(Path file, IItemCollection items) throws Exception {
        Records jdk = new Records();
        JdkParser.read(file, jdk.sink);
        Records chunk = new Records();
        RecordingReader.read(file, chunk.sink);
        Records jmc = new Records();
        ItemsReader.read(items, file.toString(), jmc.sink);
        assertFalse(jdk.all.isEmpty(), file + " has records");
        TraceDescription.assertSame(jdk.sorted(), chunk.sorted(), "records, chunk parser against the JDK's");
        TraceDescription.assertSame(jdk.sorted(), jmc.sorted(), "records, JMC's items against the JDK's parser");
        assertEquals(jdk.lastEndNs, jmc.lastEndNs, "the last event's end");

        List<String> fromJdk = TraceDescription.describe(JdkParser.trace(file));
        List<String> fromFile = TraceDescription.describe(Trace.read(file));
        Trace jmcTrace = LockModel.of(items).trace();
        TraceDescription.assertSame(fromJdk, fromFile, "trace, chunk parser against the JDK's");
        TraceDescription.assertSame(fromJdk, TraceDescription.describe(jmcTrace), "trace, JMC's items against the JDK's parser");
        return jmcTrace;
    }

    /**
     * Every record a reader produced, and the end it reported: a sink whose every record method keeps its argument
     * (each takes the one record), so no event type can be left out of the comparison.
     */
    private static final class Records {
        final List<Object> all = new ArrayList<>();
        long lastEndNs = Long.MIN_VALUE;
        final EventSink sink = (EventSink) Proxy.newProxyInstance(EventSink.class.getClassLoader(),
                new Class<?>[] {EventSink.class}, (proxy, method, args) -> {
                    if (method.getName().equals("end")) lastEndNs = (Long) args[0];
                    else if (!method.getName().equals("begin") && args != null && args.length == 1) all.add(args[0]);
                    return null;
                });

        List<String> sorted() {
            return all.stream().map(String::valueOf).sorted().toList();
        }
    }
}
