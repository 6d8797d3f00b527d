/**
 * The one analysis pipeline every front end shares (the command line, the JMC rules, the demo):
 * {@link pxlab.analysis.Analyzer#analyze} turns a recording, or a trace already built, into an
 * {@link pxlab.analysis.Analysis}, deciding inside how to read the file (whole, or chunk by chunk for large ones).
 * The renderers in {@link pxlab.report} draw every format from that one model.
 */
package pxlab.analysis;
