package pxlab.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pxlab} command line: {@code analyze}, {@code simulate} and {@code bench}, and the {@link Subcommand}s
 * other modules put on the class path. Exit codes: 0 success,
 * 1 internal error, 2 bad input or usage, 3 a deadlock found by {@code simulate} (docs/cli.md).
 */
@Command(name = "pxlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Priority inversion through locks, and what proxy execution would change.",
        subcommands = {AnalyzeCommand.class, SimulateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  pxlab analyze app.jfr",
                "  pxlab analyze app.jfr --format html -o report.html",
                "  pxlab simulate examples/inversion-1cpu.yaml",
                "  pxlab simulate examples/background-group.yaml --policy all --format json",
                "  pxlab simulate examples/sched-messaging.yaml --policy proxy --proxy-preset v6",
                "  pxlab simulate examples/rt-inherit.yaml --schedule schedule.csv",
                "  pxlab bench",
                "", "Exit codes: 0 success, 1 internal error, 2 bad input or usage, 3 deadlock found."})
public final class Main implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure inside pxlab (a bug). */
    public static final int INTERNAL = 1;
    /** Exit code for bad input or usage. */
    public static final int BAD_INPUT = 2;
    /** Exit code when a simulation found a lock cycle. */
    public static final int DEADLOCK = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line.
     *
     * @param args The arguments.
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams, for tests and embedding.
     *
     * @param args The arguments.
     * @param out  Standard output.
     * @param err  Standard error.
     * @return The exit code.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        addSubcommands(cl, err);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserInputException u) {
                cmd.getErr().println("pxlab: " + u.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("pxlab: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return INTERNAL;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("pxlab: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {   // an Error, so picocli's handler never sees it
            err.println("pxlab: out of memory (heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); give it more with PXLAB_JAVA_OPTS=-Xmx4g, or analyze a shorter recording");
            err.flush();
            return INTERNAL;
        }
    }

    /**
     * Adds the subcommands other modules put on the class path. A broken one (a stale jar in a module's
     * {@code target/cli}) costs its command, with one line saying so, not the whole command line.
     */
    private static void addSubcommands(CommandLine cl, PrintWriter err) {
        Iterator<Subcommand> found = ServiceLoader.load(Subcommand.class).iterator();
        while (true) {
            try {
                if (!found.hasNext()) return;
                cl.addSubcommand(found.next());
            } catch (ServiceConfigurationError | CommandLine.InitializationException e) {
                err.println("pxlab: a subcommand could not be loaded and is left out: " + e.getMessage());
            }
        }
    }

    /** Reads the version from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"pxlab " + (v == null ? "(development build)" : v)};
        }
    }
}
