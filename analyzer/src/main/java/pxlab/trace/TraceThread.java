package pxlab.trace;

import java.util.Comparator;
import java.util.Objects;

/**
 * A thread of the recorded JVM, under the one name every output uses for it.
 *
 * <p>The name is the Java name, with {@code #<java thread id>} appended only when two threads of the recording
 * share that name ({@code #tid<os thread id>} for a thread without a Java id). Threads known only to the OS (those
 * the agent lists in {@code pxlab.ThreadCpu} without ever seeing them in a wait, and no JDK event names) go by
 * their kernel name, which is the Java name cut to 15 bytes. Names are unique within a trace; JSON reports key
 * threads by them, so this rule is a contract.
 *
 * @param name    The unique display name.
 * @param javaId  The Java thread id, or -1 when unknown.
 * @param osId    The Linux thread id, or -1 when unknown.
 * @param virtual Whether it is a virtual thread.
 */
public record TraceThread(String name, long javaId, long osId, boolean virtual) {

    /** Orders threads by name, then Java id, then OS id: the order of every thread listing. */
    public static final Comparator<TraceThread> ORDER = Comparator.comparing(TraceThread::name)
            .thenComparingLong(TraceThread::javaId).thenComparingLong(TraceThread::osId);

    public TraceThread {
        Objects.requireNonNull(name);
    }
}
