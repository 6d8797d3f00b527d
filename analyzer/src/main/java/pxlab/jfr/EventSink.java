package pxlab.jfr;

/**
 * Receives a recording's events from {@link pxlab.jfr.chunk.RecordingReader}, one at a time, in file order (which is not time
 * order). Every method does nothing by default, so a sink implements only what it reads.
 *
 * <p><b>Note</b>: {@link #begin} comes first, exactly once; then the events; then {@link #end}, only when the
 * whole file was read. A sink must not keep the reader's objects beyond what the records hold: they are already
 * plain values.
 */
public interface EventSink {

    /**
     * Called before any event, with what the headers and metadata say.
     *
     * @param info The recording's span and declared event types.
     */
    default void begin(RecordingInfo info) {
    }

    /**
     * Receives one {@code pxlab.LockWait} event.
     *
     * @param e The event.
     */
    default void lockWait(LockWaitEvent e) {
    }

    /**
     * Receives one {@code pxlab.LockHold} event.
     *
     * @param e The event.
     */
    default void lockHold(LockHoldEvent e) {
    }

    /**
     * Receives one {@code pxlab.ThreadSched} event.
     *
     * @param e The event.
     */
    default void threadSched(ThreadSchedEvent e) {
    }

    /**
     * Receives one {@code pxlab.ThreadCpu} event.
     *
     * @param e The event.
     */
    default void threadCpu(ThreadCpuEvent e) {
    }

    /**
     * Receives one {@code pxlab.Request} event.
     *
     * @param e The event.
     */
    default void request(RequestEvent e) {
    }

    /**
     * Receives one {@code jdk.JavaMonitorEnter} event.
     *
     * @param e The event.
     */
    default void monitorEnter(MonitorEnterEvent e) {
    }

    /**
     * Receives one {@code jdk.JavaMonitorWait} event.
     *
     * @param e The event.
     */
    default void monitorWait(MonitorWaitEvent e) {
    }

    /**
     * Receives one {@code jdk.ThreadPark} event.
     *
     * @param e The event.
     */
    default void threadPark(ThreadParkEvent e) {
    }

    /**
     * Receives one {@code jdk.ThreadSleep} event.
     *
     * @param e The event.
     */
    default void threadSleep(ThreadSleepEvent e) {
    }

    /**
     * Receives one {@code jdk.ThreadStart} event.
     *
     * @param e The event.
     */
    default void threadStart(ThreadStartEvent e) {
    }

    /**
     * Receives one {@code jdk.ThreadEnd} event.
     *
     * @param e The event.
     */
    default void threadEnd(ThreadEndEvent e) {
    }

    /**
     * Receives one {@code jdk.ThreadCPULoad} event.
     *
     * @param e The event.
     */
    default void threadCpuLoad(ThreadCpuLoadEvent e) {
    }

    /**
     * Receives one {@code jdk.ExecutionSample} event.
     *
     * @param e The event.
     */
    default void executionSample(ExecutionSampleEvent e) {
    }

    /**
     * Receives one {@code jdk.CPUInformation} event.
     *
     * @param e The event.
     */
    default void cpuInformation(CpuInformationEvent e) {
    }

    /**
     * Receives one {@code jdk.VirtualThreadPinned} event.
     *
     * @param e The event.
     */
    default void virtualThreadPinned(VirtualThreadPinnedEvent e) {
    }

    /**
     * Called after the last event of a file that was read to its end.
     *
     * @param lastEventNs The latest end time of any event read, epoch nanoseconds, or -1 when there was none.
     */
    default void end(long lastEventNs) {
    }
}
