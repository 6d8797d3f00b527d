package pxlab.corpus.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An installed JDK the workloads run on.
 *
 * @param home    Its home directory.
 * @param feature Its feature version, e.g. 17.
 * @param version Its full version, e.g. {@code 17.0.15}.
 */
record Jdk(Path home, int feature, String version) {

    /**
     * Returns the java launcher.
     *
     * @return {@code home/bin/java}.
     */
    Path java() {
        return home.resolve("bin").resolve("java");
    }

    /**
     * Reads a JDK's version from its {@code release} file.
     *
     * @param home The home directory.
     * @return The JDK.
     * @throws IOException When it is not a JDK home.
     */
    static Jdk at(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            throw new IOException(home + " is not a JDK home (no bin/java or release file)");
        }
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                int dot = v.indexOf('.');
                return new Jdk(home.toRealPath(), Integer.parseInt(dot < 0 ? v : v.substring(0, dot)), v);
            }
        }
        throw new IOException(release + " has no JAVA_VERSION");
    }

    /**
     * Finds the installed JDKs worth running on: the one running this harness, and each other feature version
     * 17 or later under {@code /usr/lib/jvm}, one home per version.
     *
     * @return The JDKs, by version.
     */
    static List<Jdk> installed() {
        Map<Integer, Jdk> byFeature = new TreeMap<>();
        try {
            Jdk self = at(Path.of(System.getProperty("java.home")));
            byFeature.put(self.feature(), self);
        } catch (IOException | RuntimeException e) {
            // a JRE without a release file: only /usr/lib/jvm counts
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (DirectoryStream<Path> homes = Files.newDirectoryStream(jvms)) {
                List<Path> sorted = new ArrayList<>();
                homes.forEach(sorted::add);
                sorted.sort(null);
                for (Path home : sorted) {
                    try {
                        Jdk j = at(home);
                        if (j.feature() >= 17) byFeature.putIfAbsent(j.feature(), j);
                    } catch (IOException | RuntimeException e) {
                        // not a JDK
                    }
                }
            } catch (IOException e) {
                // none found there
            }
        }
        return new ArrayList<>(byFeature.values());
    }
}
