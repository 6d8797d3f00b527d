package pxlab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pxlab.trace.TraceFixture.MS;
import static pxlab.trace.TraceFixture.ms;

import java.util.List;
import org.junit.jupiter.api.Test;
import pxlab.jfr.ThreadCpuEvent;
import pxlab.jfr.ThreadSchedEvent;
import pxlab.sim.Op;
import pxlab.sim.TaskSpec;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

class OutsideLoadTest {

    /** Two always-runnable threads on 2 CPUs, sampled a second apart (each thread's sample 1 ms after the last). */
    private static Trace twoBusyThreads(long cpuMsEach, long rqMsEach, String affinity) {
        TraceFixture f = new TraceFixture();
        for (String t : List.of("a", "b")) {
            f.builder().threadSched(new ThreadSchedEvent(ms(0), f.thread(t), 5, "SCHED_OTHER", 0, 0, affinity, "/", 100));
        }
        long at = 0;
        for (int round = 0; round <= 2; round++) {
            long skew = 0;
            for (String t : List.of("a", "b")) {
                f.builder().threadCpu(new ThreadCpuEvent(ms(at + skew), f.thread(t), round * cpuMsEach * MS,
                        round * rqMsEach * MS));
                skew++;
            }
            at += 1000;
        }
        return f.build();
    }

    @Test
    void threadsThatWaitedWhileTheJvmLeftCpusUnusedMetOutsideLoad() {
        // Each thread got 0.6 of a CPU and waited 0.4: the JVM used 1.2 of 2 CPUs with threads waiting.
        Trace t = twoBusyThreads(600, 400, "0-1");
        OutsideLoad.Load load = OutsideLoad.of(t, t.startNs(), t.startNs() + 2_000 * MS, 2);
        assertEquals(2, load.intervals());
        assertEquals(2, load.busy().size());
        assertEquals(0.8, load.busy().get(0).outsideCpus(), 0.01, "min(2 - 1.2, 0.8 waiting)");
        List<TaskSpec> tasks = OutsideLoad.tasks(load, t.startNs(), t.startNs() + 2_000 * MS, 2);
        assertEquals(2, tasks.size(), "one per CPU");
        long demand = 0;
        for (TaskSpec task : tasks) {
            for (Op op : task.program()) if (op instanceof Op.Run run) demand += run.ns();
        }
        assertEquals(0.8 * 2_000 * MS, demand, 0.02 * 2_000 * MS, "the outside's measured share, given back");
        assertTrue(OutsideLoad.describe(load).contains("took 0.80 CPUs on average in 2 of 2 sampling intervals"),
                OutsideLoad.describe(load));
    }

    @Test
    void aJvmThatGotTheCpusItWaitedForMetNone() {
        Trace idle = twoBusyThreads(1000, 0, "0-1");
        assertTrue(OutsideLoad.of(idle, idle.startNs(), idle.startNs() + 2_000 * MS, 2).busy().isEmpty());
        // Busy the other way: both CPUs used, threads waiting for each other, nothing left for an outsider.
        Trace full = twoBusyThreads(990, 600, "0-1");
        assertTrue(OutsideLoad.of(full, full.startNs(), full.startNs() + 2_000 * MS, 2).busy().isEmpty());
    }

    @Test
    void threadsPinnedToOneCpuDoNotMakeTheOtherLookTaken() {
        // Both pinned to CPU 0: 0.5 of a CPU each and 0.5 waiting is the JVM sharing its one CPU, not outside load.
        Trace pinned = twoBusyThreads(500, 500, "0");
        assertTrue(OutsideLoad.of(pinned, pinned.startNs(), pinned.startNs() + 2_000 * MS, 2).busy().isEmpty());
    }
}
