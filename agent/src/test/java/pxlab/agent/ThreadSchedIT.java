package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pxlab.ThreadSched} when it matters: threads that live less than a sampling period are described no later
 * than their first contended wait (waiter and owner), and a change of a running thread's attributes is recorded
 * within one period.
 */
class ThreadSchedIT {

    /** Room for the sampler running late on a loaded machine, on top of one period. */
    static final Duration SLACK = Duration.ofMillis(600);

    @TempDir
    static Path dir;

    @Test
    void shortLivedThreadsAreDescribedNoLaterThanTheirFirstWait() throws Exception {
        AgentRun run = AgentRun.run(dir, "short", AgentRun.Launch.PLAIN, ShortLivedApp.class);
        List<RecordedEvent> sched = run.of("pxlab.ThreadSched");
        List<String> rounds = run.stdout().lines().filter(l -> l.startsWith("round ")).toList();
        assertEquals(ShortLivedApp.ROUNDS, rounds.size(), run.stdout());
        for (String round : rounds) {
            String[] f = round.split(" ");
            String kind = f[2];
            long owner = Long.parseLong(f[3].substring("owner=".length()));
            long waiter = Long.parseLong(f[4].substring("waiter=".length()));
            RecordedEvent wait = run.of("pxlab.LockWait").stream()
                    .filter(e -> e.getThread() != null && e.getThread().getJavaThreadId() == waiter).findFirst()
                    .orElseThrow(() -> new AssertionError("no pxlab.LockWait of " + round));
            assertEquals(kind, wait.getString("kind"), round);
            assertEquals(owner, wait.getLong("ownerJavaThreadId"), round + ": " + wait);
            // The waiter is described before its wait begins. A JDK lock's owner too; a monitor's owner is only
            // known once the agent finds it, during the wait.
            RecordedEvent w = firstSched(sched, waiter, round);
            assertEquals(ShortLivedApp.WAITER_NICE, w.getInt("nice"), w.toString());
            assertFalse(w.getStartTime().isAfter(wait.getStartTime()), "waiter described after its wait: " + w);
            RecordedEvent o = firstSched(sched, owner, round);
            assertEquals(ShortLivedApp.OWNER_NICE, o.getInt("nice"), o.toString());
            Instant by = kind.equals("mutex") ? wait.getStartTime() : wait.getEndTime();
            assertFalse(o.getStartTime().isAfter(by), "owner described too late: " + o + " for " + wait);
        }
    }

    @Test
    void aThreadThatChangesItsAttributesIsDescribedAgainWithinOnePeriod() throws Exception {
        AgentRun run = AgentRun.run(dir, "reniced", AgentRun.Launch.PLAIN, RenicedApp.class);
        long tid = Long.parseLong(line(run, "tid "));
        List<RecordedEvent> sched = run.of("pxlab.ThreadSched").stream().filter(e -> e.getLong("osThreadId") == tid)
                .sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
        Duration period = Duration.ofSeconds(1);   // the agent's default
        RecordedEvent nice = sched.stream().filter(e -> e.getInt("nice") == RenicedApp.NICE).findFirst()
                .orElseThrow(() -> new AssertionError("nice " + RenicedApp.NICE + " never recorded: " + sched));
        assertWithin(line(run, "reniced "), period, nice);
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus > 1) {
            RecordedEvent affinity = sched.stream().filter(e -> "0".equals(e.getString("affinity"))).findFirst()
                    .orElseThrow(() -> new AssertionError("affinity 0 never recorded: " + sched));
            assertWithin(line(run, "affinity "), period, affinity);
            assertEquals(RenicedApp.NICE, affinity.getInt("nice"));
        }
        // Only changes are recorded: the first look, the nice, the affinity, over about four periods.
        assertEquals(cpus > 1 ? 3 : 2, sched.size(), sched.toString());
    }

    /**
     * The change, made between the two instants of {@code span} ("from to"), is recorded after it began and no later
     * than one period (plus slack) after it was done.
     */
    private static void assertWithin(String span, Duration period, RecordedEvent e) {
        String[] f = span.split(" ");
        Instant from = Instant.parse(f[0]);
        Instant to = Instant.parse(f[1]);
        // JFR's clock and Instant.now() agree to well under a millisecond; allow a little either way.
        assertTrue(!e.getStartTime().isBefore(from.minusMillis(5)), "recorded before the change: " + span + " " + e);
        Duration after = Duration.between(to, e.getStartTime());
        assertTrue(after.compareTo(period.plus(SLACK)) <= 0, "recorded " + after + " after the change: " + e);
    }

    private static RecordedEvent firstSched(List<RecordedEvent> sched, long javaThreadId, String round) {
        return sched.stream().filter(e -> e.getLong("javaThreadId") == javaThreadId)
                .min(Comparator.comparing(RecordedEvent::getStartTime))
                .orElseThrow(() -> new AssertionError("no pxlab.ThreadSched for Java thread " + javaThreadId
                        + " (" + round + ")"));
    }

    private static String line(AgentRun run, String prefix) {
        return run.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in " + run.stdout()))
                .substring(prefix.length());
    }
}
