/**
 * The event contract between the agent and the analyzer: one record per event type read
 * ({@link pxlab.jfr.LockWaitEvent}, {@link pxlab.jfr.MonitorEnterEvent}, ...) with every time in nanoseconds, the
 * {@link pxlab.jfr.EventSink} that receives them, and the one mapping from any parser's events to those records
 * ({@link pxlab.jfr.EventDecoder} over an {@link pxlab.jfr.EventView}). {@link pxlab.jfr.PxlabEvents} names every
 * event type and field read, so the contract (docs/EVENTS.md) is written down in one place.
 *
 * <p>Parsers live elsewhere and implement {@link pxlab.jfr.EventView}: pxlab's own chunk parser and the JDK's
 * fallback in {@link pxlab.jfr.chunk}, JMC's items in the rules. Most callers want
 * {@link pxlab.analysis.Analyzer}, or {@link pxlab.trace.Trace#read} for the trace alone.
 */
package pxlab.jfr;
