package pxlab.sim;

import java.util.Locale;

/**
 * A task's scheduling policy, as set with {@code sched_setattr(2)}.
 */
public enum SchedPolicy {
    /** {@code SCHED_NORMAL}: EEVDF with the weight of its nice value. */
    FAIR,
    /** {@code SCHED_BATCH}: EEVDF, but never preempts another task on wakeup. */
    BATCH,
    /** {@code SCHED_IDLE}: EEVDF with the minimal weight 3, whatever the nice value. */
    IDLE,
    /** {@code SCHED_FIFO}: real-time, runs until it blocks or a higher priority preempts it. */
    FIFO,
    /** {@code SCHED_RR}: real-time, round robin among equal priorities with a quantum. */
    RR;

    /**
     * Returns whether this policy belongs to the real-time class.
     *
     * @return {@code true} for {@link #FIFO} and {@link #RR}.
     */
    public boolean isRt() {
        return this == FIFO || this == RR;
    }

    /**
     * Returns whether this policy belongs to the fair class.
     *
     * @return {@code true} for {@link #FAIR}, {@link #BATCH} and {@link #IDLE}.
     */
    public boolean isFair() {
        return !isRt();
    }

    /**
     * Returns the name used in scenario files.
     *
     * @return The lower-case name, e.g. {@code fifo}.
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
