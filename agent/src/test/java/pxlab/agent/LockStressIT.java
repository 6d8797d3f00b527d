package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link LockStress} in a fresh JVM without and then with the agent: both must pass their invariants, finish
 * without deadlock or lost wake-up, and print the same exact counts; the agent's recording must show the contention.
 */
class LockStressIT {

    static final long TIMEOUT_S = 120;

    @TempDir
    static Path dir;
    static ChildJvm.Run plain;
    static ChildJvm.Run agent;
    static Path jfr;

    @BeforeAll
    static void runBoth() throws Exception {
        plain = run("plain", null);
        jfr = dir.resolve("stress.jfr");
        agent = run("agent", jfr);
    }

    static ChildJvm.Run run(String name, Path record) throws IOException, InterruptedException {
        List<String> jvm = record == null ? List.of() : List.of("-javaagent:" + AgentRun.agentJar() + "=record=" + record);
        ChildJvm.Run r = ChildJvm.run(dir, name, jvm, TIMEOUT_S, LockStress.class);
        System.out.println("LockStress " + name + ": exit " + r.exit() + " in " + r.millis() + " ms; "
                + r.line("RESULT ") + "; " + r.line("TIMING "));
        return r;
    }

    static void assertPassed(ChildJvm.Run r) {
        assertEquals(0, r.exit(), r::describe);
        assertFalse(r.out().contains("VIOLATION"), r::describe);
        assertFalse(r.out().contains("DEADLOCK?"), r::describe);
        long ops = r.field("threads") * r.field("iterations");
        assertEquals(ops, r.field("counter"), r::describe);
        assertEquals(ops, r.field("monitor"), r::describe);
        assertEquals(r.field("produced"), r.field("consumed"), r::describe);
        assertEquals(r.field("drills"), r.field("interrupted"), r::describe);
        assertTrue(r.field("drills") > 0, r::describe);
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
    void theAgentChangesNoCount() {
        assertPassed(plain);
        assertPassed(agent);
        assertEquals(plain.result(), agent.result(), () -> plain.describe() + "\n\n" + agent.describe());
    }

    @Test
    void agentIsQuiet() {
        assertTrue(agent.err().lines().noneMatch(l -> l.startsWith("pxlab agent:")), agent::describe);
    }

    @Test
    void contentionWasRecorded() throws IOException {
        assertPassed(agent);
        List<RecordedEvent> waits = lockWaits();
        Map<String, Long> kinds = waits.stream()
                .collect(Collectors.groupingBy(e -> e.getString("kind"), TreeMap::new, Collectors.counting()));
        // Every family is contended for milliseconds at a time by 64 threads: each kind of wait must show, and
        // nothing else (latches and semaphores are not lock waits).
        Set<String> all = Set.of("monitor", "mutex", "read", "write", "stamped-read", "stamped-write");
        assertEquals(all, kinds.keySet(), kinds.toString());
    }

    @Test
    void everyInterruptedDrillIsAGaveUpWait() throws IOException {
        assertPassed(agent);
        // Each drill waits DRILL_WAIT_MS (over the 1 ms threshold) in one contended acquisition, then is interrupted.
        List<RecordedEvent> drills = lockWaits().stream().filter(LockStressIT::inDrill).toList();
        assertEquals(agent.field("interrupted"), drills.size(), () -> "drill waits: " + drills);
        assertTrue(drills.stream().noneMatch(e -> e.getBoolean("acquired")), drills::toString);
        assertTrue(drills.stream().allMatch(e -> e.getDuration().toMillis() >= LockStress.DRILL_WAIT_MS - 1),
                drills::toString);
        Set<String> kinds = drills.stream().map(e -> e.getString("kind")).collect(Collectors.toSet());
        assertEquals(Set.of("mutex", "read", "write"), kinds);
    }

    static List<RecordedEvent> lockWaits() throws IOException {
        List<RecordedEvent> out = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("pxlab.LockWait")) out.add(e);
        }
        assertFalse(out.isEmpty(), "no pxlab.LockWait in " + jfr);
        return out;
    }

    static boolean inDrill(RecordedEvent e) {
        if (e.getStackTrace() == null) return false;
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if (f.isJavaFrame() && f.getMethod().getName().equals("drill")
                    && f.getMethod().getType().getName().equals(LockStress.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
