package pxlab.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import pxlab.jfr.RecordingException.Problem;

/**
 * {@link RecordingException}'s message: one line, whatever the damaged file put in the reason.
 */
class RecordingExceptionTest {

    @Test
    void aLineBreakQuotedFromADamagedFileStaysOnTheLine() {
        // A damaged metadata's type id, as NumberFormatException quotes it (found by DamagedRecordingFuzzIT).
        RecordingException e = new RecordingException("app.jfr", Problem.DAMAGED,
                "damaged recording: chunk 1: For input string: \"1\n9\"", null);
        assertEquals("app.jfr: damaged recording: chunk 1: For input string: \"1\\n9\"", e.getMessage());
        assertEquals("a\\tb\\u0000", new RecordingException("x", Problem.DAMAGED, "a\tb\0", null).reason());
    }

    @Test
    void theFileKeepsItsNameAsGiven() {
        RecordingException e = new RecordingException("odd\nname.jfr", Problem.MISSING, "no such file", null);
        assertEquals("odd\nname.jfr", e.file());
        assertEquals("odd\\nname.jfr: no such file", e.getMessage());
    }
}
