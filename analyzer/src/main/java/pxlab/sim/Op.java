package pxlab.sim;

import java.util.List;
import java.util.Objects;

/**
 * One step of a task's program. Programs are immutable trees; {@link Repeat} nests steps.
 */
public sealed interface Op {

    /**
     * Needs the CPU for {@code ns} nanoseconds of execution.
     *
     * @param ns The CPU demand, at least 0.
     */
    record Run(long ns) implements Op {
        public Run {
            if (ns < 0) throw new IllegalArgumentException("negative run time " + ns);
        }
    }

    /**
     * Leaves the CPU for {@code ns} nanoseconds of wall time (a timer wakes the task).
     *
     * @param ns The sleep time, at least 0.
     */
    record Sleep(long ns) implements Op {
        public Sleep {
            if (ns < 0) throw new IllegalArgumentException("negative sleep time " + ns);
        }
    }

    /**
     * Leaves the CPU until the model's clock reads {@code atNs}, like {@code clock_nanosleep} with
     * {@code TIMER_ABSTIME}; a time already past does not sleep. A replayed thread keeps to its recorded timeline
     * with it: one that fell behind catches up instead of carrying the delay into everything after.
     *
     * @param atNs The wake-up time, nanoseconds from the start of the run, at least 0.
     */
    record SleepUntil(long atNs) implements Op {
        public SleepUntil {
            if (atNs < 0) throw new IllegalArgumentException("negative wake-up time " + atNs);
        }
    }

    /**
     * Acquires a lock, waiting as the lock mode and policy say.
     *
     * @param lock The lock's name.
     */
    record Lock(String lock) implements Op {
        public Lock {
            Objects.requireNonNull(lock);
        }
    }

    /**
     * Releases a lock the task holds.
     *
     * @param lock The lock's name.
     */
    record Unlock(String lock) implements Op {
        public Unlock {
            Objects.requireNonNull(lock);
        }
    }

    /**
     * Marks the beginning or the end of a named request; the time between the two is a request latency.
     *
     * @param begin {@code true} for {@code mark: begin NAME}, {@code false} for {@code mark: end NAME}.
     * @param name  The request's name.
     */
    record Mark(boolean begin, String name) implements Op {
        public Mark {
            Objects.requireNonNull(name);
        }
    }

    /**
     * Runs {@code steps} {@code count} times.
     *
     * @param count How often, at least 0.
     * @param steps The nested steps.
     */
    record Repeat(long count, List<Op> steps) implements Op {
        public Repeat {
            if (count < 0) throw new IllegalArgumentException("negative repeat count " + count);
            steps = List.copyOf(steps);
        }
    }
}
