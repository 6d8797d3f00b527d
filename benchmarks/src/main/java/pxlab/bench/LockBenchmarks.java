package pxlab.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lock-heavy code under three set-ups, each its own subclass so each gets its own JVM flags: no agent
 * ({@link NoAgent}), the pxlab agent recording ({@link WithAgent}), and JFR's built-in lock events at threshold 0
 * ({@link JfrOnly}). Run from the repository root (the agent path is relative): see docs/BENCHMARKS.md.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class LockBenchmarks {

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private long counter;

    /** An uncontended {@code synchronized} block on a private field's monitor: one thread. */
    @Benchmark
    @Group("uncontendedSynchronized")
    @GroupThreads(1)
    public long uncontendedSynchronized() {
        synchronized (monitor) {
            return ++counter;
        }
    }

    /** An uncontended {@code synchronized} method (the monitor of {@code this}): one thread. */
    @Benchmark
    @Group("uncontendedSynchronizedMethod")
    @GroupThreads(1)
    public synchronized long uncontendedSynchronizedMethod() {
        return ++counter;
    }

    /** An uncontended {@code ReentrantLock}: one thread. */
    @Benchmark
    @Group("uncontendedReentrantLock")
    @GroupThreads(1)
    public long uncontendedReentrantLock() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }

    /** Four threads on one {@code synchronized} block, the same work as {@link #contendedReentrantLock}. */
    @Benchmark
    @Group("contendedSynchronized")
    @GroupThreads(4)
    public void contendedSynchronized() {
        synchronized (monitor) {
            counter++;
            Blackhole.consumeCPU(50);
        }
        Blackhole.consumeCPU(100);
    }

    /** Four threads on one {@code ReentrantLock} with a little work inside and outside. */
    @Benchmark
    @Group("contendedReentrantLock")
    @GroupThreads(4)
    public void contendedReentrantLock() {
        lock.lock();
        try {
            counter++;
            Blackhole.consumeCPU(50);
        } finally {
            lock.unlock();
        }
        Blackhole.consumeCPU(100);
    }

    /** No agent, no recording. */
    @Fork(1)
    public static class NoAgent extends LockBenchmarks {
    }

    /**
     * The pxlab agent with its own recording (pxlab.jfc). Its monitor instrumentation is limited to these benchmarks,
     * so that the cost measured is that of the code under test and not of JMH's own harness.
     */
    @Fork(value = 1, jvmArgsAppend = "-javaagent:agent/target/pxlab-agent.jar=record=benchmarks/target/bench-agent.jfr,include=pxlab.bench.*")
    public static class WithAgent extends LockBenchmarks {
    }

    /** No agent; JFR's own jdk.JavaMonitorEnter and jdk.ThreadPark events at threshold 0. */
    @Fork(value = 1, jvmArgsAppend = "-XX:StartFlightRecording:filename=benchmarks/target/bench-jfr.jfr,settings=benchmarks/jfr-locks.jfc")
    public static class JfrOnly extends LockBenchmarks {
    }
}
