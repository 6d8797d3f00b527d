package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link MonitorApp} in real JVMs with the agent: waits on {@code synchronized} blocks and methods name the
 * owner and last about the hold, holds split at {@code Object.wait}, and instrumented methods still compile with C2.
 */
class MonitorIT {

    @TempDir
    static Path dir;

    @Test
    void synchronizedBlockWaitNamesTheOwnerAndItsHold() throws Exception {
        assertWaitAndHold("block", MonitorApp.Lock.class);
    }

    @Test
    void synchronizedMethodWaitNamesTheOwnerAndItsHold() throws Exception {
        assertWaitAndHold("method", MonitorApp.Lock.class);
    }

    @Test
    void staticSynchronizedMethodWaitNamesTheClassItLocks() throws Exception {
        assertWaitAndHold("static", MonitorApp.class);
    }

    /** The holder spins 2 × SPIN_MS in the monitor; the waiter comes 50 ms later and waits out the rest. */
    private static void assertWaitAndHold(String mode, Class<?> lockClass) throws Exception {
        AgentRun run = AgentRun.run(dir, mode, AgentRun.Launch.PLAIN, MonitorApp.class, mode);
        long holderTid = holderTid(run);
        RecordedEvent wait = only(run, "pxlab.LockWait", "waiter");
        assertEquals("monitor", wait.getString("kind"));
        assertEquals(lockClass.getName(), wait.getClass("lockClass").getName());
        assertTrue(wait.getBoolean("acquired"));
        assertEquals(holderTid, wait.getLong("ownerOsThreadId"), wait.toString());
        long ms = wait.getDuration().toMillis();
        long expected = MonitorApp.SPIN_MS * 2 - 50;
        assertTrue(ms > expected / 2 && ms < expected * 3, "wait of " + ms + " ms, expected about " + expected);
        List<RecordedEvent> holds = run.of("pxlab.LockHold");
        assertEquals(1, holds.size(), holds.toString());
        RecordedEvent hold = holds.get(0);
        // The owner spun on the CPU or waited for one all along: from the moment it was found (when the hold
        // begins) its charges account for most of the time.
        long charged = wait.getDuration("ownerCpuTime").toMillis() + wait.getDuration("ownerRunqueueWait").toMillis();
        long found = hold.getDuration().toMillis();
        assertTrue(charged > found / 2, "owner charged " + charged + " ms in the " + found + " ms after it was found");
        assertEquals("holder", hold.getThread("holder").getJavaName());
        assertEquals(holderTid, hold.getLong("holderOsThreadId"));
        assertEquals(wait.getLong("lockId"), hold.getLong("lockId"));
        assertEquals(1, hold.getInt("waiters"));
        // The hold is seen from the moment the lookup found the owner, until the release that ended the wait.
        assertTrue(hold.getDuration().toMillis() > ms / 2 && hold.getDuration().toMillis() <= ms, hold.toString());
        assertFalse(run.stderr().contains("pxlab agent"), run.stderr());
    }

    @Test
    void objectWaitReleasesTheMonitorAndSplitsTheHold() throws Exception {
        AgentRun run = AgentRun.run(dir, "wait", AgentRun.Launch.PLAIN, MonitorApp.class, "wait");
        // The waiter blocks until the holder calls wait(): SPIN_MS after it took the monitor, 50 ms before it came.
        long first = only(run, "pxlab.LockWait", "waiter").getDuration().toMillis();
        long expected = MonitorApp.SPIN_MS - 50;
        assertTrue(first > expected / 2 && first < expected * 3, "first wait " + first + " ms, expected " + expected);
        assertTrue(only(run, "pxlab.LockWait", "late").getDuration().toMillis() > 10);

        // Two holds, one before and one after the wait(200); neither spans the 200 ms the holder spent waiting.
        List<RecordedEvent> holds = run.of("pxlab.LockHold").stream()
                .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime)).toList();   // file order is not time order
        assertEquals(2, holds.size(), holds.toString());
        for (RecordedEvent h : holds) {
            assertEquals("holder", h.getThread("holder").getJavaName());
            assertTrue(h.getDuration().toMillis() < MonitorApp.SPIN_MS + 50, h.toString());
        }
        assertTrue(holds.get(0).getEndTime().isBefore(holds.get(1).getStartTime()), holds.toString());
    }

    @Test
    void excludedClassesAreLeftAlone() throws Exception {
        AgentRun run = AgentRun.run(dir, "excluded",
                AgentRun.Launch.PLAIN.withAgentOptions("exclude=pxlab.agent.MonitorApp*"), MonitorApp.class, "block");
        assertTrue(run.of("pxlab.LockWait").isEmpty(), run.of("pxlab.LockWait").toString());
        // JFR's own event still sees the wait: the app ran as before.
        assertFalse(run.of("jdk.JavaMonitorEnter").isEmpty());
    }

    @Test
    void includeNarrowsTheClassesInstrumented() throws Exception {
        AgentRun run = AgentRun.run(dir, "included",
                AgentRun.Launch.PLAIN.withAgentOptions("include=com.example.*"), MonitorApp.class, "block");
        assertTrue(run.of("pxlab.LockWait").isEmpty(), run.of("pxlab.LockWait").toString());
    }

    @Test
    void instrumentedMethodsStillCompileWithC2() throws Exception {
        // A hook between monitorenter and javac's protected range makes C1 and C2 refuse a method; ours must not.
        ChildJvm.Run run = ChildJvm.run(dir, "hot", List.of("-XX:+PrintCompilation",
                "-javaagent:" + AgentRun.agentJar()), 120, MonitorApp.class, "hot");
        assertEquals(0, run.exit(), run::describe);
        for (String method : List.of("MonitorApp::hotBlock", "MonitorApp::hotMethod", "MonitorApp$Hot::hotInstance")) {
            Pattern c2 = Pattern.compile("^.*\\s4\\s+pxlab\\.agent\\." + Pattern.quote(method) + " \\(.*$",
                    Pattern.MULTILINE);
            Matcher m = c2.matcher(run.out());
            assertTrue(m.find(), method + " was not compiled at tier 4:\n" + grep(run.out(), method));
            assertFalse(grep(run.out(), method).contains("COMPILE SKIPPED"), grep(run.out(), method));
        }
    }

    private static String grep(String text, String what) {
        return String.join("\n", text.lines().filter(l -> l.contains(what)).toList());
    }

    private static long holderTid(AgentRun run) {
        return Long.parseLong(run.stdout().lines().filter(l -> l.startsWith("tid holder ")).findFirst()
                .orElseThrow().substring("tid holder ".length()));
    }

    private static RecordedEvent only(AgentRun run, String type, String thread) {
        List<RecordedEvent> of = run.of(type).stream()
                .filter(e -> e.getThread() != null && thread.equals(e.getThread().getJavaName())).toList();
        assertEquals(1, of.size(), type + " of " + thread + ": " + run.of(type));
        return of.get(0);
    }
}
