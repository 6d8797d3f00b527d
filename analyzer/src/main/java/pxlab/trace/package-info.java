/**
 * The trace model: what one recording says about threads and locks, immutable and sorted.
 *
 * <p>{@link pxlab.trace.Trace#read} reads a recording; {@link pxlab.trace.Trace} holds its
 * {@link pxlab.trace.Wait}s, {@link pxlab.trace.Hold}s, {@link pxlab.trace.Request}s and one
 * {@link pxlab.trace.ThreadTimeline} per thread (scheduling attributes, CPU accounting, sleeps, samples).
 * {@link pxlab.trace.Coverage} says what the recording lacks, in sentences a report can print.
 *
 * <p>Rules the whole model follows:
 * <ul>
 *   <li>Times are {@code long} nanoseconds since the epoch; durations are {@code long} nanoseconds; an unknown
 *       time is {@link pxlab.trace.Wait#UNKNOWN}.</li>
 *   <li>Where the agent and the JDK describe the same wait, the trace keeps one, the agent's.</li>
 *   <li>Without the agent, waits come from {@code jdk.JavaMonitorEnter} (owner: the monitor's last owner) and
 *       {@code jdk.ThreadPark} on {@code java.util.concurrent} locks (owner unknown);
 *       {@link pxlab.trace.Wait#source()} says which.</li>
 *   <li>Thread names are unique and follow {@link pxlab.trace.TraceThread}'s rule, a contract for JSON
 *       output.</li>
 * </ul>
 */
package pxlab.trace;
