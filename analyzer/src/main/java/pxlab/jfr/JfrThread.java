package pxlab.jfr;

/**
 * A thread as one event names it. JFR may leave out either id: a thread that ended before its chunk was written
 * can lose its Java id, and threads the JVM did not start (or virtual threads) have no OS id of their own.
 *
 * @param javaId   The Java thread id ({@code Thread.getId()}), or -1 when the recording does not say.
 * @param osId     The Linux thread id, or -1 when unknown; never set for virtual threads, whose OS thread is a
 *                 carrier shared with others.
 * @param javaName The Java name, or {@code null}.
 * @param osName   The OS name (for Java threads JFR writes the Java name here too), or {@code null}.
 * @param virtual  Whether the thread is a virtual thread.
 */
public record JfrThread(long javaId, long osId, String javaName, String osName, boolean virtual) {

    public JfrThread {
        if (javaId <= 0) javaId = -1;
        if (osId <= 0 || virtual) osId = -1;
    }

    /**
     * Creates a reference to a thread known only by its OS id and OS name, as {@code pxlab.ThreadCpu} names the
     * threads the agent never saw in a lock wait.
     *
     * @param osId   The Linux thread id.
     * @param osName The kernel's name for it ({@code comm}), or {@code null}.
     * @return A new reference without a Java id.
     */
    public static JfrThread ofOs(long osId, String osName) {
        return new JfrThread(-1, osId, null, osName, false);
    }

    /**
     * Returns whether the reference carries any id at all.
     *
     * @return {@code true} when a Java or an OS id is known.
     */
    public boolean identified() {
        return javaId > 0 || osId > 0;
    }
}
