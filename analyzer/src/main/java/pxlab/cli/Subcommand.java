package pxlab.cli;

/**
 * A {@code pxlab} subcommand contributed by another module ({@code pxlab jmc} from the rules, {@code pxlab demo}
 * from the sample apps). An implementation is a picocli {@code @Command} class with a public no-argument
 * constructor, listed in {@code META-INF/services/pxlab.cli.Subcommand}; {@link Main} adds every one it finds on
 * the class path. It reports bad input by throwing {@link UserInputException}, like the built-in commands.
 */
public interface Subcommand {
}
