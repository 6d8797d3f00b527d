package pxlab.cli;

/**
 * A problem with what the user gave us (a file, a value); the message is the one line they see, and the exit code is 2.
 */
public final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; subcommands from other modules throw it too.
     *
     * @param message The one line the user sees, after {@code pxlab: }.
     */
    public UserInputException(String message) {
        super(message, null, false, false);
    }
}
