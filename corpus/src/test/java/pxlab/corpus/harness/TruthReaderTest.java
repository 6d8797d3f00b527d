package pxlab.corpus.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.corpus.harness.Truth.TWait;

/**
 * Truth files written by hand, read back: waits, holds bounded by the other threads' log entries, owners, chains
 * and attributes. Times are in ms after the anchor (nanoTime 0 is epoch 1,000,000 ns).
 */
class TruthReaderTest {

    private static final int REQ = 0;
    private static final int ACQ = 1;
    private static final int REL = 2;
    private static final int GAVE_UP = 3;
    private static final int SHARED = 4;

    @TempDir
    Path dir;

    @Test
    void waitCertainlyLastsUntilTheOwnersLoggedRelease() throws Exception {
        // A holds 0..10 ms; B asks at 2 ms, logs its acquisition only at 30 ms (preempted after lock() returned).
        Truth t = read(thread(1, "A", 0, "", ev(0, ACQ, 0), ev(0, REL, 10), ev(0, REQ, 40), ev(0, ACQ, 40),
                        ev(0, REL, 41)),
                thread(2, "B", 0, "", ev(0, REQ, 2), ev(0, ACQ, 30), ev(0, REL, 31)));
        TWait b = only(t, 2);
        assertEquals(ms(2), b.startNs() - epoch(0));
        assertEquals(ms(8), b.certainNs(), "certain until A's release log at 10 ms");
        assertEquals(Set.of(1L), t.owners(b));
    }

    @Test
    void ownerPreemptedAfterItsAcquisitionIsStillTheOwner() throws Exception {
        // A asks at 0 and logs its acquisition at 50 ms; B asks at 5 ms. A held the lock from somewhere in 0..50.
        Truth t = read(thread(1, "A", 0, "", ev(0, REQ, 0), ev(0, ACQ, 50), ev(0, REL, 60)),
                thread(2, "B", 0, "", ev(0, REQ, 5), ev(0, ACQ, 61), ev(0, REL, 62)));
        TWait b = only(t, 2);
        assertEquals(Set.of(1L), t.owners(b));
        assertEquals(ms(55), b.certainNs(), "certain until A's release log at 60 ms");
    }

    @Test
    void nestedAcquisitionIsNeitherAWaitNorAHold() throws Exception {
        Truth t = read(thread(1, "A", 0, "", ev(0, REQ, 0), ev(0, ACQ, 0), ev(0, REQ, 1), ev(0, ACQ, 3),
                ev(0, REL, 4), ev(0, REL, 20)),
                thread(2, "B", 0, "", ev(0, REQ, 10), ev(0, ACQ, 21), ev(0, REL, 22)));
        assertTrue(t.waits.stream().noneMatch(w -> w.waiter() == 1 && w.certainNs() > 0));
        assertEquals(Set.of(1L), t.owners(only(t, 2)), "A still holds after its nested release at 4 ms");
    }

    @Test
    void readerWaitsForTheWriterNotForOtherReaders() throws Exception {
        Truth t = read(thread(1, "writer", 0, "", ev(0, REQ, 0), ev(0, ACQ, 0), ev(0, REL, 10)),
                thread(2, "reader-a", 0, "", ev(0, REQ | SHARED, 12), ev(0, ACQ | SHARED, 12), ev(0, REL | SHARED, 30)),
                thread(3, "reader-b", 0, "", ev(0, REQ | SHARED, 5), ev(0, ACQ | SHARED, 11), ev(0, REL | SHARED, 13)));
        assertEquals(Set.of(1L), t.owners(only(t, 3)));
    }

    @Test
    void chainEndsAtTheOwnerThatIsNotWaiting() throws Exception {
        // api waits for orders (held by settler), settler waits for ledger (held by compactor).
        Truth t = read(List.of("orders", "ledger"),
                thread(1, "compactor", 19, "", ev(1, REQ, 0), ev(1, ACQ, 0), ev(1, REL, 100)),
                thread(2, "settler", 5, "", ev(0, REQ, 1), ev(0, ACQ, 1), ev(1, REQ, 2), ev(1, ACQ, 101),
                        ev(1, REL, 102), ev(0, REL, 103)),
                thread(3, "api", 0, "", ev(0, REQ, 10), ev(0, ACQ, 104), ev(0, REL, 105)));
        TWait api = t.waits.stream().filter(w -> w.waiter() == 3).findFirst().orElseThrow();
        assertEquals(Set.of(2L), t.owners(api));
        assertEquals(Set.of(1L), t.culprits(api));
        assertTrue(t.inversion(api, t.owners(api)), "nice 0 outranks nice 5");
    }

