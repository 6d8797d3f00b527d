package pxlab.rules;

import java.util.LinkedHashSet;
import java.util.PriorityQueue;
import java.util.Set;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.IRange;
import org.openjdk.jmc.common.unit.UnitLookup;
import pxlab.jfr.EventDecoder;
import pxlab.jfr.EventSink;
import pxlab.jfr.RecordingInfo;

/**
 * Feeds the analyzer's event records from a JMC {@link IItemCollection} instead of a file: it walks JMC's item
 * iterables, merged into time order, and hands each event of a type the analyzer reads to {@link EventDecoder}
 * through an {@link ItemEventView}, so the mapping from events to records is the one
 * {@code pxlab.jfr.chunk.RecordingReader} uses, and the trace, the classification and the replay are the library's
 * own.
 */
final class ItemsReader {

    private ItemsReader() {
    }

    /**
     * Sends every event of the types the analyzer reads to a sink, between {@link EventSink#begin} and
     * {@link EventSink#end}.
     *
     * <p>The recording's span is that of JMC's chunk time ranges, which come from the chunk headers as the file
     * reader's do; its declared types are those JMC has iterables for.
     *
     * @param items The recording as JMC loaded it.
     * @param name  What to call the recording in the trace.
     * @param sink  The sink, usually a {@code TraceBuilder}.
     */
    static void read(IItemCollection items, String name, EventSink sink) {
        Set<String> types = new LinkedHashSet<>();
        for (IItemIterable it : items) types.add(it.getType().getIdentifier());
        sink.begin(info(items, name, types));
        EventDecoder decoder = new EventDecoder(sink);
        // JMC hands the items over type by type, each type's in time order. The trace's thread registry matches
        // an OS thread id to the Java thread last seen on it (JDK 25 runs main and then DestroyJavaVM on one OS
        // thread), so the events go to the decoder merged into time order, roughly the file's: one view per
        // iterable, the earliest first.
        PriorityQueue<ItemEventView> views = new PriorityQueue<>(ItemEventView.BY_START);
        ItemEventView.Constants constants = new ItemEventView.Constants();
        int lane = 0;
        for (IItemIterable it : items) {
            if (!it.hasItems() || !EventDecoder.READ.contains(it.getType().getIdentifier())) continue;
            ItemEventView view = new ItemEventView(it, lane++, constants);
            if (view.next()) views.add(view);
        }
        while (!views.isEmpty()) {
            // The earliest view's items go on until they pass the next view's: most of a type's events come in runs.
            ItemEventView view = views.poll();
            ItemEventView rival = views.peek();
            boolean more;
            do {
                decoder.decode(view);
                more = view.next();
            } while (more && (rival == null || ItemEventView.BY_START.compare(view, rival) < 0));
            if (more) views.add(view);
        }
        sink.end(decoder.lastEndNs());
    }

    /** The recording's span from JMC's chunk ranges; start and duration 0 (the events' span) without any. */
    private static RecordingInfo info(IItemCollection items, String name, Set<String> types) {
        long startNs = Long.MAX_VALUE;
        long endNs = Long.MIN_VALUE;
        int chunks = 0;
        for (IRange<IQuantity> r : items.getUnfilteredTimeRanges()) {
            startNs = Math.min(startNs, r.getStart().clampedLongValueIn(UnitLookup.EPOCH_NS));
            endNs = Math.max(endNs, r.getEnd().clampedLongValueIn(UnitLookup.EPOCH_NS));
            chunks++;
        }
        if (chunks == 0) return new RecordingInfo(name, 0, 0, 1, types);
        return new RecordingInfo(name, startNs, endNs - startNs, chunks, types);
    }
}
