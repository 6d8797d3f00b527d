package pxlab.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a headless Chromium (Debian's {@code chromium} package; {@code .ci/run} installs it) on a local page: to
 * dump the DOM after the page's script ran, or to take a screenshot.
 */
public final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /**
     * Finds a Chromium on the {@code PATH}.
     *
     * @return The browser, or {@code null} when none is installed.
     */
    public static Chromium find() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return new Chromium(p);
            }
        }
        return null;
    }

    /**
     * Loads a page and returns its DOM, serialised, after its scripts ran.
     *
     * @param page    The HTML file.
     * @param profile An empty directory for the browser's profile.
     * @return The serialised DOM.
     */
    public String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
        return run(profile, "--dump-dom", page.toUri().toString());
    }

    /**
     * Loads a page and saves a screenshot of it.
     *
     * @param page    The HTML file.
     * @param png     Where the PNG goes.
     * @param width   Window width in CSS pixels.
     * @param height  Window height.
     * @param profile An empty directory for the browser's profile.
     */
    public void screenshot(Path page, Path png, int width, int height, Path profile) throws IOException, InterruptedException {
        run(profile, "--hide-scrollbars", "--screenshot=" + png, "--window-size=" + width + "," + height,
                page.toUri().toString());
    }

    private String run(Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(profile, "stdout", ".txt");
        Path err = Files.createTempFile(profile, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
