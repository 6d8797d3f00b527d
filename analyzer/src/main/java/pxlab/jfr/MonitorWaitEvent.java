package pxlab.jfr;

/**
 * One {@code jdk.JavaMonitorWait} event: the event thread was in {@code Object.wait()}.
 *
 * @param startNs      When the wait began, epoch nanoseconds.
 * @param endNs        When it returned.
 * @param thread       The waiting thread.
 * @param monitorClass The monitor object's class name, or {@code null}.
 */
public record MonitorWaitEvent(long startNs, long endNs, JfrThread thread, String monitorClass) implements Span {
}
