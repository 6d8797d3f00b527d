package pxlab.analysis;

import java.util.Objects;
import pxlab.replay.ReplayOptions;

/**
 * What an analysis is asked for: the replay's options (whose thread pattern also sets the report's scope), how many
 * waits the lists keep, and how the file is read. Immutable: each {@code with…} returns a copy.
 *
 * @param replay  The replay's options.
 * @param top     How many inversions (and unknown-priority waits) the lists keep; 0 for all.
 * @param reading How the file is read.
 */
public record AnalysisOptions(ReplayOptions replay, int top, Reading reading) {

    /** How a recording is read. */
    public enum Reading {
        /** Whole when the file is small, chunk by chunk from {@link Analyzer#CHUNKED_FROM_BYTES} on. */
        AUTO,
        /** Chunk by chunk whatever its size, in memory that does not grow with the file. */
        CHUNKED
    }

    /** The replay's defaults, every inversion listed, the size deciding how the file is read. */
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(ReplayOptions.DEFAULT, 0, Reading.AUTO);

    public AnalysisOptions {
        Objects.requireNonNull(replay);
        Objects.requireNonNull(reading);
        if (top < 0) throw new IllegalArgumentException("top must not be negative: " + top);
    }

    /**
     * Returns these options with other replay options.
     *
     * @param replay The replay's options.
     * @return A copy.
     */
    public AnalysisOptions withReplay(ReplayOptions replay) {
        return new AnalysisOptions(replay, top, reading);
    }

    /**
     * Returns these options with another list length.
     *
     * @param top How many waits the lists keep; 0 for all.
     * @return A copy.
     */
    public AnalysisOptions withTop(int top) {
        return new AnalysisOptions(replay, top, reading);
    }

    /**
     * Returns these options with another way of reading.
     *
     * @param reading How the file is read.
     * @return A copy.
     */
    public AnalysisOptions withReading(Reading reading) {
        return new AnalysisOptions(replay, top, reading);
    }
}
