package pxlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static pxlab.sim.Scenarios.MS;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An absolute sleep wakes at its time when the task is early, and costs nothing when it is late. */
class SleepUntilTest {

    private static long finished(List<Op> program) {
        Workload w = new Workload(1, List.of(), List.of(), List.of(TaskSpec.fair("t", program)), 100 * MS);
        SimResult r = Simulator.runChecked(w, SimConfig.DEFAULT, Policy.NONE, ScheduleSink.NONE);
        return r.task("t").orElseThrow().finishedNs();
    }

    @Test
    void anEarlyTaskSleepsUntilTheTime() {
        assertEquals(6 * MS, finished(List.of(new Op.Run(MS), new Op.SleepUntil(5 * MS), new Op.Run(MS))), 50_000);
    }

    @Test
    void aLateTaskGoesOnAtOnce() {
        assertEquals(8 * MS, finished(List.of(new Op.Run(7 * MS), new Op.SleepUntil(5 * MS), new Op.Run(MS))), 50_000);
    }

    @Test
    void aLateTaskCatchesUpInsteadOfCarryingTheDelay() {
        // Two relative sleeps would end at 1 + 4 + 1 + 4 = 10 ms; anchored, the second period ends where it should.
        List<Op> anchored = List.of(new Op.Run(MS), new Op.SleepUntil(5 * MS), new Op.Run(MS), new Op.SleepUntil(10 * MS),
                new Op.Run(MS));
        assertEquals(11 * MS, finished(anchored), 50_000);
        assertThrows(IllegalArgumentException.class, () -> new Op.SleepUntil(-1));
    }
}
