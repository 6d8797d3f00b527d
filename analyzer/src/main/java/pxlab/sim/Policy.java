package pxlab.sim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the scheduler does for a task that blocks on a lock held by another task. Each policy is one strategy: its
 * constant says, in one place, what happens when a waiter blocks, when a task acquires a lock and when it releases
 * one, and which lock mode is in force. {@link Locking} calls these hooks and holds no policy test of its own.
 *
 * <p>The constants are declared in report order: none, inherit, proxy.
 */
public enum Policy {

    /** Blocked waiters leave the run queue and nobody inherits anything. */
    NONE {
        @Override
        void blocked(Simulator sim, Runqueue rq, Task p, Lock l) {
            sim.deactivateTask(rq, p);
        }

        @Override
        void acquired(Simulator sim, Task p, Lock l) {
        }

        @Override
        Task released(Simulator sim, Task p, Lock l) {
            return null;
        }
    },

    /** rt_mutex priority inheritance: an owner runs at its top RT waiter's priority; fair weights are not inherited. */
    INHERIT {
        @Override
        void blocked(Simulator sim, Runqueue rq, Task p, Lock l) {
            sim.deactivateTask(rq, p);
            // The new waiter may outrank the owner: rt_mutex_adjust_prio_chain() from the owner on.
            if (l.owner != null) sim.pi.adjustPrio(l.owner);
        }

        @Override
        void acquired(Simulator sim, Task p, Lock l) {
            // The waiters left on the lock now boost their new owner.
            if (!l.waiters.isEmpty()) sim.pi.adjustPrio(p);
        }

        @Override
        Task released(Simulator sim, Task p, Lock l) {
            sim.pi.adjustPrio(p);   // the lock's waiters no longer boost the releaser (rt_mutex_setprio() back)
            return null;
        }
    },

    /** Proxy execution: blocked waiters stay queued as donors and run the owner with their scheduling context. */
    PROXY {
        @Override
        void blocked(Simulator sim, Runqueue rq, Task p, Lock l) {
            // The waiter stays queued as a donor for the owner: no try_to_block_task().
        }

        @Override
        void acquired(Simulator sim, Task p, Lock l) {
        }

        @Override
        Task released(Simulator sim, Task p, Lock l) {
            return sim.proxy.handoffDonor(p, l);
        }

        @Override
        LockMode lockMode(SimConfig config) {
            LockMode override = config.proxy().lockMode();
            return override != null ? override : config.lockMode();
        }
    };

    /**
     * Takes a task that just blocked on a lock off its CPU, or not, as the policy says. The task is already on the
     * lock's wait list with {@code blocked_on} set; the caller reschedules the CPU afterwards.
     *
     * @param sim The model.
     * @param rq  The CPU the task ran on.
     * @param p   The task, now blocked.
     * @param l   The lock it waits for.
     */
    abstract void blocked(Simulator sim, Runqueue rq, Task p, Lock l);

    /**
     * Reacts to a task taking a lock, whether it was free or handed over.
     *
     * @param sim The model.
     * @param p   The new owner.
     * @param l   The lock, now held by {@code p} and with {@code p} off its wait list.
     */
    abstract void acquired(Simulator sim, Task p, Lock l);

    /**
     * Reacts to an owner releasing a lock, and names the waiter the policy hands it to.
     *
     * @param sim The model.
     * @param p   The former owner.
     * @param l   The lock, free and no longer in {@code p}'s held list.
     * @return The waiter to hand the lock to, or {@code null} to let the lock mode choose.
     */
    abstract Task released(Simulator sim, Task p, Lock l);

    /**
     * Returns how contended locks are taken under this policy: {@link SimConfig#lockMode()}, unless the policy
     * overrides it, as only {@link #PROXY} does. This is the one place the lock mode is resolved.
     *
     * @param config The model settings.
     * @return The lock mode in force.
     */
    LockMode lockMode(SimConfig config) {
        return config.lockMode();
    }

    /**
     * Returns the name used on the command line and in reports.
     *
     * @return The lower-case name, e.g. {@code proxy}.
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the policy of a name.
     *
     * @param key A name as {@link #key()} gives it: lower case.
     * @return The policy, or empty when no policy has that name.
     */
    public static Optional<Policy> ofKey(String key) {
        for (Policy p : values()) {
            if (p.key().equals(key)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * Returns policies' names as a person reads them in a sentence.
     *
     * @param policies The policies.
     * @return Their names joined by commas, e.g. {@code none, proxy}.
     */
    public static String keys(List<Policy> policies) {
        return policies.stream().map(Policy::key).collect(Collectors.joining(", "));
    }
}
