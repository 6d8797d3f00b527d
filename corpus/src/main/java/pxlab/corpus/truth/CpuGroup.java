package pxlab.corpus.truth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A background cgroup with a low CPU weight, holding threads the workload moves into it, as an operator would put
 * batch work in a low-weight group. Uses cgroup v2 where its {@code cpu} controller is available (a threaded
 * subtree: the JVM moves into a group of its own whose child {@code bg} is {@code threaded}), else the v1
 * {@code cpu} controller (threads move one by one through {@code tasks}). Needs root.
 *
 * <p>{@link #create} returns {@code null} with a reason in {@link #whyNot} when neither can be made, so the workload
 * is skipped with that reason rather than run without the group.
 */
public final class CpuGroup {

    /** v1's {@code cpu.shares} for v2's weight 4: the kernel maps {@code w = 1 + (s - 2) * 9999 / 262142}. */
    static final int SHARES_FOR_WEIGHT_4 = 81;

    private final Path root;
    private final Path bg;
    private final Path parent;
    private final Path restoreProcs;
    private final boolean v2;
    private final int weight;
    private final int parentWeight;

    private static volatile String whyNot;

    private CpuGroup(Path root, Path bg, Path parent, Path restoreProcs, boolean v2, int weight, int parentWeight) {
        this.root = root;
        this.bg = bg;
        this.parent = parent;
        this.restoreProcs = restoreProcs;
        this.v2 = v2;
        this.weight = weight;
        this.parentWeight = parentWeight;
    }

    /**
     * Makes the group, with {@code cpu.weight} 4 (v2) or the equivalent {@code cpu.shares} (v1).
     *
     * @return The group, or {@code null} when it cannot be made ({@link #whyNot} says why).
     */
    public static CpuGroup create() {
        try {
            String self = Files.readString(Path.of("/proc/self/cgroup"));
            Path v2root = Path.of("/sys/fs/cgroup");
            String controllers = read(v2root.resolve("cgroup.controllers"));
            if (controllers != null && (" " + controllers + " ").contains(" cpu ")) return createV2(self, v2root);
            for (String dir : new String[] {"cpu", "cpu,cpuacct"}) {
                Path v1root = v2root.resolve(dir);
                if (Files.isRegularFile(v1root.resolve("cpu.shares"))) return createV1(self, v1root);
            }
            whyNot = "no cgroup cpu controller (v2 cpu.weight or v1 cpu.shares) under /sys/fs/cgroup";
        } catch (IOException | RuntimeException e) {
            whyNot = "cannot make a cgroup: " + e.getMessage();
        }
        return null;
    }

    /**
     * Returns why the last {@link #create} failed.
     *
     * @return One line.
     */
    public static String whyNot() {
        return whyNot;
    }

    private static CpuGroup createV2(String self, Path root) throws IOException {
        String path = entry(self, "0::");
        Path current = root.resolve(path.substring(1));
        Path own = current.resolve("pxlab-corpus-" + ProcessHandle.current().pid());
        Files.createDirectories(own);
        // The whole JVM moves into a group of its own, which becomes the threaded subtree's root.
        write(own.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        Path bg = own.resolve("bg");
        Files.createDirectories(bg);
        write(bg.resolve("cgroup.type"), "threaded");
        write(own.resolve("cgroup.subtree_control"), "+cpu");
        write(bg.resolve("cpu.weight"), "4");
        int parentWeight = Integer.parseInt(read(own.resolve("cpu.weight")));
        return new CpuGroup(root, bg, own, current.resolve("cgroup.procs"), true, 4, parentWeight);
    }

    private static CpuGroup createV1(String self, Path root) throws IOException {
        String path = null;
        for (String line : self.split("\n")) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && ("," + parts[1] + ",").contains(",cpu,")) path = parts[2];
        }
        if (path == null) throw new IOException("no v1 cpu entry in /proc/self/cgroup");
        Path parent = path.equals("/") ? root : root.resolve(path.substring(1));
        Path bg = parent.resolve("pxlab-corpus-" + ProcessHandle.current().pid() + "-bg");
        Files.createDirectories(bg);
        write(bg.resolve("cpu.shares"), Integer.toString(SHARES_FOR_WEIGHT_4));
        int shares = Integer.parseInt(read(parent.resolve("cpu.shares")));
        return new CpuGroup(root, bg, parent, null, false, weightOfShares(SHARES_FOR_WEIGHT_4), weightOfShares(shares));
    }

    /**
     * Moves the calling thread into the group.
     *
     * @return {@code null} when it worked, else why not.
     */
    public String join() {
        try {
            write(bg.resolve(v2 ? "cgroup.threads" : "tasks"), Long.toString(OsThread.tid()));
            return null;
        } catch (IOException e) {
            return "cannot move thread " + OsThread.tid() + " into " + bg + ": " + e.getMessage();
        }
    }

    /**
     * Moves the calling thread back to the parent group.
     */
    public void leave() {
        try {
            write(parent.resolve(v2 ? "cgroup.threads" : "tasks"), Long.toString(OsThread.tid()));
        } catch (IOException e) {
            System.err.println("corpus: cannot move thread back from " + bg + ": " + e.getMessage());
        }
    }

    /** Moves the JVM back where it was and removes the groups; threads must have left {@link #bg} first. */
    public void remove() {
        try {
            if (restoreProcs != null) write(restoreProcs, Long.toString(ProcessHandle.current().pid()));
            Files.deleteIfExists(bg);
            if (v2) Files.deleteIfExists(parent);
        } catch (IOException e) {
            System.err.println("corpus: cannot remove " + bg + ": " + e.getMessage());
        }
    }

    /**
     * Returns the background group's path as {@code /proc/<tid>/cgroup} names it.
     *
     * @return The path below the hierarchy's root.
     */
    public String path() {
        return "/" + root.relativize(bg);
    }

    /**
     * Returns the parent group's path.
     *
     * @return The path below the hierarchy's root.
     */
    public String parentPath() {
        String p = root.relativize(parent).toString();
        return "/" + p;
    }

    /** Returns the background group's weight ({@code cpu.weight}, or v1 shares mapped to one). */
    public int weight() {
        return weight;
    }

    /** Returns the parent group's weight. */
    public int parentWeight() {
        return parentWeight;
    }

    /** Returns {@code v2} or {@code v1}. */
    public String version() {
        return v2 ? "v2" : "v1";
    }

    static int weightOfShares(long shares) {
        return (int) (1 + ((shares - 2) * 9999) / 262142);
    }

    private static String entry(String self, String prefix) throws IOException {
        for (String line : self.split("\n")) if (line.startsWith(prefix)) return line.substring(prefix.length());
        throw new IOException("no " + prefix + " entry in /proc/self/cgroup");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }
}
