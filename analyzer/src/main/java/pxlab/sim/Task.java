package pxlab.sim;

/** Placeholder; replaced by the simulator's task state. */
final class Task {
    String name;
}
