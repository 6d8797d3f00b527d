package pxlab.scenario;

/**
 * A mistake in a scenario file, located by file, line and key, with a message that says what is wrong.
 *
 * <p>{@link #getMessage()} renders one line, {@code FILE:LINE: KEY: what is wrong}, leaving out the parts that are
 * unknown. Users see that line and nothing else, so the reason must be complete on its own.
 */
public class ScenarioException extends Exception {

    private final String file;
    private final int line;
    private final String key;
    private final String reason;

    /**
     * Creates an exception for a located mistake.
     *
     * @param file   The file's name as the user gave it, or {@code null} if unknown.
     * @param line   The 1-based line, or 0 if unknown.
     * @param key    The key path such as {@code tasks[2].program[1].lock}, or {@code null} if none applies.
     * @param reason What is wrong, as a short sentence without a trailing period.
     */
    public ScenarioException(String file, int line, String key, String reason) {
        this(file, line, key, reason, null);
    }

    /**
     * Creates an exception for a located mistake that another exception revealed.
     *
     * @param file   The file's name, or {@code null} if unknown.
     * @param line   The 1-based line, or 0 if unknown.
     * @param key    The key path, or {@code null} if none applies.
     * @param reason What is wrong.
     * @param cause  The underlying exception, or {@code null}.
     */
    public ScenarioException(String file, int line, String key, String reason, Throwable cause) {
        super(reason, cause);
        this.file = file;
        this.line = Math.max(line, 0);
        this.key = key == null || key.isEmpty() ? null : key;
        this.reason = reason;
    }

    /**
     * Returns the file's name.
     *
     * @return The name, or {@code null} if unknown.
     */
    public String file() {
        return file;
    }

    /**
     * Returns the 1-based line of the mistake.
     *
     * @return The line, or 0 if unknown.
     */
    public int line() {
        return line;
    }

    /**
     * Returns the key path of the mistake, such as {@code tasks[2].program[1].lock}.
     *
     * @return The key path, or {@code null} if none applies.
     */
    public String key() {
        return key;
    }

    /**
     * Returns what is wrong, without the location.
     *
     * @return The reason.
     */
    public String reason() {
        return reason;
    }

    /**
     * Renders the mistake as one line: {@code FILE:LINE: KEY: what is wrong}, leaving out unknown parts.
     *
     * @return The one-line message.
     */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file);
        if (line > 0) sb.append(file != null ? ":" : "line ").append(line);
        if (!sb.isEmpty()) sb.append(": ");
        if (key != null) sb.append(key).append(": ");
        return sb.append(reason).toString();
    }
}
