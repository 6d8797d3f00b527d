package pxlab.agent.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Java threads to Linux thread ids, which the JVM does not expose. A thread that passes through the probe
 * learns its own id from {@code /proc/thread-self}; an owner never seen there is looked up once by its native name
 * ({@code /proc/self/task/<tid>/comm}, the Java name cut to 15 bytes), and only a unique match counts.
 */
public final class ThreadIds {

    private static final int UNKNOWN = -1;
    private static final ConcurrentHashMap<Long, Integer> TIDS = new ConcurrentHashMap<>();
    /** Threads with a known OS id, by that id; weakly held so ended threads can go. */
    private static final ConcurrentHashMap<Integer, java.lang.ref.WeakReference<Thread>> THREADS =
            new ConcurrentHashMap<>();

    private ThreadIds() {
    }

    /**
     * Records the calling thread's id, once.
     *
     * @return The id, or -1 when it cannot be told.
     */
    public static int learnSelf() {
        long id = Thread.currentThread().getId();
        Integer known = TIDS.get(id);
        if (known != null && known > 0) return known;
        int tid;
        try {
            tid = Integer.parseInt(new File("/proc/thread-self").getCanonicalFile().getName());   // /proc/<pid>/task/<tid>
        } catch (IOException | NumberFormatException | SecurityException e) {
            tid = UNKNOWN;
        }
        TIDS.put(id, tid);
        if (tid > 0) THREADS.put(tid, new java.lang.ref.WeakReference<>(Thread.currentThread()));
        return tid;
    }

    /**
     * Returns the threads whose OS ids are known.
     *
     * @return A new map from OS id to live thread.
     */
    public static java.util.Map<Integer, Thread> knownThreads() {
        java.util.Map<Integer, Thread> out = new java.util.HashMap<>();
        THREADS.forEach((tid, ref) -> {
            Thread t = ref.get();
            if (t != null && t.isAlive()) out.put(tid, t);
            else THREADS.remove(tid, ref);
        });
        return out;
    }

    /**
     * Returns a thread's OS id.
     *
     * @param t The thread.
     * @return The id, or -1 when it cannot be told.
     */
    public static int tidOf(Thread t) {
        Integer known = TIDS.get(t.getId());
        if (known != null) return known;
        int tid = byName(t.getName());
        TIDS.put(t.getId(), tid);   // also remembers a failed lookup, so it is tried once
        if (tid > 0) THREADS.put(tid, new java.lang.ref.WeakReference<>(t));
        return tid;
    }

    private static int byName(String javaName) {
        byte[] name = javaName.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(name.length, 15);
        String comm = new String(name, 0, len, StandardCharsets.UTF_8);
        String[] tasks = new File("/proc/self/task").list();
        if (tasks == null) return UNKNOWN;
        int found = UNKNOWN;
        for (String task : tasks) {
            if (!comm.equals(Procfs.comm(Integer.parseInt(task)))) continue;
            if (found != UNKNOWN) return UNKNOWN;   // two threads share the name: cannot tell
            found = Integer.parseInt(task);
        }
        return found;
    }
}
