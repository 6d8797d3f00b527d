package pxlab.scenario;

import java.util.Objects;
import pxlab.sim.SimConfig;
import pxlab.sim.Workload;

/**
 * A parsed scenario file: what to run and with which model settings.
 *
 * @param source   The file's name as given to the parser, used in reports and messages.
 * @param workload The machine, groups, locks and tasks.
 * @param config   The model settings: {@link SimConfig#DEFAULT} with the file's {@code config} section applied.
 */
public record Scenario(String source, Workload workload, SimConfig config) {

    public Scenario {
        Objects.requireNonNull(source);
        Objects.requireNonNull(workload);
        Objects.requireNonNull(config);
    }
}
