package pxlab.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.FinderTotals;
import pxlab.inversion.InversionFinder;
import pxlab.inversion.Inversions;
import pxlab.jfr.RecordingException;
import pxlab.jfr.RecordingInfo;
import pxlab.jfr.chunk.ChunkedRecording;
import pxlab.replay.Replay;
import pxlab.replay.ReplayOptions;
import pxlab.replay.ReplayResult;
import pxlab.replay.WindowHistogram;
import pxlab.report.Times;
import pxlab.sim.Policy;
import pxlab.trace.ChunkEvents;
import pxlab.trace.Coverage;
import pxlab.trace.CoverageCount;
import pxlab.trace.Hold;
import pxlab.trace.Request;
import pxlab.trace.ThreadCarry;
import pxlab.trace.ThreadTimeline;
import pxlab.trace.Trace;
import pxlab.trace.TraceBuilder;
import pxlab.trace.Wait;

/**
 * The {@link Analysis} of a recording too large to hold as one {@link Trace}, in memory that grows with a chunk
 * and the number of threads, not with the file.
 *
 * <p>Pass 1 takes the chunks in file order (which is time order: a chunk holds the events that ended while it was
 * written). For chunk k it builds a trace of k's events, the events of chunks k-1 and k+1 that overlap them, and
 * the thread facts carried from earlier chunks ({@link ThreadCarry}); classifies it with {@link InversionFinder};
 * and adds k's own waits and pinned intervals, and only those, to whole-file totals ({@link AnalysisTotals},
 * {@link PinningTotals}, {@link FinderTotals}, {@link CoverageCount}, a {@link WindowHistogram}). Then chunk k-1
 * is dropped. While chunk k's window is classified, a second thread decodes the chunks after it. Pass 2 reads only the
 * chunks around the replay window the histogram chose, builds that stretch's trace and replays it.
 *
 * <p>A one-chunk file is analyzed whole, exactly as {@link Analysis#of} over its trace: a chunk is no larger
 * than one window. Otherwise the result can differ from the whole-trace one in four ways, the first three stated
 * in the report's limitations: an event written more than one chunk away from a wait it
 * overlaps is not seen (a wait longer than a chunk's span); the lists are cut to {@link #MAX_LISTED}; and the
 * replay window is chosen to the histogram's resolution and holds at most {@link #MAX_REPLAY_WAITS} waits; and
 * two threads of the same name are told apart ({@code name#id}) only in windows that see both, so such a thread
 * can be reported under its bare name, and matched by {@code --threads} as such.
 */
final class LargeAnalysis {

    /** Inversions listed when all were asked for: a list of millions is not a report. */
    public static final int MAX_LISTED = 1000;
    /** Waits a replay window may hold: replay time and memory grow with them. */
    public static final long MAX_REPLAY_WAITS = 50_000;
    /** The agent samples each thread's CPU time once a second; a stretch's share is read between two samples. */
    static final long SAMPLE_MARGIN_NS = 1_100_000_000L;

    private final ChunkedRecording recording;
    private final RecordingInfo info;
    private final ReplayOptions options;
    private final Progress progress;
    private final AnalysisTotals totals;
    private final FinderTotals finder = new FinderTotals();
    private final PinningTotals pinning = new PinningTotals();
    private final CoverageCount count = new CoverageCount();
    private final WindowHistogram histogram;
    private final ThreadCarry carry = new ThreadCarry();
    /** The carry as it stood before each chunk, for pass 2: one small map per chunk. */
    private final List<ThreadCarry> carryBefore = new ArrayList<>();
    private final Set<String> threads = new TreeSet<>();
    private int pxlabWaits;
    private int monitorWaits;
    private int parkWaits;
    private int dropped;
    /** The most event records and trace waits held at once: what must not grow with the file. */
    private long peakHeld;

    /**
     * Returns the most event records and trace waits and holds pass 1 held at once.
     *
     * @return The count, for tests: it must follow the chunk size, not the file's.
     */
    long peakHeld() {
        return peakHeld;
    }

    LargeAnalysis(ChunkedRecording recording, ReplayOptions options, int top, Progress progress) {
        this.recording = recording;
        this.info = recording.info();
        this.options = options;
        this.progress = progress;
        this.totals = new AnalysisTotals(top);
        this.histogram = new WindowHistogram(info.startNs());
    }

