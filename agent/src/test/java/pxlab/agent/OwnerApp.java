package pxlab.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A program for the agent tests: {@code owner} takes a lock and, once {@code waiter} is queued on it, burns
 * {@code OWNER_CPU_MS} of CPU inside it. With argument {@code hogs}, three threads spin meanwhile; run under {@code taskset -c 0}
 * they preempt the owner, so its run-queue wait grows.
 */
public final class OwnerApp {

    static final long OWNER_CPU_MS = 100;

    public static void main(String[] args) throws Exception {
        // Arguments: [hogs|quiet] [owner nice, or fifo:PRIO for SCHED_FIFO] [linger ms: keep the hogs running after]
        boolean hogs = args.length > 0 && args[0].equals("hogs");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        String ownerSched = args.length > 1 ? args[1] : "0";
        Thread owner = new Thread(() -> {
            if (ownerSched.startsWith("fifo:")) {
                chrt(ownerSched.substring("fifo:".length()));
            } else if (!ownerSched.equals("0")) {
                renice(Integer.parseInt(ownerSched));
            }
            lock.lock();
            held.countDown();
            while (!lock.hasQueuedThreads()) Thread.onSpinWait();   // burn only while the waiter waits
            long until = mx.getCurrentThreadCpuTime() + OWNER_CPU_MS * 1_000_000;
            while (mx.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
            lock.unlock();
            try {
                end.await();   // stay alive so the recording can name this thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "owner");
        if (hogs) {
            for (int i = 0; i < 3; i++) {
                Thread h = new Thread(() -> {
                    while (end.getCount() > 0) Thread.onSpinWait();
                }, "hog-" + i);
                h.setDaemon(true);
                h.start();
            }
        }
        owner.start();
        held.await();
        Thread waiter = new Thread(() -> {
            lock.lock();
            lock.unlock();
        }, "waiter");
        waiter.start();
        waiter.join();
        if (args.length > 2) Thread.sleep(Long.parseLong(args[2]));
        end.countDown();
        owner.join();
    }

    /** Sets the calling thread's nice value with renice(1) on its own OS thread id. */
    private static void renice(int nice) {
        if (!onOwnThread("renice", "-n", Integer.toString(nice), "-p")) throw new IllegalStateException("renice failed");
    }

    /** Makes the calling thread SCHED_FIFO with chrt(1), if permitted; says so on stdout either way. */
    private static void chrt(String priority) {
        System.out.println(onOwnThread("chrt", "-f", "-p", priority) ? "chrt ok" : "chrt not permitted");
    }

    /** Runs a command with the calling thread's OS id as its last argument; returns whether it succeeded. */
    private static boolean onOwnThread(String... command) {
        try {
            String tid = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self")).getFileName().toString();
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(command));
            cmd.add(tid);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
