package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
    static Run plain;
    static Run agent;
    static Path jfr;

    /** One child JVM's outcome. */
    record Run(String name, int exit, String out, String err, long millis) {

        String describe() {
            return name + " exited " + exit + " after " + millis + " ms\n--- stdout ---\n" + out
                    + "\n--- stderr ---\n" + err;
        }

        String line(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        }

        /** The RESULT line's fields, in order. */
        Map<String, String> result() {
            String line = line("RESULT ");
            assertTrue(line != null, "no RESULT line from " + describe());
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : line.substring("RESULT ".length()).trim().split(" ")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return m;
        }

        long field(String key) {
            String v = result().get(key);
            assertTrue(v != null, "no " + key + " in RESULT of " + describe());
            return Long.parseLong(v);
        }
    }

    @BeforeAll
    static void runBoth() throws Exception {
        plain = run("plain", null);
        jfr = dir.resolve("stress.jfr");
        agent = run("agent", jfr);
    }

    static Run run(String name, Path record) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".stdout");
        Path err = dir.resolve(name + ".stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (record != null) cmd.add("-javaagent:" + AgentIT.agentJar() + "=record=" + record);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LockStress.class.getName()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Run r = new Run(name, finished ? p.exitValue() : -1, Files.readString(out),
                (finished ? "" : "[killed: no exit within " + TIMEOUT_S + " s]\n") + Files.readString(err), millis);
        System.out.println("LockStress " + name + ": exit " + r.exit() + " in " + millis + " ms; "
                + r.line("RESULT ") + "; " + r.line("TIMING "));
        return r;
    }

    static void assertPassed(Run r) {
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
