package pxlab.report;

import java.util.List;
import pxlab.sim.SimConfig;
import pxlab.sim.SimResult;

/**
 * What {@code pxlab simulate} reports: one scenario run under one or more policies.
 *
 * @param source  Where the scenario came from (a file name).
 * @param cpus    The number of CPUs simulated.
 * @param config  The model settings used.
 * @param results One result per policy, in the order none, inherit, proxy.
 */
public record Simulation(String source, int cpus, SimConfig config, List<SimResult> results) {

    public Simulation {
        results = List.copyOf(results);
    }
}
