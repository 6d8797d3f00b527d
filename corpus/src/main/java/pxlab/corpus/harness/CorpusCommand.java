package pxlab.corpus.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pxlab.cli.Main;
import pxlab.cli.Subcommand;
import pxlab.cli.UserInputException;
import pxlab.corpus.workload.Knobs;
import pxlab.corpus.workload.Workload;
import pxlab.corpus.workload.Workloads;

/**
 * {@code pxlab corpus} (also {@code corpus/run}): runs every workload of the ground-truth corpus under the agent on
 * each installed JDK, idle and under a background load, analyses each recording and scores it against the truth the
 * workload logged; prints one table and writes it as markdown and JSON (docs/TRUTH.md).
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Score pxlab against workloads that log their own lock acquisitions (docs/TRUTH.md).",
        footer = {"", "Examples:", "  corpus/run", "  corpus/run --workloads chain-of-three,convoy-32 --load idle",
                "  corpus/run --jdk /usr/lib/jvm/temurin-25-jdk-amd64 --duration 5s", "  corpus/run --list",
                "", "Exit codes: 0 scored (the goals are not asserted here), 1 internal error, 2 bad option."})
public final class CorpusCommand implements Subcommand, Callable<Integer> {

    @Option(names = "--jdk", paramLabel = "HOME", split = ",",
            description = "JDK homes to run on (default: this JVM's and each other version 17+ under /usr/lib/jvm).")
    List<Path> jdkHomes;

    @Option(names = "--load", paramLabel = "MODE", defaultValue = "both",
            description = "idle, loaded or both (default: ${DEFAULT-VALUE}).")
    String load;

    @Option(names = "--load-procs", paramLabel = "N", defaultValue = "0",
            description = "Busy loops for the loaded runs (default: 2 per CPU).")
    int loadProcs;

    @Option(names = "--workloads", paramLabel = "NAME", split = ",",
            description = "Workloads to run (default: all; see --list).")
    List<String> workloads;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "3s",
            description = "How long each workload runs (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for recordings, truths and the results (default: corpus/target/results under"
                    + " pxlab.home or the current directory).")
    Path out;

    @Option(names = "--agent", paramLabel = "JAR",
            description = "The agent jar (default: agent/target/pxlab-agent.jar under pxlab.home or the current"
                    + " directory).")
    Path agent;

    @Option(names = "--list", description = "List the workloads and what each plants, and exit.")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            for (Workload w : Workloads.all()) o.println(w.name() + ": " + w.summary());
            return Main.OK;
        }
        List<Workload> chosen = chosen();
        List<Jdk> jdks = jdks();
        List<String> loads = loads();
        long durationNs = durationNs();
        Path agentJar = agentJar();
        if (out == null) out = home().resolve("corpus/target/results");
        int procs = loadProcs > 0 ? loadProcs : 2 * Runtime.getRuntime().availableProcessors();
        Files.createDirectories(out);
        Instant started = Instant.now();
        List<RunResult> results = new ArrayList<>();
        int total = chosen.size() * jdks.size() * loads.size();
        for (String l : loads) {
            BackgroundLoad bg = l.equals("loaded") ? new BackgroundLoad(procs) : null;
            try {
                for (Jdk jdk : jdks) {
                    WorkloadRunner runner = new WorkloadRunner(agentJar, out.resolve("jdk" + jdk.feature() + "-" + l));
                    for (Workload w : chosen) {
                        RunResult r = runner.run(jdk, w.name(), l, durationNs);
                        results.add(r);
                        o.printf("[%d/%d] %s JDK %d %s (load %s): %s%n", results.size(), total, w.name(),
                                jdk.feature(), l, r.loadAvg(), brief(r));
                        o.flush();
                    }
                }
            } finally {
                if (bg != null) bg.close();   // the busy loops must not outlive the loaded runs
            }
        }
        results.sort(order(chosen));
        String table = ResultTable.markdown(results);
        o.println();
        o.print(table);
        Map<String, String> context = context(jdks, procs, durationNs, started);
        Files.writeString(out.resolve("corpus.md"), header(context) + table, StandardCharsets.UTF_8);
        try (OutputStream json = Files.newOutputStream(out.resolve("corpus.json"))) {
            ResultJson.write(json, context, results);
        }
        o.println();
        o.println("written: " + out.resolve("corpus.md") + ", " + out.resolve("corpus.json"));
        return Main.OK;
    }

    private static String brief(RunResult r) {
        if (r.status() != RunResult.Status.SCORED) return r.status().name().toLowerCase() + ": " + r.reason();
        Score s = r.score();
        return String.format("%d waits >=1ms, owner %s, attributes %s, %d false inversions, replay error %s",
                s.truthWaits(), ResultTable.percent(s.ownerRate()), ResultTable.percent(s.attributeRate()),
                s.falseInversions(), s.fidelityError() < 0 ? "-" : ResultTable.percent(s.fidelityError()));
    }

    /** Rows by workload (corpus order), then JDK, then idle before loaded. */
    private static Comparator<RunResult> order(List<Workload> chosen) {
        List<String> names = chosen.stream().map(Workload::name).toList();
        return Comparator.comparingInt((RunResult r) -> names.indexOf(r.workload()))
                .thenComparingInt(RunResult::jdk).thenComparing(RunResult::load);   // "idle" < "loaded"
    }

    private List<Workload> chosen() {
        if (workloads == null) return Workloads.all();
        List<Workload> picked = new ArrayList<>();
        for (String n : workloads) {
            picked.add(Workloads.named(n).orElseThrow(() -> new UserInputException("--workloads: no workload named "
                    + n + " (see --list)")));
        }
        return picked;
    }

    private List<Jdk> jdks() {
        if (jdkHomes == null) {
            List<Jdk> found = Jdk.installed();
            if (found.isEmpty()) throw new UserInputException("no JDK found; name one with --jdk");
            return found;
        }
        List<Jdk> list = new ArrayList<>();
        for (Path home : jdkHomes) {
            try {
                list.add(Jdk.at(home));
            } catch (IOException e) {
                throw new UserInputException("--jdk: " + e.getMessage());
            }
        }
        return list;
    }

    private List<String> loads() {
        switch (load) {
            case "idle": return List.of("idle");
            case "loaded": return List.of("loaded");
            case "both": return List.of("idle", "loaded");
            default: throw new UserInputException("--load " + load + ": want idle, loaded or both");
        }
    }

    private long durationNs() {
        try {
            return new Knobs(Knobs.parseNs(duration), -1, -1).durationNs();
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--duration: " + e.getMessage());
        }
    }

    private Path agentJar() {
        Path jar = agent != null ? agent : home().resolve("agent/target/pxlab-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new UserInputException("no agent jar at " + jar + "; build first: mvn -B -q -pl corpus -am package"
                    + " -DskipTests");
        }
        return jar.toAbsolutePath();
    }

    private static Path home() {
        return Path.of(System.getProperty("pxlab.home", "."));
    }

    private Map<String, String> context(List<Jdk> jdks, int procs, long durationNs, Instant started) {
        Map<String, String> c = new LinkedHashMap<>();
        // The parse result is this subcommand's; its original arguments start with the top-level ones.
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("corpus")) args.remove(0);
        c.put("command", String.join(" ", List.of("corpus/run", String.join(" ", args))).trim());
        c.put("started", started.toString());
        c.put("finished", Instant.now().toString());
        c.put("machine", Machine.describe());
        c.put("jdks", String.join(", ", jdks.stream().map(j -> j.version() + " (" + j.home() + ")").toList()));
        c.put("load", "idle: whatever else runs on the machine; loaded: also " + procs + " busy loops (sh) at nice 0");
        c.put("duration", (durationNs / 1_000_000) + " ms per workload");
        return c;
    }

    private static String header(Map<String, String> context) {
        StringBuilder b = new StringBuilder("# pxlab corpus results\n\n");
        for (Map.Entry<String, String> e : context.entrySet()) {
            b.append("- ").append(e.getKey()).append(": ").append(ResultTable.escape(e.getValue())).append('\n');
        }
        return b.append('\n').toString();
    }
}
