package pxlab.jfr;

/** An event that lasts: a wait, a hold, a sleep, a request. */
public interface Span {

    /** @return When it began, epoch nanoseconds. */
    long startNs();

    /** @return When it ended, epoch nanoseconds. */
    long endNs();
}
