package pxlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import pxlab.sim.ScheduleSink;

/**
 * Writes the per-CPU schedule as CSV: {@code policy,cpu,start_ns,end_ns,task,donor}, one row per interval.
 * Names are quoted as RFC 4180 says when they need it.
 */
final class ScheduleCsv {

    static final String HEADER = "policy,cpu,start_ns,end_ns,task,donor";

    private final Writer out;

    ScheduleCsv(Writer out) throws IOException {
        this.out = out;
        out.write(HEADER);
        out.write('\n');
    }

    /**
     * Returns a sink that writes one policy's intervals.
     *
     * @param policy The policy's name, written in the first column.
     * @return The sink.
     */
    ScheduleSink sink(String policy) {
        return (cpu, startNs, endNs, task, donor) -> {
            try {
                out.write(policy + ',' + cpu + ',' + startNs + ',' + endNs + ',' + quote(task) + ',' + quote(donor) + '\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static String quote(String s) {
        boolean plain = s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
