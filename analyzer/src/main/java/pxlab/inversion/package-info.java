/**
 * Inversion classification (DESIGN §4): what each wait's owner did, whether the wait is a priority inversion, and
 * whether proxy execution would have shortened it.
 *
 * <p>{@link pxlab.inversion.InversionFinder#find} takes a {@link pxlab.trace.Trace} and returns
 * {@link pxlab.inversion.Inversions}: every wait as a {@link pxlab.inversion.ClassifiedWait} (its
 * {@link pxlab.inversion.WaitClass}, the {@link pxlab.inversion.Evidence} it rests on, both threads'
 * {@link pxlab.inversion.SchedContext}s, the chain behind a blocked owner), the same waits grouped by lock, by
 * waiter/owner pair and by stack, and the sentences that say what the recording could not show.
 */
package pxlab.inversion;
