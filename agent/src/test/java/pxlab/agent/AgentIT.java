package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ContendedApp} in a real JVM with the packaged agent and reads the recording it writes.
 */
class AgentIT {

    @TempDir
    static Path dir;
    static List<RecordedEvent> waits;
    static List<RecordedEvent> holds;
    static String stderr;

    @BeforeAll
    static void runApp() throws Exception {
        AgentRun app = AgentRun.run(dir, "app", AgentRun.Launch.PLAIN, ContendedApp.class);
        stderr = app.stderr();
        waits = app.of("pxlab.LockWait");
        holds = app.of("pxlab.LockHold");
    }

    /** Runs a main class with the agent recording, optionally behind a command prefix; returns its lock waits. */
    static List<RecordedEvent> run(String name, List<String> prefix, Class<?> main, String... args) throws Exception {
        return run(name, "pxlab.LockWait", "", prefix, main, args);
    }

    /** Runs a main class with the agent recording; returns its events of one type. */
    static List<RecordedEvent> run(String name, String type, List<String> prefix, Class<?> main, String... args)
            throws Exception {
        return run(name, type, "", prefix, main, args);
    }

    /** Runs a main class with the agent recording plus more agent options (",key=value..."); returns one type. */
    static List<RecordedEvent> run(String name, String type, String options, List<String> prefix, Class<?> main,
                                   String... args) throws Exception {
        AgentRun.Launch launch = new AgentRun.Launch(prefix, List.of(), options);
        AgentRun run = AgentRun.run(dir, name, launch, main, args);
        stderr = run.stderr();
        return run.of(type);
    }

    static String agentJar() {
        return AgentRun.agentJar();
    }

    static RecordedEvent waitOf(String thread) {
        return waitOf(waits, thread);
    }

    static RecordedEvent waitOf(List<RecordedEvent> waits, String thread) {
        return waits.stream().filter(e -> e.getThread() != null && thread.equals(e.getThread().getJavaName()))
                .findFirst().orElseThrow(() -> new AssertionError("no pxlab.LockWait for " + thread + " in " + waits));
    }

    @Test
    void agentStartsQuietly() {
        assertFalse(stderr.contains("pxlab agent"), stderr);
    }

    @Test
    void reentrantLockWaitNamesOwnerAndLastsAboutTheHold() {
        RecordedEvent e = waitOf("waiter");
        assertEquals("holder", e.getThread("owner").getJavaName());
        assertEquals("mutex", e.getString("kind"));
        assertTrue(e.getBoolean("acquired"));
        Duration d = e.getDuration();
        // The waiter starts right after the holder took the lock, which it holds for HOLD_MS.
        assertTrue(d.toMillis() >= ContendedApp.HOLD_MS / 2 && d.toMillis() <= ContendedApp.HOLD_MS * 2, d.toString());
        assertTrue(e.getClass("lockClass").getName().startsWith("java.util.concurrent.locks.ReentrantLock$"));
    }

    @Test
    void writeLockWaitIsKindWrite() throws IOException {
        RecordedEvent e = waitOf("rw-waiter");
        assertEquals("write", e.getString("kind"));
        assertEquals("rw-holder", e.getThread("owner").getJavaName());
        assertTrue(e.getBoolean("acquired"));
    }

    @Test
    void readWaitBehindAWriterNamesTheWriterAndItsHold() {
        RecordedEvent e = waitOf("rwr-waiter");
        assertEquals("read", e.getString("kind"));
        assertEquals("rwr-holder", e.getThread("owner").getJavaName());
        RecordedEvent h = holdsOf("rwr-holder").get(0);
        assertEquals("write", h.getString("kind"));
        assertEquals(e.getLong("lockId"), h.getLong("lockId"));
        long ms = h.getDuration().toMillis();
        assertTrue(ms >= ContendedApp.HOLD_MS / 2 && ms <= ContendedApp.HOLD_MS * 2, h.toString());
    }

    @Test
    void stampedLockWaitIsKindStampedWithNoOwner() {
        RecordedEvent e = waitOf("st-waiter");
        assertEquals("stamped-read", e.getString("kind"));
        assertEquals(null, e.getThread("owner"));   // a StampedLock does not know its owner
        assertTrue(e.getBoolean("acquired"));
        long ms = e.getDuration().toMillis();
        assertTrue(ms >= ContendedApp.HOLD_MS / 2 && ms <= ContendedApp.HOLD_MS * 2, e.getDuration().toString());
    }

    @Test
    void contendedHoldIsRecordedWithItsHolderAndWaiters() {
        RecordedEvent h = holdsOf("holder").get(0);
        assertEquals("mutex", h.getString("kind"));
        assertEquals(1, h.getInt("waiters"));
        assertEquals(waitOf("waiter").getLong("lockId"), h.getLong("lockId"));
        // From the waiter's arrival to the release: most of HOLD_MS.
        long ms = h.getDuration().toMillis();
        assertTrue(ms >= ContendedApp.HOLD_MS / 2 && ms <= ContendedApp.HOLD_MS * 2, h.toString());
        assertEquals("write", holdsOf("rw-holder").get(0).getString("kind"));
    }

