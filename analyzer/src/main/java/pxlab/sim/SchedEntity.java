package pxlab.sim;

/**
 * A fair-class scheduling entity ({@code struct sched_entity}): a task, or a group's share of one CPU.
 *
 * <p>{@code vruntime}, {@code deadline}, {@code vlag} and {@code vprot} are virtual nanoseconds: wall nanoseconds
 * scaled by {@code 1024 / weight}. The tree fields belong to {@link EntityTree}.
 */
final class SchedEntity {

    /** The task this entity schedules, or {@code null} for a group entity. */
    final Task task;
    /** For a group entity: the group's run queue on this entity's CPU ({@code se->my_q}); else {@code null}. */
    final CfsRq myQ;
    /** Breaks ties between equal deadlines: declaration order, so runs are deterministic. */
    final int seq;

    /** The run queue this entity is queued on, or was last queued on ({@code cfs_rq_of(se)}). */
    CfsRq cfsRq;
    /** Load weight from {@code sched_prio_to_weight}, or the group's share for a group entity. */
    long weight;
    long vruntime;
    long deadline;
    /** Lag saved at dequeue, restored by {@code placeEntity()} ({@code se->vlag}). */
    long vlag;
    /** Request size in wall nanoseconds ({@code se->slice}). */
    long sliceNs;
    /** RUN_TO_PARITY: the entity keeps the CPU against equal-slice wakeups until its vruntime reaches this. */
    long vprot;
    /** Whether the entity is accounted in its run queue ({@code se->on_rq}); the running entity is, but is not in the tree. */
    boolean onRq;

    // EntityTree links and augmentation: minVruntime is the least vruntime in the subtree rooted here.
    SchedEntity left;
    SchedEntity right;
    int height;
    long minVruntime;

    SchedEntity(Task task, CfsRq myQ, int seq) {
        this.task = task;
        this.myQ = myQ;
        this.seq = seq;
    }

    /**
     * Returns whether this entity orders before another in the tree: earlier deadline, then lower seq.
     *
     * @param other The other entity.
     * @return {@code true} if this entity comes first.
     */
    boolean before(SchedEntity other) {
        if (deadline != other.deadline) return deadline < other.deadline;
        return seq < other.seq;
    }

    @Override
    public String toString() {
        return (task != null ? task.name : "group:" + myQ) + "{v=" + vruntime + ",d=" + deadline + ",w=" + weight + "}";
    }
}
