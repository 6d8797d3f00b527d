package pxlab.jfr;

import java.util.Set;

/**
 * What a recording's chunk headers and metadata say, before any event is read.
 *
 * @param file       The file's name as the caller gave it.
 * @param startNs    When the first chunk began, epoch nanoseconds.
 * @param durationNs From {@code startNs} to the end of the last chunk; 0 when the headers do not say (a chunk
 *                   whose writer died before finishing it).
 * @param chunks     How many chunks the file holds.
 * @param eventTypes The names of every event type the recording's metadata declares, whether or not any event of
 *                   that type was written: a {@code pxlab.*} type here means the agent was loaded.
 */
public record RecordingInfo(String file, long startNs, long durationNs, int chunks, Set<String> eventTypes) {

    public RecordingInfo {
        eventTypes = Set.copyOf(eventTypes);
    }

    /**
     * Returns whether the recording declares an event type.
     *
     * @param name The type's name, e.g. {@link PxlabEvents.LockHold#NAME}.
     * @return {@code true} if the metadata declares it.
     */
    public boolean declares(String name) {
        return eventTypes.contains(name);
    }
}
