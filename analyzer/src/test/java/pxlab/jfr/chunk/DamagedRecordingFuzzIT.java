package pxlab.jfr.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pxlab.cli.Main;
import pxlab.testsupport.InversionRecordings;

/**
 * {@code pxlab analyze} on damaged copies of recordings made by real JVMs, one with the agent and one without:
 * whatever the damage, the command line either reports (exit 0: damage it did not notice) or says in one line on
 * standard error what is wrong with which file (exit 2). Never an internal error, a stack trace, an error the
 * reader let through (running out of memory on a length it trusted, a stack overflow), nor a hang.
 *
 * <p>Each case picks, from its own seed: a recording (the agent's, the JDK's, or two of them concatenated, a file
 * of two chunks), a {@link Damage}, and the reading ({@code --chunked} or not; on a file of two chunks the former
 * reads the chunks on a second thread). The seeds follow from one base seed, so a run repeats; the recordings are
 * made anew each run, so a failing case's file is kept under {@code target/damaged-recordings/}.
 *
 * <p>Each case must also end within {@value #CASE_TIMEOUT_S} s (the first that does not ends the run: its thread
 * may spin on) and allocate at most {@link #MAX_ALLOCATED} bytes on the command line's thread.
 *
 * <p>CI runs {@value #CI_CASES} cases. More: {@code -Dpxlab.fuzz.cases=5000}; another sequence:
 * {@code -Dpxlab.fuzz.seed=N}; some damages only: {@code -Dpxlab.fuzz.damage=FLIP_1,TRUNCATED}; one case again:
 * {@code -Dpxlab.fuzz.case=SEED -Dpxlab.fuzz.damage=DAMAGE}, as a failure prints it (docs/cli.md, "Damaged
 * recordings").
 */
class DamagedRecordingFuzzIT {

    /** The cases CI runs: each damage about thirty times; 10-15 s on two CPUs, 44 s at a load of 16. */
    static final int CI_CASES = 500;
    /** Far longer than any case takes on a loaded machine (a second at most); a case still running then hangs. */
    static final long CASE_TIMEOUT_S = 30;
    /**
     * What the command line may allocate for one of these recordings of a few hundred KiB, damaged or not: a sound
     * one allocates about 35 MiB. More means a length or count was trusted (one such allocated 2 GiB).
     */
    private static final long MAX_ALLOCATED = 256L << 20;
    /** Distinct failures listed before the run stops: one bug tends to fail many cases. */
    private static final int MAX_FAILURES = 20;

    @TempDir
    static Path dir;
    static List<Recording> recordings;

    /** A sound recording to damage copies of. */
    record Recording(String name, byte[] bytes) {
    }

    /**
     * What one case did: its file, the command line's exit code and streams, and the bytes the command line's
     * thread allocated (with {@code --chunked} on two chunks, a second thread reads them: not counted).
     */
    record Outcome(Path file, int code, String out, String err, long allocated) {
    }

    @BeforeAll
    static void record() throws Exception {
        byte[] agent = Files.readAllBytes(InversionRecordings.quiet());
        byte[] jdk = Files.readAllBytes(InversionRecordings.jdk());
        recordings = List.of(new Recording("agent", agent), new Recording("jdk", jdk),
                new Recording("agent+jdk", concat(agent, jdk)), new Recording("agent+agent", concat(agent, agent)));
    }

