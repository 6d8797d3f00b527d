package pxlab.corpus.truth;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Virtual threads for code compiled for Java 17: found by reflection, absent before JDK 21.
 */
public final class Threads {

    private static final MethodHandle IS_VIRTUAL = find("isVirtual", MethodType.methodType(boolean.class));
    private static final MethodHandle OF_VIRTUAL = findStatic();

    private Threads() {
    }

    /**
     * Returns whether virtual threads can be made here.
     *
     * @return {@code true} from JDK 21 on.
     */
    public static boolean virtualAvailable() {
        return OF_VIRTUAL != null;
    }

    /**
     * Starts a virtual thread: {@code Thread.ofVirtual().name(name).start(body)}.
     *
     * @param name Its name.
     * @param body What it runs.
     * @return The started thread.
     * @throws UnsupportedOperationException Before JDK 21.
     */
    public static Thread startVirtual(String name, Runnable body) {
        if (OF_VIRTUAL == null) throw new UnsupportedOperationException("virtual threads need JDK 21+");
        try {
            Object builder = OF_VIRTUAL.invoke();
            Class<?> type = Class.forName("java.lang.Thread$Builder");
            builder = type.getMethod("name", String.class).invoke(builder, name);
            return (Thread) type.getMethod("start", Runnable.class).invoke(builder, body);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot start a virtual thread: " + e, e);
        }
    }

    /**
     * Returns whether a thread is virtual.
     *
     * @param t The thread.
     * @return {@code false} before JDK 21.
     */
    static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) return false;
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, name, type);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static MethodHandle findStatic() {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
            return MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
