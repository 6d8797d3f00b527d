package pxlab.jfr.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import pxlab.testsupport.InversionRecordings;

/**
 * pxlab's {@link ChunkParser} against the JDK's parser, record for record, on recordings of real JVMs: under the
 * agent (its every event type, deep stacks, the agent's own threads) and without it (the JDK's lock events only).
 */
class ChunkParserIT {

    @Test
    void agentRecordingUnderHogsGivesTheJdkParsersRecords() throws Exception {
        same(InversionRecordings.hogs());
    }

    @Test
    void agentRecordingOnIdleCpusGivesTheJdkParsersRecords() throws Exception {
        same(InversionRecordings.quiet());
    }

    @Test
    void recordingWithoutTheAgentGivesTheJdkParsersRecords() throws Exception {
        same(InversionRecordings.jdk());
    }

    private static void same(Path file) throws Exception {
        ChunkedRecording r = ChunkedRecording.open(file);
        int records = 0;
        for (int k = 0; k < r.chunks(); k++) {
            Records fast = new Records();
            r.read(k, fast);
            Records jdk = new Records();
            r.readWithJdk(k, jdk);
            assertEquals(jdk.all, fast.all, file + ", chunk " + (k + 1));
            records += fast.all.size();
        }
        assertFalse(records == 0, file + " has records");
    }
}
