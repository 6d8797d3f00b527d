package pxlab.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What a recording holds and what it lacks, and the plain sentences a report prints about the gaps.
 *
 * @param agent             Whether the pxlab agent was loaded (its event types are declared).
 * @param holdEvents        Whether the recording can hold {@code pxlab.LockHold} events (the agent is new enough).
 * @param pxlabWaits        Waits from {@code pxlab.LockWait}.
 * @param monitorEnterWaits Waits from {@code jdk.JavaMonitorEnter} that no pxlab wait already described.
 * @param parkWaits         Waits from {@code jdk.ThreadPark} on locks that no pxlab wait already described.
 * @param duplicatesDropped JDK waits dropped because a pxlab wait described the same wait.
 * @param recorderWaits     Waits left out because the code that waited was JFR's or the agent's own.
 * @param schedEvents       {@code pxlab.ThreadSched} events.
 * @param threadCpuEvents   {@code pxlab.ThreadCpu} events.
 * @param executionSamples  {@code jdk.ExecutionSample} events.
 * @param sleepEvents       Sleeps, {@code Object.wait}s and non-lock parks.
 * @param cpuInformation    Whether a {@code jdk.CPUInformation} event gave the CPU count.
 * @param limitations       What the gaps mean, one sentence each, in a fixed order; empty for a complete recording.
 */
public record Coverage(boolean agent, boolean holdEvents, int pxlabWaits, int monitorEnterWaits, int parkWaits,
                       int duplicatesDropped, int recorderWaits, int schedEvents, int threadCpuEvents,
                       int executionSamples, int sleepEvents, boolean cpuInformation, List<String> limitations) {

    /** Printed when the agent was not loaded. */
    public static final String NO_AGENT = "Recorded without the pxlab agent: lock waits come from"
            + " jdk.JavaMonitorEnter, whose owner is the monitor's last owner (not necessarily the thread that held"
            + " it when the wait began), and from jdk.ThreadPark, whose owner is unknown.";
    /** Printed when the agent was not loaded: no owner charges. */
    public static final String NO_OWNER_CHARGES = "Without the agent nothing measures what an owner did during a"
            + " wait (its CPU and run-queue time), so waits are classified from the owner's other events, a weaker"
            + " inference.";
    /** Printed when no thread's scheduling attributes were recorded. */
    public static final String NO_SCHED = "No pxlab.ThreadSched events: threads' policy, nice value and cgroup"
            + " weight are unknown, so whether a wait is a priority inversion cannot be decided.";
    /** Printed when the agent predates hold events. */
    public static final String NO_HOLDS = "No pxlab.LockHold events (the agent predates them): how long owners"
            + " held contended locks is not known.";
    /** Printed when the agent was loaded but its periodic CPU events are missing. */
    public static final String NO_THREAD_CPU = "No pxlab.ThreadCpu events: threads that never touched a lock,"
            + " such as the CPU hogs that preempt an owner, have no CPU or run-queue totals.";
    /** Printed without the agent when no execution samples were recorded. */
    public static final String NO_EXECUTION_SAMPLES = "No jdk.ExecutionSample events: without the agent, an owner"
            + " that was running cannot be told from one that was off CPU.";
    /** Printed without the agent when no sleeps were recorded. */
    public static final String NO_SLEEPS = "No jdk.ThreadSleep, jdk.JavaMonitorWait or non-lock jdk.ThreadPark"
            + " events: without the agent, a sleeping owner cannot be recognised.";
    /** Printed, with the count, when waits inside the recorder were left out. */
    public static final String RECORDER_WAITS = "%d lock waits inside JFR or the pxlab agent themselves were left"
            + " out: they are the recording's own cost, not the application's contention.";
    /** Printed when the CPU count is unknown. */
    public static final String NO_CPU_INFORMATION = "No jdk.CPUInformation event: the recording machine's CPU"
            + " count is unknown.";

    public Coverage {
        limitations = List.copyOf(limitations);
    }

    /**
     * Creates the coverage of a recording, deriving its limitations from the counts.
     *
     * @param agent             Whether the agent was loaded.
     * @param holdEvents        Whether {@code pxlab.LockHold} is declared.
     * @param pxlabWaits        Waits from the agent.
     * @param monitorEnterWaits Waits from {@code jdk.JavaMonitorEnter}, after merging.
     * @param parkWaits         Waits from {@code jdk.ThreadPark}, after merging.
     * @param duplicatesDropped JDK waits merged into pxlab ones.
     * @param recorderWaits     Waits left out as the recorder's own.
     * @param schedEvents       {@code pxlab.ThreadSched} events.
     * @param threadCpuEvents   {@code pxlab.ThreadCpu} events.
     * @param executionSamples  {@code jdk.ExecutionSample} events.
     * @param sleepEvents       Sleeps and non-lock parks.
     * @param cpuInformation    Whether the CPU count is known.
     * @return The coverage.
     */
    public static Coverage of(boolean agent, boolean holdEvents, int pxlabWaits, int monitorEnterWaits,
                              int parkWaits, int duplicatesDropped, int recorderWaits, int schedEvents,
                              int threadCpuEvents, int executionSamples, int sleepEvents,
                              boolean cpuInformation) {
        List<String> gaps = new ArrayList<>();
        int waits = pxlabWaits + monitorEnterWaits + parkWaits;
        if (!agent) {
            gaps.add(NO_AGENT);
            gaps.add(NO_OWNER_CHARGES);
        }
        if (waits > 0 && schedEvents == 0) gaps.add(NO_SCHED);
        if (agent && !holdEvents) gaps.add(NO_HOLDS);
        if (agent && threadCpuEvents == 0) gaps.add(NO_THREAD_CPU);
        if (!agent && waits > 0 && executionSamples == 0) gaps.add(NO_EXECUTION_SAMPLES);
        if (!agent && waits > 0 && sleepEvents == 0) gaps.add(NO_SLEEPS);
        if (recorderWaits > 0) gaps.add(String.format(RECORDER_WAITS, recorderWaits));
        if (!cpuInformation) gaps.add(NO_CPU_INFORMATION);
        return new Coverage(agent, holdEvents, pxlabWaits, monitorEnterWaits, parkWaits, duplicatesDropped,
                recorderWaits, schedEvents, threadCpuEvents, executionSamples, sleepEvents, cpuInformation, gaps);
    }
}
