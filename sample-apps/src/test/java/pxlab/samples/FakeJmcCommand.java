package pxlab.samples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import pxlab.cli.Subcommand;

/**
 * Stands in for the rules module's {@code pxlab jmc} on the test class path, so {@link DemoIT} can check how the
 * demo calls it. It echoes what it was given.
 */
@Command(name = "jmc")
public final class FakeJmcCommand implements Subcommand, Callable<Integer> {

    @Parameters(index = "0")
    String file;

    @Option(names = "--format")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("fake jmc " + file + " --format " + format);
        return 0;
    }
}
