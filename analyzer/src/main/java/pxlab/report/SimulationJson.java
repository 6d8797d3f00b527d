package pxlab.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import pxlab.sim.ProxyConfig;
import pxlab.sim.SimConfig;
import pxlab.sim.SimResult;

/**
 * Writes a {@link Simulation} as JSON, in the shape docs/cli.md documents:
 * {@code {"policies": {"proxy": {"end_ns": …, "tasks": {"fg": {…}}, "locks": {"A": {…}}}, …}}}.
 *
 * <p>Keys come in a fixed order and tasks and locks in the scenario's order, so the same input gives
 * byte-identical output. Times are integer nanoseconds; a task that did not finish has {@code "finished_ns": null}.
 */
public final class SimulationJson {

    private SimulationJson() {
    }

    /**
     * Writes the report.
     *
     * @param sim The simulation.
     * @param out Where to write; not closed.
     * @throws IOException if writing fails.
     */
    public static void write(Simulation sim, Writer out) throws IOException {
        try (JsonGenerator g = JsonParts.generator(out)) {
            g.writeStartObject();
            g.writeStringField("scenario", sim.source());
            g.writeNumberField("cpus", sim.cpus());
            writeConfig(g, sim.config(), sim.cpus());
            g.writeObjectFieldStart("policies");
            for (SimResult r : sim.results()) {
                g.writeObjectFieldStart(r.policy().key());
                writeResult(g, r);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeConfig(JsonGenerator g, SimConfig c, int cpus) throws IOException {
        g.writeObjectFieldStart("config");
        g.writeNumberField("base_slice_ns", c.effectiveBaseSliceNs(cpus));
        g.writeNumberField("tick_ns", c.tickNs());
        g.writeObjectFieldStart("costs");
        g.writeNumberField("switch_ns", c.switchNs());
        g.writeNumberField("wakeup_ns", c.wakeupNs());
        g.writeNumberField("migrate_ns", c.migrateNs());
        g.writeEndObject();
        g.writeNumberField("rr_quantum_ns", c.rrQuantumNs());
        g.writeNumberField("balance_interval_ns", c.balanceIntervalNs());
        g.writeStringField("lock_mode", c.lockMode().key());
        ProxyConfig p = c.proxy();
        g.writeObjectFieldStart("proxy");
        g.writeStringField("preset", p.presetName());
        g.writeBooleanField("donor_migration", p.donorMigration());
        g.writeBooleanField("return_migration", p.returnMigration());
        g.writeStringField("sleeping_owner", p.sleepingOwner().name().toLowerCase(java.util.Locale.ROOT));
        g.writeBooleanField("blocked_donor_handoff", p.blockedDonorHandoff());
        g.writeBooleanField("chain_migration", p.chainMigration());
        if (p.lockMode() != null) g.writeStringField("lock_mode", p.lockMode().key());   // only an override
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeResult(JsonGenerator g, SimResult r) throws IOException {
        g.writeNumberField("end_ns", r.endNs());
        g.writeNumberField("events", r.events());
        JsonParts.writeDeadlock(g, r.deadlock(), "tasks");
        g.writeObjectFieldStart("tasks");
        for (SimResult.TaskResult t : r.tasks()) {
            g.writeObjectFieldStart(t.name());
            if (t.finished()) g.writeNumberField("finished_ns", t.finishedNs());
            else g.writeNullField("finished_ns");
            g.writeNumberField("cpu_ns", t.cpuNs());
            g.writeNumberField("spin_ns", t.spinNs());
            g.writeNumberField("lock_wait_ns", t.lockWaitNs());
            g.writeNumberField("runnable_wait_ns", t.runnableWaitNs());
            g.writeNumberField("migrations", t.migrations());
            g.writeObjectFieldStart("requests");
            for (SimResult.RequestStats q : t.requests()) {
                g.writeFieldName(q.name());
                JsonParts.writeStats(g, q);
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("locks");
        for (SimResult.LockResult l : r.locks()) {
            g.writeObjectFieldStart(l.name());
            g.writeNumberField("acquisitions", l.acquisitions());
            g.writeNumberField("contended", l.contended());
            g.writeNumberField("wait_ns", l.waitNs());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
