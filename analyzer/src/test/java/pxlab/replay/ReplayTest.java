package pxlab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.trace.TraceFixture.MS;
import static pxlab.trace.TraceFixture.ms;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import pxlab.inversion.InversionFinder;
import pxlab.jfr.CpuInformationEvent;
import pxlab.sim.Policy;
import pxlab.sim.SimResult;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * Replays hand-built recordings: the classic inversion (a nice-19 owner preempted by a nice-0 hog while a nice-0
 * waiter waits, one CPU) must come out long under {@code none} and {@code inherit} and short under {@code proxy}.
 */
class ReplayTest {

    private static final long LOCK = 42;

    /** {@link TraceFixture#preemptedOwner}: a waiter behind a nice-19 owner that a nice-0 hog keeps off its CPU. */
    private static Trace preemptedOwner() {
        return TraceFixture.preemptedOwner(LOCK);
    }

    private static ReplayResult replay(Trace trace) {
        return Replay.run(trace, InversionFinder.find(trace), ReplayOptions.DEFAULT);
    }

    @Test
    void proxyExecutionCutsTheWaitBehindAPreemptedOwner() {
        ReplayResult r = replay(preemptedOwner());
        assertEquals(1, r.cpus());
        long none = r.run(Policy.NONE).orElseThrow().thread("waiter").orElseThrow().lockWaitNs();
        long inherit = r.run(Policy.INHERIT).orElseThrow().thread("waiter").orElseThrow().lockWaitNs();
        long proxy = r.run(Policy.PROXY).orElseThrow().thread("waiter").orElseThrow().lockWaitNs();
        // Under none the owner needs its 10 ms of CPU at nice 19 against a nice-0 hog: about 1.4% of the CPU.
        assertTrue(none > 300 * MS, "none: " + none);
        assertEquals(none, inherit, "fair threads inherit nothing under rt_mutex PI");
        // Under proxy the waiter's context runs the owner: its 10 ms, plus switches and the waiter's own slice.
        assertTrue(proxy < none / 5 && proxy < 60 * MS, "proxy: " + proxy + " none: " + none);
        assertEquals(1, r.run(Policy.PROXY).orElseThrow().thread("waiter").orElseThrow().waits().count());
    }

    /**
     * A periodic refresher, the pattern of a background maintenance thread: one CPU, a nice-19 owner that sleeps
     * 200 ms, waits 40 ms for the CPU, then holds the lock for 200 ms getting 3 ms of CPU while a nice-0 hog runs,
     * three times; a nice-0
     * waiter waits through each hold. The holds were taken without waiting, so none of them matches a wait of the
     * owner's own.
     */
    private static Trace periodicOwner() {
        TraceFixture f = new TraceFixture().nice("owner", 19).nice("waiter", 0).nice("hog", 0);
        for (int i = 0; i < 3; i++) {
            long start = 200 + 400L * i;
            f.sleep("owner", start - 200, start).hold("owner", LOCK, start, start + 200, 3, 197)
                    .waitFor("waiter", "owner", LOCK, start + 1, start + 200, 3, 196);
        }
        f.builder().cpuInformation(new CpuInformationEvent(ms(0), 1));
        f.cpu("hog", 0, 0, 0);
        f.cpu("hog", 1200, 1150, 50);
        f.cpu("owner", 0, 0, 0);
        f.cpu("owner", 1200, 10, 711);   // 591 ms inside the holds, 40 ms after each wakeup: starved
        f.cpu("waiter", 0, 0, 0);
        f.cpu("waiter", 1200, 5, 5);
        return f.build();
    }

