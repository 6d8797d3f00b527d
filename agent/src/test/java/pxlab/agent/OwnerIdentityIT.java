package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link EndedOwnerApp}: lock owners end before the recording is written, which JDK 17 records as a null
 * {@code Thread} field; the plain identity fields must still name them.
 */
class OwnerIdentityIT {

    @TempDir
    static Path dir;
    static AgentRun run;

    @BeforeAll
    static void runApp() throws Exception {
        run = AgentRun.run(dir, "ended", AgentRun.Launch.PLAIN, EndedOwnerApp.class);
    }

    @Test
    void mutexWaitNamesAnOwnerThatEnded() {
        assertWaitNamesOwner("mutex");
    }

    @Test
    void monitorWaitNamesAnOwnerThatEnded() {
        assertWaitNamesOwner("monitor");
    }

    @Test
    void holdNamesAHolderThatEnded() {
        for (String kind : List.of("mutex", "monitor")) {
            Owner owner = owner(kind);
            RecordedEvent hold = run.of("pxlab.LockHold").stream()
                    .filter(e -> e.getLong("holderJavaThreadId") == owner.javaId()).findFirst()
                    .orElseThrow(() -> new AssertionError("no pxlab.LockHold of " + owner + ": " + run.of("pxlab.LockHold")));
            assertEquals(owner.name(), hold.getString("holderJavaThreadName"), hold.toString());
            assertEquals(owner.tid(), hold.getLong("holderOsThreadId"), hold.toString());
            assertEquals(kind, hold.getString("kind"));
        }
    }

    private static void assertWaitNamesOwner(String kind) {
        Owner owner = owner(kind);
        RecordedEvent wait = waitOf(kind + "-waiter");
        assertEquals(kind, wait.getString("kind"));
        assertEquals(owner.javaId(), wait.getLong("ownerJavaThreadId"), wait.toString());
        assertEquals(owner.name(), wait.getString("ownerJavaThreadName"), wait.toString());
        assertEquals(owner.tid(), wait.getLong("ownerOsThreadId"), wait.toString());
        // Where JFR did write the Thread field, it agrees.
        RecordedThread t = wait.getThread("owner");
        if (t != null) assertEquals(owner.javaId(), t.getJavaThreadId());
        long ms = wait.getDuration().toMillis();
        assertTrue(ms >= EndedOwnerApp.HOLD_MS / 2, "wait of " + ms + " ms");
        // The owner's attributes, under its Java id, recorded while it lived (no later than the wait it caused).
        RecordedEvent sched = run.of("pxlab.ThreadSched").stream()
                .filter(e -> e.getLong("javaThreadId") == owner.javaId()).findFirst()
                .orElseThrow(() -> new AssertionError("no pxlab.ThreadSched of " + owner));
        assertEquals(EndedOwnerApp.OWNER_NICE, sched.getInt("nice"), sched.toString());
        assertEquals(owner.tid(), sched.getLong("osThreadId"), sched.toString());
        assertEquals(owner.name(), sched.getString("javaThreadName"), sched.toString());
        assertTrue(!sched.getStartTime().isAfter(wait.getEndTime()), sched + " after " + wait);
    }

    /** An owner as the program printed it. */
    record Owner(String name, long javaId, long tid) {
    }

    static Owner owner(String kind) {
        String name = kind + "-owner";
        String line = run.stdout().lines().filter(l -> l.startsWith("thread " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + " in " + run.stdout()));
        String[] f = line.split(" ");
        return new Owner(name, Long.parseLong(f[2].substring("id=".length())),
                Long.parseLong(f[3].substring("tid=".length())));
    }

    static RecordedEvent waitOf(String waiter) {
        List<RecordedEvent> of = run.of("pxlab.LockWait").stream()
                .filter(e -> e.getThread() != null && waiter.equals(e.getThread().getJavaName())).toList();
        assertEquals(1, of.size(), () -> "pxlab.LockWait of " + waiter + ": " + run.of("pxlab.LockWait"));
        return of.get(0);
    }
}
