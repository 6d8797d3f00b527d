package pxlab.testsupport;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;

/** Small recordings and threads for tests that record in their own JVM. */
public final class TestRecordings {

    private TestRecordings() {
    }

    /**
     * Writes a valid recording without lock events: only {@code jdk.CPUInformation}.
     *
     * @param file Where.
     * @return The file.
     */
    public static Path quiet(Path file) throws Exception {
        try (Recording r = new Recording()) {
            r.enable("jdk.CPUInformation");
            r.start();
            r.stop();
            r.dump(file);
        }
        return file;
    }

    /**
     * Starts a thread that does nothing until {@code end} is counted down: an owner that stays alive until the
     * recording is dumped, so that JFR can name it.
     *
     * @param name The thread's name.
     * @param end  What it waits for.
     * @return The started thread.
     */
    public static Thread idle(String name, CountDownLatch end) {
        Thread t = new Thread(() -> {
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.start();
        return t;
    }
}
