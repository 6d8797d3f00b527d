package pxlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import pxlab.report.Simulation;
import pxlab.report.SimulationJson;
import pxlab.report.SimulationText;
import pxlab.scenario.Scenario;
import pxlab.scenario.ScenarioException;
import pxlab.scenario.ScenarioParser;
import pxlab.sim.Policy;
import pxlab.sim.ProxyConfig;
import pxlab.sim.ScheduleSink;
import pxlab.sim.SimConfig;
import pxlab.sim.SimResult;
import pxlab.sim.Simulator;
import pxlab.sim.Workload;

/**
 * {@code pxlab simulate}: runs a scenario file through the scheduler model under each policy.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a scenario file (YAML or JSON) through the scheduler model and compare policies.",
        footer = {"", "Exit codes: 0 success, 2 bad input or usage, 3 a lock cycle (deadlock) was found."})
final class SimulateCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
    Path file;

    @Mixin
    ModelOptions model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text | json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ReportOutput output;

    @Option(names = "--schedule", paramLabel = "FILE",
            description = "Also write every CPU's intervals as CSV: policy,cpu,start_ns,end_ns,task,donor.")
    Path schedule;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Every option is checked before the scenario is read.
        List<Policy> policies = model.policies();
        OptionalInt cpus = model.cpuCount();
        Optional<ProxyConfig> preset = model.proxyConfig();
        Scenario scenario = load();
        Workload workload = scenario.workload();
        if (cpus.isPresent()) workload = workload.withCpus(cpus.getAsInt());
        SimConfig config = preset.map(scenario.config()::withProxy).orElse(scenario.config());
        List<SimResult> results = new ArrayList<>();
        try (Writer scheduleOut = schedule == null ? null : ReportOutput.open(schedule, "--schedule")) {
            ScheduleCsv csv = scheduleOut == null ? null : new ScheduleCsv(scheduleOut);
            for (Policy p : policies) {
                ScheduleSink sink = csv == null ? ScheduleSink.NONE : csv.sink(p.key());
                try {
                    results.add(Simulator.run(workload, config, p, sink));
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(scenario.source() + ": " + e.getMessage());
                } catch (UncheckedIOException e) {
                    throw new UserInputException("--schedule " + schedule + ": " + e.getCause().getMessage());
                }
            }
        }
        Simulation sim = new Simulation(scenario.source(), workload.cpus(), config, results);
        output.write(spec, out -> {
            if (format == Format.json) SimulationJson.write(sim, out);
            else SimulationText.write(sim, out);
        });
        boolean deadlock = results.stream().anyMatch(r -> r.deadlock() != null);
        if (deadlock) {
            for (SimResult r : results) {
                if (r.deadlock() != null)
                    spec.commandLine().getErr().println("pxlab: " + scenario.source() + ": deadlock under "
                            + r.policy().key() + ": " + r.deadlock().describe());
            }
            return Main.DEADLOCK;
        }
        return Main.OK;
    }

    private Scenario load() {
        try {
            return ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
