package pxlab.corpus.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Describes the machine the corpus ran on, in one line. */
final class Machine {

    private Machine() {
    }

    /**
     * Describes this machine.
     *
     * @return E.g. {@code 2 CPUs (Intel Xeon ...), Linux 6.1.0, cgroup v1 cpu controller}.
     */
    static String describe() {
        String model = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: the CPU count still says something
        }
        String kernel = read("/proc/sys/kernel/osrelease");
        boolean v2cpu = read("/sys/fs/cgroup/cgroup.controllers").contains("cpu");
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + model + "), Linux " + kernel + ", "
                + (v2cpu ? "cgroup v2 cpu controller" : "cgroup v1 cpu controller (hybrid or v1 hierarchy)");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
