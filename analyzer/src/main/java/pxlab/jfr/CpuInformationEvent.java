package pxlab.jfr;

/**
 * One {@code jdk.CPUInformation} event.
 *
 * @param timeNs    When it was recorded (the start of a chunk), epoch nanoseconds.
 * @param hwThreads The machine's hardware threads: the CPUs the kernel schedules on.
 */
public record CpuInformationEvent(long timeNs, int hwThreads) {
}
