package pxlab.jfr.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.jfr.CpuInformationEvent;
import pxlab.jfr.EventDecoder;
import pxlab.jfr.EventSink;
import pxlab.jfr.RecordingException;
import pxlab.jfr.RecordingException.Problem;

/**
 * The reader on damage made to measure in chunks written from scratch ({@link ChunkBuilder}): each case a way a
 * damaged chunk could make the reader allocate, loop or recurse without end, each of which must instead be one
 * line of damage, at once. {@code DamagedRecordingFuzzIT} damages real recordings at random.
 */
class DamagedChunkTest {

    /** Ample for the walks below when bounded; an unbounded one takes minutes or hours. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void arraysOfEmptyStructsAreSteppedOverWhateverTheirCounts() {
        // 100,000 events, each an array counting as many elements as bytes are left after it: elements that
        // take no bytes, so every count is valid, and stepping over each element would take 5e10 steps.
        int events = 100_000;
        byte[] sized = emptyArrays(events, k -> 0);
        int eventBytes = 4 + 2 + 4;
        byte[] chunk = emptyArrays(events, k -> sized.length - ChunkHeaders.HEADER_BYTES - (k + 1) * eventBytes);
        assertEquals(sized.length, chunk.length);
        Cpus cpus = new Cpus();
        assertTimeoutPreemptively(PROMPTLY, () -> ChunkParser.parse(chunk, chunk.length, new EventDecoder(cpus)));
        assertEquals(events, cpus.all.size());
    }

    /** Events of a type the decoder reads, {@code jdk.CPUInformation}, that hold nothing but such an array. */
    private static byte[] emptyArrays(int events, java.util.function.IntToLongFunction count) {
        ChunkBuilder b = new ChunkBuilder();
        b.type(200, "test.Empty");
        b.type(201, "jdk.CPUInformation", ChunkBuilder.field("empties", 200, true));
        b.checkpoint(ChunkBuilder.LONG, 1, null);
        for (int k = 0; k < events; k++) b.paddedEvent(201, count.applyAsLong(k));
        return b.build();
    }

    @Test
    void anAbsurdAttributeCountIsDamageBeforeAnythingIsAllocatedForIt() {
        ChunkBuilder b = new ChunkBuilder();
        b.type(200, "test.Damaged").attributeCount = 1 << 28;
        b.checkpoint(ChunkBuilder.LONG, 1, null);
        byte[] chunk = b.build();
        long before = allocated();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChunkParser.declaredTypes(chunk, chunk.length));
        assertTrue(e.getMessage().contains("268435456 metadata attributes"), e.getMessage());
        long allocated = allocated() - before;
        assertTrue(allocated < 16 << 20, "allocated " + (allocated >> 20) + " MiB");
    }

    @Test
    void aCheckpointLinkingForwardIsDamageNotACycle() throws Exception {
        // Two checkpoints of 100,000 constants each, the first linking forward to the second, which links back.
        byte[] sound = checkpoints(0);
        int first = ChunkHeaders.HEADER_BYTES;
        int second = (int) new ChunkInput(sound, sound.length).rawLong(ChunkHeaders.CONSTANT_POOL_AT);
        byte[] chunk = checkpoints(second - first);
        assertEquals(sound.length, chunk.length);
        IllegalStateException e = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(IllegalStateException.class,
                () -> ChunkParser.parse(chunk, chunk.length, new EventDecoder(new EventSink() { }))));
        assertTrue(e.getMessage().contains("links forward"), e.getMessage());
    }

    private static byte[] checkpoints(long firstLink) {
        ChunkBuilder b = new ChunkBuilder();
        b.checkpoint(ChunkBuilder.LONG, 100_000, firstLink);
        b.checkpoint(ChunkBuilder.LONG, 100_000, null);
        return b.build();
    }

    @Test
    void aHeaderClockNoJvmHasIsDamage() throws Exception {
        RecordingException e = headerWith(ChunkHeaders.TICKS_PER_SECOND_AT, Long.MAX_VALUE);
        assertEquals("damaged recording: chunk 1's header gives a clock of 9223372036854775807 ticks a second",
                e.reason());
    }

    @Test
    void aHeaderStartBefore1970IsDamage() throws Exception {
        RecordingException e = headerWith(ChunkHeaders.START_NANOS_AT, Long.MIN_VALUE);
        assertTrue(e.reason().startsWith("damaged recording: chunk 1's header gives a start -9223372036854775808 ns"
                + " after the epoch"), e.reason());
    }

    /** Opens a sound chunk with one header field changed, and returns the damage said. */
    private RecordingException headerWith(int field, long value) throws Exception {
        byte[] chunk = cpuInformation(500_000_000L);
        ChunkBuilder.putLong(chunk, field, value);
        RecordingException e = assertThrows(RecordingException.class, () -> ChunkedRecording.open(file(chunk)));
        assertEquals(Problem.DAMAGED, e.problem());
        return e;
    }

    @Test
    void anEventEndingFarOutsideItsChunkIsDamage() throws Exception {
        ChunkedRecording sound = ChunkedRecording.open(file(cpuInformation(500_000_000L)));
        Cpus cpus = new Cpus();
        sound.read(0, cpus);
        assertEquals(List.of(new CpuInformationEvent(ChunkBuilder.START_NS + 500_000_000L, 8)), cpus.all);
        // Ticks a day after the chunk's one second.
        ChunkedRecording late = ChunkedRecording.open(file(cpuInformation(86_400_000_000_000L)));
        RecordingException e = assertThrows(RecordingException.class, () -> late.read(0, new Cpus()));
        assertEquals(Problem.DAMAGED, e.problem());
        assertTrue(e.reason().endsWith("outside its chunk's time"), e.reason());
    }

    @Test
    void anUnfinishedChunkForTheJdksParserIsDamageAtOnce() throws Exception {
        byte[] chunk = cpuInformation(500_000_000L);
        chunk[ChunkHeaders.FLAGS_AT] |= ChunkHeaders.COMPRESSED_TICKS;   // read by the JDK's parser
        chunk[ChunkHeaders.STATE_AT] = (byte) 255;   // "the header is being updated": the JDK's parser waits
        RecordingException e = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(RecordingException.class,
                () -> ChunkedRecording.open(file(chunk))));
        assertEquals(Problem.DAMAGED, e.problem());
        assertTrue(e.reason().contains("never finished"), e.reason());
    }

    /** One {@code jdk.CPUInformation} event (8 hardware threads) at a tick; the chunk's clock ticks in nanoseconds. */
    private static byte[] cpuInformation(long ticks) {
        ChunkBuilder b = new ChunkBuilder();
        b.type(200, "jdk.CPUInformation", ChunkBuilder.field("startTime", ChunkBuilder.LONG, false),
                ChunkBuilder.field("hwThreads", ChunkBuilder.INT, false));
        b.checkpoint(ChunkBuilder.LONG, 1, null);
        b.event(200, ticks, 8);
        return b.build();
    }

    private Path file(byte[] chunk) throws Exception {
        Path p = Files.createTempFile(dir, "chunk", ".jfr");
        Files.write(p, chunk);
        return p;
    }

    /** The bytes this thread has allocated so far. */
    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static final class Cpus implements EventSink {
        final List<CpuInformationEvent> all = new java.util.ArrayList<>();

        @Override
        public void cpuInformation(CpuInformationEvent e) {
            all.add(e);
        }
    }
}
