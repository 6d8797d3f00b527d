package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party library under the agent: runs {@link H2App} (an in-memory H2 database with concurrent sessions) in
 * a fresh JVM without and then with the agent recording. Both must end with the same final database, the one the
 * plan leads to; the agent must stay quiet and write a readable recording.
 */
class LibraryIT {

    static final long TIMEOUT_S = 120;
    /** Keeps the child up past the first 1 s period of {@code pxlab.ThreadCpu}, whatever the machine's speed. */
    static final String MIN_UPTIME_MS = "2000";

    @TempDir
    static Path dir;
    static ChildJvm.Run plain;
    static ChildJvm.Run agent;
    static Path jfr;
    /** Events in the agent's recording, by type. */
    static final Map<String, Long> counts = new TreeMap<>();
    /** The recording's pxlab.LockWait events by lock class, only those with an H2 frame on the stack. */
    static final Map<String, Long> h2Waits = new TreeMap<>();

    @BeforeAll
    static void runBoth() throws Exception {
        String ops = Integer.toString(H2App.DEFAULT_OPERATIONS);
        plain = ChildJvm.run(dir, "plain", List.of(), TIMEOUT_S, H2App.class, ops, MIN_UPTIME_MS);
        jfr = dir.resolve("h2.jfr");
        agent = ChildJvm.run(dir, "agent", List.of("-javaagent:" + AgentIT.agentJar() + "=record=" + jfr), TIMEOUT_S,
                H2App.class, ops, MIN_UPTIME_MS);
        for (ChildJvm.Run r : List.of(plain, agent)) {
            System.out.println("H2App " + r.name() + ": exit " + r.exit() + " in " + r.millis() + " ms; "
                    + r.line("RESULT ") + "; " + r.line("TIMING "));
        }
        if (agent.exit() == 0) readRecording();
        // Reported, not asserted: which H2 waits reach the threshold depends on the machine and on what the agent
        // instruments at the time (H2 waits on monitors as well as on java.util.concurrent locks).
        System.out.println("H2App agent recording: " + counts.getOrDefault("pxlab.LockWait", 0L)
                + " pxlab.LockWait, with an org.h2 frame by lock class " + h2Waits + "; "
                + counts.getOrDefault("pxlab.ThreadCpu", 0L) + " pxlab.ThreadCpu");
    }

    private static void readRecording() throws IOException {
        try (RecordingFile f = new RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                String type = e.getEventType().getName();
                counts.merge(type, 1L, Long::sum);
                if (type.equals("pxlab.LockWait") && fromH2(e)) {
                    String lock = e.getClass("lockClass") == null ? "?" : e.getClass("lockClass").getName();
                    h2Waits.merge(lock, 1L, Long::sum);
                }
            }
        }
    }

    private static boolean fromH2(RecordedEvent e) {
        if (e.getStackTrace() == null) return false;
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if (f.isJavaFrame() && f.getMethod().getType().getName().startsWith("org.h2.")) return true;
        }
        return false;
    }

    static void assertPassed(ChildJvm.Run r) {
        assertEquals(0, r.exit(), r::describe);
        assertFalse(r.out().contains("VIOLATION"), r::describe);
        assertFalse(r.out().contains("DEADLOCK?"), r::describe);
    }

    @Test
    void passesWithoutTheAgent() {
        assertPassed(plain);
    }

    @Test
    void passesWithTheAgent() {
        assertPassed(agent);
    }

    @Test
    void theAgentChangesNoResult() {
        assertPassed(plain);
        assertPassed(agent);
        assertEquals(plain.result(), agent.result(), () -> plain.describe() + "\n\n" + agent.describe());
    }

    @Test
    void resultIsWhatThePlanLeadsTo() {
        assertPassed(plain);
        H2App.Plan plan = H2App.Plan.of(H2App.WORKERS, H2App.DEFAULT_OPERATIONS);
        // Transfers move money between accounts and never create or destroy it.
        assertEquals(H2App.ACCOUNTS * H2App.INITIAL_BALANCE, plain.field("balance"), plain::describe);
        assertEquals(H2App.ACCOUNTS, plain.field("accounts"), plain::describe);
        assertEquals(plan.transfers(), plain.field("transfers"), plain::describe);
        assertEquals(plan.orders(), plain.field("orders"), plain::describe);
        assertEquals(plan.audits(), plain.field("audits"), plain::describe);
        assertEquals(plan.quantity(), plain.field("quantity"), plain::describe);
    }

    @Test
    void agentIsQuiet() {
        // "pxlab agent:" is how the agent reports a bad option or a failed start; "[Byte Buddy]" is how it reports a
        // class it failed to instrument: H2's classes must not trip either.
        assertTrue(agent.err().lines().noneMatch(l -> l.startsWith("pxlab agent:") || l.contains("[Byte Buddy]")),
                agent::describe);
    }

    @Test
    void recordingIsReadableWithThreadCpu() {
        assertPassed(agent);
        assertTrue(counts.getOrDefault("pxlab.ThreadCpu", 0L) > 0, () -> "no pxlab.ThreadCpu in " + counts);
    }
}
