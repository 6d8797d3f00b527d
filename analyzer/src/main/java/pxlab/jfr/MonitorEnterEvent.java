package pxlab.jfr;

import java.util.List;

/**
 * One {@code jdk.JavaMonitorEnter} event: the event thread waited to enter a {@code synchronized} block.
 *
 * @param startNs       When the wait began, epoch nanoseconds.
 * @param endNs         When the monitor was entered.
 * @param waiter        The waiting thread.
 * @param monitorClass  The monitor object's class name, or {@code null}.
 * @param address       The monitor object's address at the time, or 0.
 * @param previousOwner The monitor's last owner before the waiter entered, or {@code null}.
 * @param stack         The waiting code's top frames.
 * @param inRecorder    Whether the waiting code is JFR's or the agent's own, not the application's.
 */
public record MonitorEnterEvent(long startNs, long endNs, JfrThread waiter, String monitorClass, long address,
                                JfrThread previousOwner, List<String> stack, boolean inRecorder) implements Span {

    public MonitorEnterEvent {
        stack = List.copyOf(stack);
    }
}
