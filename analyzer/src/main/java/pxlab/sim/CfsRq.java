package pxlab.sim;

/** Placeholder; replaced by the fair run queue. */
final class CfsRq {
}