    @Test
    void conditionAwaitSplitsTheHold() {
        List<RecordedEvent> split = holdsOf("cv-holder");
        assertEquals(2, split.size(), split.toString());
        for (RecordedEvent h : split) {
            // Each part is HOLD_MS / 3 at most; a hold across the await would last more than HOLD_MS.
            assertTrue(h.getDuration().toMillis() < ContendedApp.HOLD_MS / 2, h.toString());
        }
        long first = waitOf("cv-waiter").getDuration().toMillis();
        assertTrue(first >= ContendedApp.HOLD_MS / 6 && first < ContendedApp.HOLD_MS, "cv-waiter waited " + first);
        assertTrue(waitOf("cv-late").getBoolean("acquired"));
    }

    static List<RecordedEvent> holdsOf(String holder) {
        List<RecordedEvent> of = holds.stream().filter(e -> holder.equals(e.getThread("holder").getJavaName())).toList();
        assertFalse(of.isEmpty(), "no pxlab.LockHold of " + holder + " in " + holds);
        return of;
    }

    @Test
    void timedTryLockThatGivesUpIsNotAcquired() {
        RecordedEvent e = waitOf("timed-waiter");
        assertFalse(e.getBoolean("acquired"));
        // The wait is timed from the slow path's entry, the timeout from tryLock's: a safepoint or first-use cost in
        // between (once 16 ms on JDK 25 in CI) shortens the recorded wait, never lengthens it past the hold.
        long ms = e.getDuration().toMillis();
        assertTrue(ms >= ContendedApp.TRY_MS / 2 && ms < ContendedApp.HOLD_MS, e.getDuration().toString());
    }

    @Test
    void latchesAndSemaphoresAreNotLockWaits() throws Exception {
        // Nobody owns a permit or a latch, so waiting for one is no lock wait; the ReentrantLock waiter beside them is
        // the positive control, and the JDK's own park events show that all three really waited.
        AgentRun run = AgentRun.run(dir, "unowned", AgentRun.Launch.PLAIN, UnownedWaitsApp.class);
        List<RecordedEvent> lockWaits = run.of("pxlab.LockWait");
        List<String> waiters = lockWaits.stream().map(e -> e.getThread().getJavaName()).toList();
        assertEquals(List.of("lock-waiter"), waiters, lockWaits.toString());
        long minNs = UnownedWaitsApp.WAIT_MS * 1_000_000 / 2;
        for (String name : List.of("sem-waiter", "latch-waiter", "lock-waiter")) {
            assertTrue(run.of("jdk.ThreadPark").stream().anyMatch(e -> e.getThread().getJavaName().equals(name)
                    && e.getDuration().toNanos() >= minNs), name + " parked for at least " + minNs + " ns");
        }
    }

    @Test
    void ownerPreemptedByHogsShowsRunQueueWait() throws Exception {
        // One CPU, owner plus three spinning hogs: the owner gets about a quarter of the CPU, so while the waiter
        // waits the owner spends most of the time runnable but not running.
        RecordedEvent e = waitOf(run("hogs", List.of("taskset", "-c", "0"), OwnerApp.class, "hogs"), "waiter");
        assertEquals("owner", e.getThread("owner").getJavaName());
        long cpu = e.getDuration("ownerCpuTime").toNanos();
        long rq = e.getDuration("ownerRunqueueWait").toNanos();
        assertTrue(cpu > OwnerApp.OWNER_CPU_MS * 1_000_000 / 2, "owner cpu " + cpu);
        assertTrue(rq > cpu, "owner run-queue wait " + rq + "ns should exceed its cpu " + cpu + "ns");
    }

    @Test
    void runningOwnerShowsCpuNotRunQueueWait() throws Exception {
        // Two CPUs and no hogs: the owner runs throughout the wait. As root it runs at nice -20, so that other load
        // on the machine (JIT threads, a parallel build) cannot preempt it.
        String nice = "root".equals(System.getProperty("user.name")) ? "-20" : "0";
        RecordedEvent e = waitOf(run("running", List.of(), OwnerApp.class, "quiet", nice), "waiter");
        long cpu = e.getDuration("ownerCpuTime").toNanos();
        long rq = e.getDuration("ownerRunqueueWait").toNanos();
        assertTrue(cpu > OwnerApp.OWNER_CPU_MS * 1_000_000 / 2, "owner cpu " + cpu);
        // Wide margin: JIT and JFR threads share the two CPUs; only a preempted owner comes near its own CPU time.
        assertTrue(rq * 2 < cpu, "owner run-queue wait " + rq + "ns should be small next to its cpu " + cpu + "ns");
    }