    @Test
    void aPeriodicOwnerTakesEachHoldBeforeItsWaiterAsksAndNeverTwice() {
        ReplayResult r = replay(periodicOwner());
        for (ReplayResult.PolicyRun run : r.runs()) {
            assertNull(run.result().deadlock(), run.key());
            SimResult.RequestStats waits = run.thread("waiter").orElseThrow().waits();
            assertEquals(3, waits.count(), run.key());
            // The owner holds the lock when the waiter asks: most waits are not free.
            assertTrue(waits.all().percentile(50) > 0, run.key() + ": " + Arrays.toString(waits.all().toArray()));
        }
        long none = r.run(Policy.NONE).orElseThrow().thread("waiter").orElseThrow().lockWaitNs();
        long proxy = r.run(Policy.PROXY).orElseThrow().thread("waiter").orElseThrow().lockWaitNs();
        assertTrue(proxy < none, "proxy: " + proxy + " none: " + none);
        // The owner's takes were not waits in the recording, so they are not waits in the replay either.
        assertEquals(0, r.run(Policy.NONE).orElseThrow().thread("owner").orElseThrow().waits().count());
    }

    @Test
    void everyReplayedWaitIsKeptForTheDistribution() {
        ReplayResult r = replay(preemptedOwner());
        for (ReplayResult.PolicyRun run : r.runs()) {
            SimResult.RequestStats waits = run.thread("waiter").orElseThrow().waits();
            long[] all = waits.all().toArray();
            assertEquals(waits.count(), all.length, run.key());
            assertEquals(waits.maxNs(), all[all.length - 1], run.key());
            assertEquals(waits.p50Ns(), waits.all().percentile(50), run.key());
        }
    }

    @Test
    void fidelityComparesTheNoneReplayWithTheRecording() {
        ReplayResult r = replay(preemptedOwner());
        ReplayResult.Fidelity f = r.fidelity();
        assertEquals(800 * MS, f.measuredLockWaitNs());
        assertEquals(r.run(Policy.NONE).orElseThrow().thread("waiter").orElseThrow().lockWaitNs(), f.replayedLockWaitNs());
        assertEquals(Math.abs(f.replayedLockWaitNs() - f.measuredLockWaitNs()), f.errorNs(), "one thread compared");
        ReplayResult.ThreadRun recorded = r.recorded().thread("waiter").orElseThrow();
        assertEquals(800 * MS, recorded.lockWaitNs());
        assertEquals(1, recorded.waits().count());
        assertEquals(800 * MS, recorded.waits().maxNs(), "the recorded wait, beside the replayed ones");
    }

    @Test
    void proxyDonorsShowInTheSchedule() {
        ReplayResult r = replay(preemptedOwner());
        assertTrue(r.run(Policy.PROXY).orElseThrow().schedule().stream()
                .anyMatch(s -> s.thread().equals("owner") && s.donor().equals("waiter")), "no donor interval");
        assertTrue(r.run(Policy.NONE).orElseThrow().schedule().stream().allMatch(s -> s.thread().equals(s.donor())));
    }

    @Test
    void theSameRecordingReplaysTheSame() {
        assertEquals(replay(preemptedOwner()).runs().get(2).schedule(), replay(preemptedOwner()).runs().get(2).schedule());
    }

    @Test
    void cpusOptionOverridesTheRecording() {
        Trace trace = preemptedOwner();
        ReplayResult r = Replay.run(trace, InversionFinder.find(trace), ReplayOptions.DEFAULT.withCpus(2)
                .withPolicies(List.of(Policy.NONE)));
        assertEquals(2, r.cpus());
        assertEquals(1, r.runs().size());
        // Two CPUs: the hog no longer preempts the owner, so even none is quick.
        assertTrue(r.run(Policy.NONE).orElseThrow().thread("waiter").orElseThrow().lockWaitNs() < 100 * MS);
    }

    @Test
    void affinityListsBecomeMasksOnlyWhenTheyLeaveCpusOut() {
        assertNull(Replay.affinity("0-3", 4));
        assertNull(Replay.affinity("0-7", 4));   // CPUs the replay does not have are dropped
        assertEquals("{0, 2}", Replay.affinity("0,2", 4).toString());
        assertNull(Replay.affinity("bogus", 4));
    }
}
