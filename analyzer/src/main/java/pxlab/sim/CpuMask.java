package pxlab.sim;

import java.util.BitSet;
import java.util.Collection;

/**
 * An immutable set of CPU numbers: a task's affinity ({@code cpus_mask}).
 */
public final class CpuMask {

    private final BitSet bits;

    private CpuMask(BitSet bits) {
        this.bits = bits;
    }

    /**
     * Creates a mask of the given CPUs.
     *
     * @param cpus The CPU numbers, each at least 0.
     * @return A mask holding exactly those CPUs.
     */
    public static CpuMask of(Collection<Integer> cpus) {
        BitSet bits = new BitSet();
        for (int cpu : cpus) {
            if (cpu < 0) throw new IllegalArgumentException("negative CPU " + cpu);
            bits.set(cpu);
        }
        return new CpuMask(bits);
    }

    /**
     * Creates a mask of CPUs {@code 0..n-1}.
     *
     * @param n The number of CPUs.
     * @return A mask of all {@code n} CPUs.
     */
    public static CpuMask all(int n) {
        BitSet bits = new BitSet(n);
        bits.set(0, n);
        return new CpuMask(bits);
    }

    /**
     * Returns whether the mask holds a CPU.
     *
     * @param cpu The CPU number.
     * @return {@code true} if the task may run on {@code cpu}.
     */
    public boolean contains(int cpu) {
        return cpu >= 0 && bits.get(cpu);
    }

    /**
     * Returns the lowest CPU in the mask, or -1 when it is empty.
     *
     * @return The lowest CPU number, or -1.
     */
    public int first() {
        return bits.nextSetBit(0);
    }

    /**
     * Returns the next CPU in the mask at or after {@code from}, or -1.
     *
     * @param from The CPU to start from.
     * @return The next CPU number, or -1 when there is none.
     */
    public int next(int from) {
        return bits.nextSetBit(from);
    }

    /**
     * Returns the highest CPU number in the mask plus one, or 0 when it is empty.
     *
     * @return The length of the mask.
     */
    public int length() {
        return bits.length();
    }

    /**
     * Returns the number of CPUs in the mask.
     *
     * @return The cardinality.
     */
    public int count() {
        return bits.cardinality();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuMask m && m.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return bits.toString();
    }
}