    @Test
    void everyDamagedRecordingIsOneLineAndExit2OrAReport() throws Exception {
        String one = System.getProperty("pxlab.fuzz.case");
        long base = Long.getLong("pxlab.fuzz.seed", 0x5EED_F1A9L);
        int cases = one != null ? 1 : Integer.getInteger("pxlab.fuzz.cases", CI_CASES);
        List<Damage> damages = damages(System.getProperty("pxlab.fuzz.damage"));
        Map<String, String> failures = new LinkedHashMap<>();
        Map<Damage, int[]> exits = new EnumMap<>(Damage.class);
        ExecutorService cli = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pxlab-fuzz-case");
            t.setDaemon(true);   // a case that hangs must not keep the test JVM alive
            return t;
        });
        long started = System.nanoTime();
        long soundAllocated = 0;
        int ran = 0;
        try {
            for (int i = 0; i < cases && failures.size() < MAX_FAILURES; i++) {
                long seed = one != null ? Long.parseUnsignedLong(one.replaceFirst("^0x", ""), 16)
                        : new SplittableRandom(base + i).nextLong();
                ran++;
                Case c = Case.of(seed, damages);
                Outcome o;
                Future<Outcome> run = cli.submit(() -> c.run(c.file(dir)));
                try {
                    o = run.get(CASE_TIMEOUT_S, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    failures.put("hang", c + ": did not finish in " + CASE_TIMEOUT_S + " s" + kept(c.file(dir)));
                    break;
                }
                String why = c.check(o);
                if (c.damage.sound()) soundAllocated = Math.max(soundAllocated, o.allocated());
                if (why == null) {
                    exits.computeIfAbsent(c.damage, d -> new int[2])[o.code() == 0 ? 0 : 1]++;
                } else {
                    failures.putIfAbsent(signature(why), c + ": " + why + kept(o.file()));
                }
                Files.deleteIfExists(o.file());
            }
        } finally {
            cli.shutdownNow();
        }
        System.out.printf("%d damaged recordings (seed %#x) in %.1f s, a sound one allocating up to %d MiB; exit 0"
                + " / exit 2 by damage: %s%n", ran, base, (System.nanoTime() - started) / 1e9, soundAllocated >> 20,
                summary(exits));
        if (!failures.isEmpty()) {
            fail(failures.size() + " kinds of failure (rerun one with -Dpxlab.fuzz.case=SEED"
                    + " -Dpxlab.fuzz.damage=DAMAGE):\n" + String.join("\n\n", failures.values()));
        }
    }

    @Test
    void damageFoundOnTheChunkReadingThreadIsTheSameLineAsWithoutChunked() throws Exception {
        // Chunk 2's constant pools point at the header: found only when its events are read, which --chunked does
        // on a second thread, behind a Future.
        byte[] two = recordings.get(3).bytes().clone();
        int second = (int) Damage.getLong(two, ChunkHeaders.SIZE_AT);
        ChunkBuilder.putLong(two, second + ChunkHeaders.CONSTANT_POOL_AT, 0);
        Path file = dir.resolve("second-chunk-damaged.jfr");
        Files.write(file, two);
        Case whole = new Case(0, new Recording("agent+agent", two), Damage.NONE, false);
        Outcome read = whole.run(file);
        Outcome chunked = new Case(0, whole.source(), Damage.NONE, true).run(file);
        String line = "pxlab: " + file + ": damaged recording: chunk 2: header offset 0 outside the chunk\n";
        assertEquals(List.of(Main.BAD_INPUT, line, ""), List.of(read.code(), read.err(), read.out()));
        assertEquals(List.of(Main.BAD_INPUT, line, ""), List.of(chunked.code(), chunked.err(), chunked.out()));
    }

    /**
     * One case: which recording, damaged how, read how.
     *
     * @param seed    Where every choice comes from, the case's own choices first.
     * @param source  The recording damaged.
     * @param damage  How.
     * @param chunked Whether {@code --chunked} is given.
     */
    record Case(long seed, Recording source, Damage damage, boolean chunked) {

        /** Draws a case; the damage last, so that naming it alone ({@code pxlab.fuzz.damage}) repeats the case. */
        static Case of(long seed, List<Damage> damages) {
            SplittableRandom r = new SplittableRandom(seed);
            Recording source = recordings.get(r.nextInt(recordings.size()));
            boolean chunked = r.nextBoolean();
            return new Case(seed, source, damages.get(r.nextInt(damages.size())), chunked);
        }

        Path file(Path dir) {
            return dir.resolve("case-" + Long.toHexString(seed) + ".jfr");
        }

        /** Writes the damaged file where asked, and runs {@code pxlab analyze} on it. */
        Outcome run(Path file) throws Exception {
            SplittableRandom r = new SplittableRandom(~seed);   // not of()'s sequence: its choices would repeat
            Damage.Bytes b = new Damage.Bytes(source.bytes.clone());
            damage.apply(b, r);
            Files.write(file, b.bytes);
            List<String> args = new ArrayList<>(List.of("analyze", file.toString()));
            if (chunked) args.add("--chunked");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long before = allocated();
            int code = Main.execute(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
            return new Outcome(file, code, out.toString(), err.toString(), allocated() - before);
        }

        /** What is wrong with an outcome, or {@code null}. */
        String check(Outcome o) {
            String name = o.file().toString();
            if (o.allocated() > MAX_ALLOCATED)
                return "allocated " + (o.allocated() >> 20) + " MiB, more than " + (MAX_ALLOCATED >> 20) + " MiB";
            if (o.code() == Main.OK) {
                if (!o.out().startsWith("pxlab analyze " + name + ":")) return "exit 0 without a report:\n" + o.out();
                if (!o.err().isEmpty()) return "exit 0 with standard error:\n" + o.err();
                return null;
            }
            if (o.code() != Main.BAD_INPUT || damage.sound()) {
                return "exit " + o.code() + ":\n" + o.err();
            }
            if (!o.err().startsWith("pxlab: " + name + ": ") || o.err().indexOf('\n') != o.err().length() - 1)
                return "exit 2 without one line naming the file:\n" + o.err();
            if (o.err().contains("internal error")) return "exit 2 with an internal error:\n" + o.err();
            if (!o.out().isEmpty()) return "exit 2 with standard output:\n" + o.out();
            return null;
        }

        @Override
        public String toString() {
            return "case 0x" + Long.toHexString(seed) + " (" + damage + " on " + source.name
                    + (chunked ? ", --chunked" : "") + ")";
        }
    }

    /** The damages asked for by name, comma-separated; every one when none is asked for. */
    private static List<Damage> damages(String names) {
        if (names == null) return List.of(Damage.values());
        List<Damage> out = new ArrayList<>();
        for (String n : names.split(",")) out.add(Damage.valueOf(n.trim()));
        return out;
    }

    /** The bytes this thread has allocated so far. */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** What tells one failure from another: what is wrong and the error's first line, without numbers. */
    private static String signature(String why) {
        return why.lines().limit(2).reduce("", String::concat).replaceAll("case-[0-9a-f]+|[0-9]+", "N");
    }

    /** Keeps a failing case's file where the build leaves its output, and says where. */
    private static String kept(Path file) throws Exception {
        if (!Files.exists(file)) return "";
        Path keep = Path.of("target", "damaged-recordings");
        Files.createDirectories(keep);
        Path to = keep.resolve(file.getFileName());
        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
        return "\n(the file: " + to.toAbsolutePath() + ")";
    }

    private static String summary(Map<Damage, int[]> exits) {
        StringBuilder sb = new StringBuilder();
        exits.forEach((d, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(d).append(' ').append(n[0]).append('/')
                .append(n[1]));
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
