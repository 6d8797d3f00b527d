/**
 * Reading JFR recordings: the one place that knows {@code jdk.jfr.consumer}.
 *
 * <p>{@link pxlab.jfr.RecordingReader#read} streams a {@code .jfr} file into an {@link pxlab.jfr.EventSink}, one
 * record per event type ({@link pxlab.jfr.LockWaitEvent}, {@link pxlab.jfr.MonitorEnterEvent}, ...), with every
 * time already in nanoseconds. {@link pxlab.jfr.PxlabEvents} names every event type and field read, so the event
 * contract (docs/EVENTS.md) is written down in one place. A file that cannot be read becomes a
 * {@link pxlab.jfr.RecordingException} with one line that says why.
 *
 * <p>Most callers want {@link pxlab.trace.Trace#read}, which puts a {@link pxlab.trace.TraceBuilder} behind the
 * reader.
 */
package pxlab.jfr;
