package pxlab.jfr;

import java.util.Locale;

/**
 * A recording that cannot be read, with one line that says why.
 *
 * <p>{@link #getMessage()} is {@code FILE: reason}, complete on its own: the command line prints it and nothing
 * else. {@link #problem()} tells callers and tests which case it is without parsing the text.
 */
public class RecordingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /** There is no file at that path. */
        MISSING,
        /** The path exists but is not a readable regular file (a directory, no permission). */
        UNREADABLE,
        /** The file has no bytes. */
        EMPTY,
        /** The file does not start with JFR's magic bytes. */
        NOT_JFR,
        /** A chunk declares more bytes than the file holds: the recording was cut off. */
        TRUNCATED,
        /** The headers are sound but the contents cannot be parsed. */
        DAMAGED;

        /**
         * Returns the lower-case name, for messages and JSON.
         *
         * @return e.g. {@code not_jfr}.
         */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String file;
    private final Problem problem;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param file    The file's name as the user gave it.
     * @param problem Which case this is.
     * @param reason  What is wrong, a short phrase without a trailing period. Line breaks and other control
     *                characters in it, or in the name, are written as escapes ({@code \n}): a reason may quote
     *                bytes of a damaged file, and the message stays one line.
     * @param cause   The underlying exception, or {@code null}.
     */
    public RecordingException(String file, Problem problem, String reason, Throwable cause) {
        super(oneLine(reason), cause);
        this.file = file;
        this.problem = problem;
        this.reason = oneLine(reason);
    }

    private static String oneLine(String s) {
        if (s == null || s.chars().noneMatch(Character::isISOControl)) return s;
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (Character.isISOControl(c)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Returns the file's name as the user gave it.
     *
     * @return The name.
     */
    public String file() {
        return file;
    }

    /**
     * Returns which case this is.
     *
     * @return The problem.
     */
    public Problem problem() {
        return problem;
    }

    /**
     * Returns what is wrong, without the file name.
     *
     * @return The reason.
     */
    public String reason() {
        return reason;
    }

    /**
     * Renders the problem as one line: {@code FILE: reason}.
     *
     * @return The message.
     */
    @Override
    public String getMessage() {
        return oneLine(file) + ": " + reason;
    }
}
