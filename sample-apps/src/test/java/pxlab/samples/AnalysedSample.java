package pxlab.samples;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pxlab.analysis.Analysis;

/**
 * The set-up of an integration test about one sample's analysis: the sample runs once under the agent for 4 s, its
 * requests timed at its {@code handle} method, and its recording is analysed once for all the test's methods.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AnalysedSample {

    /** The sample's analysis. */
    Analysis analysis;
    /** Every classified wait, one a line, for assertion messages. */
    String all;
    private final Class<?> sample;

    AnalysedSample(Class<?> sample) {
        this.sample = sample;
    }

    @BeforeAll
    void run(@TempDir Path dir) throws Exception {
        SampleRun run = SampleRun.sample(dir, sample, sample.getName() + "#handle", "--duration", "4s");
        analysis = run.analyse();
        all = analysis.waits().stream().map(SampleRun::describe).collect(Collectors.joining("\n"));
    }
}
