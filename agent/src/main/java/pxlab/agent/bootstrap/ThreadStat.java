package pxlab.agent.bootstrap;

import java.nio.charset.StandardCharsets;

/**
 * One OS thread's scheduling attributes, read from {@code /proc/self/task/<tid>/stat} (policy, nice, RT priority),
 * {@code status} (CPU affinity) and {@code cgroup}, each file held open and re-read in place ({@link ProcFile}).
 * Parsing works on the bytes: a value becomes a {@code String} only when it differs from the last one read, so
 * re-reading an unchanged thread allocates nothing.
 *
 * <p>Not thread-safe: callers hold the instance's monitor.
 */
final class ThreadStat {

    private static final byte[] AFFINITY_KEY = "\nCpus_allowed_list:".getBytes(StandardCharsets.US_ASCII);

    final int tid;
    private final ProcFile stat;
    private final ProcFile status;
    private final ProcFile cgroupFile;

    /** {@code /proc/<tid>/stat} field 41. */
    int policy;
    /** Field 19. */
    int nice;
    /** Field 40. */
    int rtPriority;
    /** {@code Cpus_allowed_list} from {@code status}, or {@code null} when missing. */
    String affinity;
    /** The cgroup path: the v2 entry ({@code 0::}), else the v1 {@code cpu} controller's; {@code null} if none. */
    String cgroup;
    /** Whether {@link #cgroup} is a v2 path. */
    boolean cgroupV2;
    /** The v1 {@code cpu} controller's path, where the weight is when the v2 hierarchy has no cpu controller. */
    String cpuCgroupV1;

    private byte[] affinityBytes = new byte[0];
    private byte[] cgroupBytes = new byte[0];

    ThreadStat(int tid) {
        this.tid = tid;
        String dir = "/proc/self/task/" + tid + "/";
        stat = new ProcFile(dir + "stat");
        status = new ProcFile(dir + "status");
        cgroupFile = new ProcFile(dir + "cgroup");
    }

    /**
     * Reads the three files again.
     *
     * @param buf A scratch buffer, large enough for {@code status} (4 KiB is).
     * @return {@code false} when the thread is gone (or this is not Linux); the fields are then unchanged.
     */
    boolean read(byte[] buf) {
        int n = stat.read(buf);
        if (n <= 0 || !parseStat(buf, n)) return false;
        n = status.read(buf);
        if (n < 0) return false;
        int from = lastLineStarting(buf, n, AFFINITY_KEY);
        if (from < 0) {
            affinity = null;
        } else {
            from += AFFINITY_KEY.length;
            while (from < n && (buf[from] == ' ' || buf[from] == '\t')) from++;
            int to = from;
            while (to < n && buf[to] != '\n') to++;
            if (!same(affinityBytes, buf, from, to)) {
                affinityBytes = java.util.Arrays.copyOfRange(buf, from, to);
                affinity = new String(affinityBytes, StandardCharsets.US_ASCII);
            }
        }
        n = cgroupFile.read(buf);
        if (n < 0) return false;
        if (!same(cgroupBytes, buf, 0, n)) {
            cgroupBytes = java.util.Arrays.copyOf(buf, n);
            parseCgroup(new String(cgroupBytes, StandardCharsets.UTF_8));
        }
        return true;
    }

    /** Releases the files. */
    void close() {
        stat.close();
        status.close();
        cgroupFile.close();
    }

    /**
     * Parses {@code stat}. The name, field 2, may hold spaces and parentheses, so fields are counted from the last
     * {@code ')'}: field 3 starts two bytes after it.
     */
    private boolean parseStat(byte[] buf, int n) {
        int i = n - 1;
        while (i >= 0 && buf[i] != ')') i--;
        if (i < 0) return false;
        i += 2;
        int field = 3;
        long niceField = 0;
        long rtPriorityField = 0;
        long policyField = 0;
        while (i < n && field <= 41) {
            int start = i;
            while (i < n && buf[i] != ' ' && buf[i] != '\n') i++;
            if (field == 19) niceField = parseLong(buf, start, i);
            else if (field == 40) rtPriorityField = parseLong(buf, start, i);
            else if (field == 41) policyField = parseLong(buf, start, i);
            field++;
            i++;
        }
        if (field <= 41) return false;   // a short line: not the stat format this reads
        nice = (int) niceField;
        rtPriority = (int) rtPriorityField;
        policy = (int) policyField;
        return true;
    }

    private void parseCgroup(String text) {
        String v1 = null;
        String v2 = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("0::")) {
                v2 = line.substring(3);
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && (",".concat(parts[1]).concat(",")).contains(",cpu,")) v1 = parts[2];
        }
        cgroup = v2 != null ? v2 : v1;
        cgroupV2 = v2 != null;
        cpuCgroupV1 = v1;
    }

    private static long parseLong(byte[] buf, int from, int to) {
        boolean negative = from < to && buf[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) v = v * 10 + (buf[i] - '0');
        return negative ? -v : v;
    }

    private static boolean same(byte[] last, byte[] buf, int from, int to) {
        if (last.length != to - from) return false;
        for (int i = 0; i < last.length; i++) {
            if (last[i] != buf[from + i]) return false;
        }
        return true;
    }

    /**
     * Returns where {@code key}, which starts with a newline, begins in {@code buf}, or -1. Searched line by line from
     * the end: {@code Cpus_allowed_list} is among the last lines of {@code status}, and the first reads of a thread
     * run in the interpreter, where a byte loop over the whole file would cost a waiter milliseconds.
     */
    private static int lastLineStarting(byte[] buf, int n, byte[] key) {
        outer:
        for (int i = n - key.length; i >= 0; i--) {
            if (buf[i] != '\n') continue;
            for (int j = 1; j < key.length; j++) {
                if (buf[i + j] != key[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