    @Test
    void reniceDecidesInversionFromWhenItTookEffect() throws Exception {
        // The owner asked for nice 19 at 20 ms; renice returned at 30 ms.
        Truth t = read(thread(1, "owner", 0, "{\"requested\":20000000,\"t\":30000000,\"nice\":19,\"cpuWeight\":-1,"
                        + "\"policy\":\"SCHED_OTHER\"}", ev(0, REQ, 0), ev(0, ACQ, 0), ev(0, REL, 10), ev(0, REQ, 24),
                        ev(0, ACQ, 24), ev(0, REL, 28), ev(0, REQ, 40), ev(0, ACQ, 40), ev(0, REL, 50)),
                thread(2, "waiter", 0, "", ev(0, REQ, 5), ev(0, ACQ, 11), ev(0, REL, 12), ev(0, REQ, 25),
                        ev(0, ACQ, 29), ev(0, REL, 29), ev(0, REQ, 45), ev(0, ACQ, 51), ev(0, REL, 52)));
        List<TWait> waits = new ArrayList<>(t.waits.stream().filter(w -> w.waiter() == 2).toList());
        assertFalse(t.inversion(waits.get(0), Set.of(1L)), "before the renice: equals");
        assertFalse(t.attributesCertain(waits.get(1), Set.of(1L)), "during the renice: unknown");
        assertTrue(t.inversion(waits.get(2), Set.of(1L)), "after: nice 0 outranks nice 19");
    }

    @Test
    void timedOutTryLockIsAWaitWithoutAcquisition() throws Exception {
        Truth t = read(thread(1, "A", 0, "", ev(0, REQ, 0), ev(0, ACQ, 0), ev(0, REL, 100)),
                thread(2, "B", 0, "", ev(0, REQ, 10), ev(0, GAVE_UP, 60)));
        TWait b = only(t, 2);
        assertFalse(b.acquired());
        assertEquals(ms(50), b.certainNs());
        assertEquals(Set.of(1L), t.owners(b));
    }

    private Truth read(String... threads) throws Exception {
        return read(List.of("lock"), threads);
    }

    private Truth read(List<String> locks, String... threads) throws Exception {
        StringBuilder b = new StringBuilder("{\"type\":\"run\",\"workload\":\"test\",\"nanoTime\":0,\"epochNs\":1000000,"
                + "\"endNanoTime\":1000000000,\"endEpochNs\":1001000000,\"pid\":1}\n");
        for (int i = 0; i < locks.size(); i++) {
            b.append("{\"type\":\"lock\",\"id\":").append(i).append(",\"name\":\"").append(locks.get(i))
                    .append("\",\"kind\":\"mutex\"}\n");
        }
        for (String t : threads) b.append(t).append('\n');
        Path file = dir.resolve("truth.jsonl");
        Files.writeString(file, b);
        return Truth.read(file);
    }

    /** A thread line: events as {code, ms} pairs. */
    private static String thread(long id, String name, int nice, String sched, long[]... events) {
        StringBuilder codes = new StringBuilder();
        StringBuilder times = new StringBuilder();
        for (long[] e : events) {
            if (codes.length() > 0) {
                codes.append(',');
                times.append(',');
            }
            codes.append(e[0]);
            times.append(e[1]);
        }
        return "{\"type\":\"thread\",\"javaId\":" + id + ",\"name\":\"" + name + "\",\"tid\":" + (100 + id)
                + ",\"virtual\":false,\"nice\":" + nice + ",\"sched\":[" + sched + "],\"codes\":[" + codes
                + "],\"times\":[" + times + "]}";
    }

    private static long[] ev(int lock, int op, long ms) {
        return new long[] {((long) lock << 8) | op, ms(ms)};
    }

    private static long ms(long ms) {
        return ms * 1_000_000;
    }

    private static long epoch(long ms) {
        return 1_000_000 + ms(ms);
    }

    private static TWait only(Truth t, long waiter) {
        List<TWait> w = t.waits.stream().filter(x -> x.waiter() == waiter).toList();
        assertEquals(1, w.size(), "waits of " + waiter + ": " + w);
        return w.get(0);
    }
}
