package pxlab.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteOrder;

/**
 * Tells, for the price of one load, whether entering an object's monitor can block: it reads the lock bits of
 * HotSpot's mark word. {@code 01} means unlocked and not inflated, so {@code monitorenter} will take the lock at once;
 * anything else (thin-locked by someone, or an inflated monitor) may mean a wait, which is then timed.
 *
 * <p>The bits are the low two of the mark word, the first word of every object, under every HotSpot locking mode
 * (legacy stack locking, lightweight locking, compact headers). On another VM, or when {@code jdk.internal.misc} cannot
 * be opened, {@link #AVAILABLE} is false and monitors are left uninstrumented.
 */
public final class MarkWord {

    private static final int LOCK_MASK = 0b11;
    private static final int UNLOCKED = 0b01;
    private static final int INFLATED = 0b10;
    /** {@code Unsafe.getByte(Object, long)} bound to the Unsafe instance; static final so the JIT inlines it. */
    private static final MethodHandle GET_BYTE = getByte();
    /** Whether the lock bits can be read. */
    public static final boolean AVAILABLE = GET_BYTE != null;

    private MarkWord() {
    }

    /**
     * Returns whether entering {@code o}'s monitor could block. Must not be called with {@code null}.
     *
     * @param o The object about to be locked.
     * @return {@code false} when the monitor is free and thin, so the entry is uncontended.
     */
    public static boolean mayBlock(Object o) {
        try {
            return (((byte) GET_BYTE.invokeExact(o, 0L)) & LOCK_MASK) != UNLOCKED;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Returns whether {@code o}'s monitor is inflated (an {@code ObjectMonitor}, as contention and {@code Object.wait}
     * make it): such a monitor is deflated only when nobody owns it.
     *
     * @param o An object, or {@code null}.
     * @return {@code true} when the lock bits say inflated; {@code false} for {@code null} and when they cannot be
     *         read.
     */
    public static boolean isInflated(Object o) {
        if (o == null) return false;   // Unsafe would read address 0
        try {
            return (((byte) GET_BYTE.invokeExact(o, 0L)) & LOCK_MASK) == INFLATED;
        } catch (Throwable t) {
            return false;
        }
    }

    private static MethodHandle getByte() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN || !isHotSpot()) return null;
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object instance = lookup.findStatic(unsafe, "getUnsafe", MethodType.methodType(unsafe)).invoke();
            return lookup.findVirtual(unsafe, "getByte", MethodType.methodType(byte.class, Object.class, long.class))
                    .bindTo(instance);
        } catch (Throwable t) {   // not exported to us, or not there: no monitor instrumentation
            return null;
        }
    }

    private static boolean isHotSpot() {
        String vm = System.getProperty("java.vm.name", "");
        return vm.contains("HotSpot") || vm.startsWith("OpenJDK");
    }
}