    /**
     * Analyzes a recording chunk by chunk; a one-chunk file is analyzed whole ({@link Analyzer#whole}), as a chunk
     * is no larger than one window.
     *
     * @param file     The recording.
     * @param options  The replay options; their thread pattern sets the report's scope.
     * @param top      How many inversions to list; 0 for {@link #MAX_LISTED}.
     * @param progress Told what is being done.
     * @return The analysis.
     * @throws RecordingException When the file cannot be read as a recording.
     */
    static Analysis run(Path file, ReplayOptions options, int top, Progress progress) throws RecordingException {
        ChunkedRecording recording = ChunkedRecording.open(file);
        if (recording.chunks() == 1) {
            return Analyzer.whole(file, AnalysisOptions.DEFAULT.withReplay(options).withTop(top), progress);
        }
        return chunked(recording, options, top, progress);
    }

    /** Pass 1 and 2 even on a one-chunk file: for tests that compare them with {@link Analyzer#whole}. */
    static Analysis chunked(ChunkedRecording recording, ReplayOptions options, int top, Progress progress)
            throws RecordingException {
        int keep = top == 0 ? MAX_LISTED : top;
        return new LargeAnalysis(recording, options, keep, progress).analyze(keep, top);
    }

    Analysis analyze(int keep, int top) throws RecordingException {
        int n = recording.chunks();
        // Windows are classified here, one at a time, while a second CPU decodes the chunks ahead: the two take
        // about as long. Two windows at once, or two decoding threads, measured no faster on the 10M-event benchmark
        // (the collector's time grows with the windows held), and two windows needed half as much heap again.
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pxlab-chunk-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ChunkEvents>> reads = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                while (reads.size() < Math.min(n, k + READ_AHEAD)) {
                    int chunk = reads.size();
                    reads.add(reader.submit(() -> read(chunk)));
                }
                ChunkEvents prev = k > 0 ? await(reads.get(k - 1)) : null;
                ChunkEvents core = await(reads.get(k));
                ChunkEvents next = k + 1 < n ? await(reads.get(k + 1)) : null;
                progress.step("classifying chunk " + (k + 1) + " of " + n);
                core.countInto(count);
                carryBefore.add(carry.snapshot());
                classify(k, prev, core, next);
                if (prev != null) prev.carryInto(carry);
                if (k >= 2) reads.set(k - 2, null);   // no window needs it any more
            }
        } finally {
            reader.shutdownNow();
        }
        Coverage coverage = count.coverage(info, pxlabWaits, monitorWaits, parkWaits, dropped);
        long startNs = count.startNs(info);
        long endNs = startNs + count.durationNs(info);
        Analysis.Recording rec = new Analysis.Recording(info.file(), count.cpus(), startNs, endNs - startNs,
                threads.size(), coverage.agent());
        Set<String> limitations = new LinkedHashSet<>(finder.limitations(coverage));
        Analysis.Summary summary = totals.summary();
        Window w = summary.waits() == 0 ? null : replay(startNs, endNs);
        if (w != null) limitations.addAll(w.replay.limitations());
        limitations.add(limitation(keep, top, w));
        return new Analysis(rec, summary, pinning.pinning(keep), totals.inversions(), totals.unknownPriority(),
                w == null ? List.of() : w.waits, w == null ? List.of() : w.requests, totals.invertedWaiters(),
                w == null ? null : w.replay, options, keep, new ArrayList<>(limitations));
    }

    /** Chunks decoded ahead of the one being classified: its neighbour, and one more to overlap with it. */
    private static final int READ_AHEAD = 3;

    private static <T> T await(Future<T> f) throws RecordingException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a chunk", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordingException r) throw r;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private ChunkEvents read(int chunk) throws RecordingException {
        ChunkEvents events = new ChunkEvents();
        recording.read(chunk, events);
        return events;
    }

    /**
     * Pass 1 for one chunk: classifies its waits with its neighbours' events and the carried thread facts in view,
     * and adds its own waits and pinned intervals, and only those, to the totals. Each wait is added as it is
     * classified, so that classified waits do not outlive their turn: a window's trace is what it holds.
     */
    private void classify(int k, ChunkEvents prev, ChunkEvents core, ChunkEvents next) {
        if (core.size() == 0) return;
        TraceBuilder b = new TraceBuilder();
        b.begin(info);
        carry.feed(b);
        long fromNs = core.fromNs();
        long toNs = core.toNs() + InversionFinder.SCHED_LOOKAHEAD_NS;
        if (prev != null) prev.feedOverlapping(b, fromNs, toNs, 0);
        long first = b.nextSeq();
        core.feed(b);
        long last = b.nextSeq();
        if (next != null) next.feedOverlapping(b, fromNs, toNs, 0);
        Trace trace = b.build();
        int waitsBefore = pxlabWaits + monitorWaits + parkWaits;
        InversionFinder.classifyEach(trace, c -> {
            long seq = c.lockWait().seq();
            if (seq >= first && seq < last) add(c, k);
        });
        int ownWaits = pxlabWaits + monitorWaits + parkWaits - waitsBefore;
        pinning.addChunk(core, trace, options.threads());
        peakHeld = Math.max(peakHeld, (prev == null ? 0 : prev.size()) + core.size()
                + (next == null ? 0 : next.size()) + trace.waits().size() + trace.holds().size());
        int ownOthers = 0;
        for (Hold h : trace.holds()) if (h.seq() >= first && h.seq() < last) ownOthers++;
        for (Request r : trace.requests()) if (r.seq() >= first && r.seq() < last) ownOthers++;
        dropped += (int) (last - first) - ownWaits - ownOthers;   // JDK waits merged into the agent's
        // Counted by identity: a name can differ between windows (see the class comment).
        for (ThreadTimeline t : trace.threads()) {
            threads.add(t.thread().javaId() > 0 ? "j" + t.thread().javaId() : "tid" + t.thread().osId());
        }
    }

    /** Adds one of a chunk's own classified waits to the totals. */
    private void add(ClassifiedWait c, int chunk) {
        Wait w = c.lockWait();
        finder.add(c);
        histogram.add(w.startNs(), w.durationNs(), c.inversion());
        switch (w.source()) {
            case PXLAB: pxlabWaits++; break;
            case MONITOR_ENTER: monitorWaits++; break;
            default: parkWaits++;
        }
        if (Analysis.inScope(options.threads(), w.waiter().name())) totals.add(c, chunk);
    }

    /** What pass 2 gives the report: the replay and the recorded waits and requests of its window. */
    private record Window(ReplayResult replay, List<ClassifiedWait> waits, List<Request> requests) {
    }

    /** Pass 2: the trace of the chosen window and the chunks around it, replayed. */
    private Window replay(long startNs, long endNs) throws RecordingException {
        long[] window = histogram.choose(startNs, endNs, options.maxWindowNs(), MAX_REPLAY_WAITS);
        long fromNs = window[0];
        long toNs = window[1];
        // Without CPU samples there is nothing to find outside the window: read no more chunks than it needs.
        long marginNs = count.cpuSamples() ? SAMPLE_MARGIN_NS : 0;
        int first = -1;
        int last = -1;
        for (int k = 0; k < recording.chunks(); k++) {
            boolean overlaps = recording.endNs(k) >= fromNs - marginNs && recording.startNs(k) <= toNs + marginNs;
            if (overlaps && first < 0) first = k;
            if (overlaps) last = k;
        }
        // A chunk holds what ended while it was written: a wait that began in the window can sit one chunk later.
        first = Math.max(0, first < 0 ? 0 : first - 1);
        last = Math.min(recording.chunks() - 1, last < 0 ? recording.chunks() - 1 : last + 1);
        TraceBuilder b = new TraceBuilder();
        b.begin(info);
        carryBefore.get(first).feed(b);
        for (int k = first; k <= last; k++) {
            progress.step("reading chunk " + (k + 1) + " for the replay");
            read(k).feedOverlapping(b, fromNs, toNs + InversionFinder.SCHED_LOOKAHEAD_NS, marginNs);
        }
        Trace trace = b.build();
        progress.step("replaying under " + Policy.keys(options.policies()));
        // The CPU count is the whole file's: the window's chunks need not hold a jdk.CPUInformation.
        ReplayOptions o = options.cpus() <= 0 && count.cpus() > 0 ? options.withCpus(count.cpus()) : options;
        ReplayResult replay = Replay.run(trace, fromNs, toNs, o);
        Inversions found = InversionFinder.find(trace);
        List<ClassifiedWait> waits = new ArrayList<>();
        for (ClassifiedWait c : found.waits()) {
            Wait w = c.lockWait();
            if (w.startNs() >= fromNs && w.startNs() < toNs && Analysis.inScope(options.threads(), w.waiter().name()))
                waits.add(c);
        }
        List<Request> requests = new ArrayList<>();
        for (Request r : trace.requests()) {
            if (Analysis.inScope(options.threads(), r.thread().name())) requests.add(r);
        }
        return new Window(replay, waits, requests);
    }

    private String limitation(int keep, int top, Window w) {
        String lists = top == 0 ? " Lists hold the " + keep + " longest." : "";
        String replay = w == null ? "" : " The replay covers the " + Times.format(w.replay.toNs() - w.replay.fromNs())
                + " with the most inversion time, at most " + MAX_REPLAY_WAITS + " waits.";
        return "This recording was read chunk by chunk (" + recording.chunks() + " chunks): a wait's owner is judged"
                + " from its own and the neighbouring chunks." + lists + replay;
    }
}
