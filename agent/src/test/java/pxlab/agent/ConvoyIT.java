package pxlab.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ConvoyApp} on two CPUs: 32 threads queue on 8 monitors (and 8 {@code ReentrantLock}s) that hand off
 * every 50 µs or so. Every monitor wait of 1 ms or more must name its owner, and the owner named must really have
 * held that monitor during the wait, by the program's own log of its holds.
 */
class ConvoyIT {

    /**
     * The least share of monitor waits of 1 ms or more that name an owner. Measured 99.99–100% on both JDKs on a
     * 2-vCPU VM with a load average of 10–16; the agent that asked only the JVM named 77–84%.
     */
    static final double OWNER_KNOWN = 0.98;
    /**
     * The least share of named owners the program's log shows holding the monitor during the wait, give or take
     * {@link #SKEW_NS}. Measured 97.1–100% (the agent that asked only the JVM, whose answers hold by construction:
     * 99.1–100%); naming a wrong convoy thread would pass about one time in five.
     */
    static final double OWNER_HELD = 0.95;
    /** How far the program's times and the recording's may disagree once related by {@code pxlab.test.Clock}. */
    static final long SKEW_NS = 100_000;

    @TempDir
    static Path dir;
    static AgentRun run;
    static List<RecordedEvent> waits;

    @BeforeAll
    static void runConvoy() throws Exception {
        String cpus = Runtime.getRuntime().availableProcessors() > 1 ? "0,1" : "0";
        run = AgentRun.run(dir, "convoy", AgentRun.Launch.PLAIN.withPrefix("taskset", "-c", cpus), ConvoyApp.class,
                "4", dir.resolve("holds.txt").toString());
        waits = run.of("pxlab.LockWait").stream()
                .filter(e -> e.getString("kind").equals("monitor") && e.getDuration().toNanos() >= 1_000_000).toList();
    }

    @Test
    void monitorWaitsNameTheirOwner() {
        assertTrue(waits.size() >= 100, "too few monitor waits of 1 ms or more to judge: " + waits.size());
        long known = waits.stream().filter(e -> e.getLong("ownerJavaThreadId") != 0).count();
        System.out.printf("ConvoyIT: %d monitor waits >= 1 ms, owner named for %d (%.2f%%)%n", waits.size(), known,
                100.0 * known / waits.size());
        assertTrue(known >= OWNER_KNOWN * waits.size(), known + " of " + waits.size() + " monitor waits name the owner");
    }

    @Test
    void theOwnerNamedHeldTheMonitorDuringTheWait() throws IOException {
        Map<Long, Integer> monitorOf = new HashMap<>();
        run.stdout().lines().filter(l -> l.startsWith("monitor ")).map(l -> l.split(" "))
                .forEach(f -> monitorOf.put(Long.parseLong(f[2]), Integer.parseInt(f[1])));
        assertEquals(ConvoyApp.LOCKS, monitorOf.size(), run.stdout());
        Map<String, List<long[]>> holds = holds(dir.resolve("holds.txt"));
        TreeMap<Long, Long> clock = new TreeMap<>();
        for (RecordedEvent c : run.of("pxlab.test.Clock")) clock.put(epochNanos(c.getStartTime()), c.getLong("nanoTime"));
        long named = 0;
        long held = 0;
        List<RecordedEvent> wrong = new ArrayList<>();
        for (RecordedEvent e : waits) {
            long owner = e.getLong("ownerJavaThreadId");
            if (owner == 0) continue;
            named++;
            long from = nanoTime(clock, e.getStartTime());
            long to = nanoTime(clock, e.getEndTime());
            String key = monitorOf.get(e.getLong("lockId")) + " " + owner;
            boolean heldIt = holds.getOrDefault(key, List.of()).stream()
                    .anyMatch(h -> h[0] <= to + SKEW_NS && h[1] >= from - SKEW_NS);
            if (heldIt) {
                held++;
            } else if (wrong.size() < 5) {
                wrong.add(e);
            }
        }
        System.out.printf("ConvoyIT: %d named owners, %d held the monitor during the wait (%.2f%%)%n", named, held,
                100.0 * held / named);
        assertTrue(named > 0);
        assertTrue(held >= OWNER_HELD * named, held + " of " + named + " owners held the monitor; e.g. " + wrong);
    }

    /** The program's monitor holds by "monitor thread": [from, to] in its nanoTime. */
    private static Map<String, List<long[]>> holds(Path file) throws IOException {
        Map<String, List<long[]>> holds = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            holds.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>())
                    .add(new long[]{Long.parseLong(f[2]), Long.parseLong(f[3])});
        }
        return holds;
    }

    /** A recording time on the program's nanoTime, interpolated between the nearest {@code pxlab.test.Clock}s. */
    private static long nanoTime(TreeMap<Long, Long> clock, Instant t) {
        long at = epochNanos(t);
        Entry<Long, Long> lo = clock.floorEntry(at);
        Entry<Long, Long> hi = clock.ceilingEntry(at);
        if (lo == null) lo = hi;
        if (hi == null || hi.getKey().equals(lo.getKey())) return lo.getValue() + (at - lo.getKey());
        double f = (double) (at - lo.getKey()) / (hi.getKey() - lo.getKey());
        return lo.getValue() + Math.round(f * (hi.getValue() - lo.getValue()));
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