    @Test
    void threadSchedShowsTheNiceTheOwnerSetOnItsOwnThread() throws Exception {
        List<RecordedEvent> sched = run("nice", "pxlab.ThreadSched", List.of(), OwnerApp.class, "quiet", "7");
        RecordedEvent owner = lastSched(sched, "owner");
        assertEquals(7, owner.getInt("nice"));
        assertEquals("SCHED_OTHER", owner.getString("policy"));
        assertEquals(0, owner.getInt("rtPriority"));
        assertTrue(owner.getLong("osThreadId") > 0);
        assertTrue(owner.getString("affinity").matches("[0-9,-]+"), owner.getString("affinity"));
        assertEquals(0, lastSched(sched, "waiter").getInt("nice"));
    }

    /** The latest attributes recorded for a named thread (the periodic sampler may have described it earlier). */
    static RecordedEvent lastSched(List<RecordedEvent> sched, String thread) {
        return sched.stream().filter(e -> e.getThread("thread") != null
                        && thread.equals(e.getThread("thread").getJavaName()))
                .max(java.util.Comparator.comparing(RecordedEvent::getStartTime))
                .orElseThrow(() -> new AssertionError("no pxlab.ThreadSched for " + thread + ": " + sched));
    }

    @Test
    void threadSchedShowsFifoSetWithChrtWherePermitted() throws Exception {
        AgentRun run = AgentRun.run(dir, "fifo", AgentRun.Launch.PLAIN, OwnerApp.class, "quiet", "fifo:10");
        org.junit.jupiter.api.Assumptions.assumeTrue(run.stdout().contains("chrt ok"),
                "SCHED_FIFO not permitted here: " + run.stdout());
        RecordedEvent owner = lastSched(run.of("pxlab.ThreadSched"), "owner");
        assertEquals("SCHED_FIFO", owner.getString("policy"));
        assertEquals(10, owner.getInt("rtPriority"));
    }

    @Test
    void threadCpuShowsTheHogsCpuAndRunQueueTime() throws Exception {
        // Three hogs and the owner share one CPU, then the hogs alone for 1.5s, past the event's 1s period: each hog
        // gets CPU and also waits in the run queue.
        AgentRun run = AgentRun.run(dir, "hogs-cpu", AgentRun.Launch.PLAIN.withPrefix("taskset", "-c", "0"),
                OwnerApp.class, "hogs", "0", "1500");
        List<RecordedEvent> cpu = run.of("pxlab.ThreadCpu");
        RecordedEvent hog = cpu.stream().filter(e -> "hog-0".equals(e.getString("osThreadName")))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no pxlab.ThreadCpu for hog-0: " + cpu));
        assertTrue(hog.getDuration("cpuTime").toMillis() > 20, hog.toString());
        assertTrue(hog.getDuration("runqueueWait").toMillis() > 20, hog.toString());
        long tid = hog.getLong("osThreadId");
        assertTrue(tid > 0);
        // A hog never touches a lock, yet its attributes are recorded too, so a replay can place it.
        RecordedEvent sched = run.of("pxlab.ThreadSched").stream().filter(e -> e.getLong("osThreadId") == tid)
                .findFirst().orElseThrow(() -> new AssertionError("no pxlab.ThreadSched for hog-0"));
        assertEquals("0", sched.getString("affinity"));
        assertEquals(0, sched.getInt("nice"));
    }

    @Test
    void requestsOptionTimesEveryCallAndMarksTheOneThatThrew() throws Exception {
        List<RecordedEvent> requests = run("requests", "pxlab.Request",
                ",requests=" + RequestApp.class.getName() + "#handle", List.of(), RequestApp.class);
        assertEquals(RequestApp.CALLS, requests.size(), requests.toString());
        for (RecordedEvent e : requests) {
            assertEquals(RequestApp.class.getName() + "#handle", e.getString("name"));
            assertTrue(e.getDuration().toMillis() >= RequestApp.SLEEP_MS, e.getDuration().toString());
        }
        assertEquals(1, requests.stream().filter(e -> e.getBoolean("failed")).count());
    }

    @Test
    void unknownOptionDisablesTheAgentWithOneLineAndTheAppRuns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-javaagent:" + agentJar() + "=bogus=1", "-cp",
                System.getProperty("java.class.path"), RequestApp.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("pxlab agent: unknown option 'bogus' (record, threshold, period, requests, include, exclude); agent disabled"),
                out.lines().filter(l -> l.startsWith("pxlab agent")).toList(), out);
    }

    @Test
    void recordOptionUsesTheShippedSettings() throws Exception {
        // pxlab.jfc turns on the jdk.* events the analyzer reads, beside the pxlab ones.
        List<RecordedEvent> cpuInfo = run("settings", "jdk.CPUInformation", List.of(), RequestApp.class);
        assertFalse(cpuInfo.isEmpty(), "jdk.CPUInformation missing");
        assertTrue(cpuInfo.get(0).getInt("hwThreads") > 0);
    }
}
