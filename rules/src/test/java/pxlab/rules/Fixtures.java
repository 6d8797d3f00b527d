package pxlab.rules;

import static pxlab.trace.TraceFixture.ms;

import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import pxlab.jfr.CpuInformationEvent;
import pxlab.trace.Trace;
import pxlab.trace.TraceFixture;

/**
 * Traces built by hand for the rules' unit tests, where a real JVM cannot be made to give the case every time (the
 * replay's outcome depends on how the recorded run was scheduled), and a rule's evaluation on them.
 */
final class Fixtures {

    /** The lock of every fixture. */
    static final long LOCK = 42;

    private Fixtures() {
    }

    /**
     * {@link TraceFixture#preemptedOwner}, the analyzer's ReplayTest's: a nice-0 waiter behind a nice-19 owner that a
     * nice-0 hog keeps off the one CPU. The replay gives the waiter most of its wait under none and little under
     * proxy.
     */
    static Trace preemptedOwner() {
        return TraceFixture.preemptedOwner(LOCK, 600);
    }

    /**
     * The same inversion with nothing else recorded: no hold, no CPU time, two CPUs. The owner has nothing to run in
     * the replay, so under none the waiter does not wait at all.
     */
    static Trace inversionTheReplayDoesNotReproduce() {
        TraceFixture f = new TraceFixture().nice("owner", 19).nice("waiter", 0)
                .waitFor("waiter", "owner", LOCK, 100, 900, 10, 790);
        f.builder().cpuInformation(new CpuInformationEvent(ms(0), 2));
        return f.build();
    }

    /** Two threads of equal priority, each waiting for the lock the other holds until it gives up: a deadlock. */
    static Trace deadlock() {
        return new TraceFixture().nice("a", 0).nice("b", 0)
                .waitFor("a", "b", 1, 10, 50, 0, 0, false)
                .waitFor("b", "a", 2, 12, 50, 0, 0, false)
                .build();
    }

    /** Evaluates a rule with its default preferences on a trace, as JMC would on a recording that gave it. */
    static IResult evaluate(PxlabRule rule, Trace trace) {
        return rule.evaluate(new LockModel(trace, true), IPreferenceValueProvider.DEFAULT_VALUES);
    }
}
