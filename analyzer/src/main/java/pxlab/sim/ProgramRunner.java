package pxlab.sim;

/**
 * Steps tasks through their programs: the zero-time steps ({@code lock}, {@code unlock}, {@code mark}, loops) run
 * at once, until the task needs the CPU for a while ({@code run}), spins, blocks, sleeps or ends.
 */
final class ProgramRunner {

    private final Simulator sim;

    ProgramRunner(Simulator sim) {
        this.sim = sim;
    }

    /**
     * Runs a task's program from its cursor until it needs the CPU for a while, spins, blocks, sleeps or ends.
     *
     * @param rq The CPU the task runs on.
     * @param p  The running task.
     */
    void step(Runqueue rq, Task p) {
        Program prog = p.program;
        while (true) {
            if (p.pc >= prog.length()) {
                sim.exit(rq, p);
                return;
            }
            int pc = p.pc;
            long arg = prog.arg[pc];
            switch (prog.kind[pc]) {
                case Program.RUN -> {
                    p.runLeftNs = arg;
                    p.pc++;
                    sim.armSegment(rq);
                    return;
                }
                case Program.SLEEP -> {
                    p.pc++;
                    sim.sleep(rq, p, arg);
                    return;
                }
                case Program.SLEEP_UNTIL -> {
                    p.pc++;
                    if (arg > sim.now) {
                        sim.sleep(rq, p, arg - sim.now);
                        return;
                    }
                }
                case Program.LOCK -> {
                    if (!sim.locking.lock(rq, p, sim.locks[(int) arg])) return;
                    p.pc++;
                }
                case Program.UNLOCK -> {
                    sim.locking.unlock(p, sim.locks[(int) arg]);
                    p.pc++;
                }
                case Program.MARK_BEGIN -> {
                    p.markBeginNs[(int) arg] = sim.now;
                    p.pc++;
                }
                case Program.MARK_END -> {
                    int r = (int) arg;
                    if (p.markBeginNs[r] >= 0) p.latencies[r].add(sim.now - p.markBeginNs[r]);
                    p.markBeginNs[r] = -1;
                    p.pc++;
                }
                case Program.LOOP -> {
                    p.loopLeft[pc] = arg;
                    p.pc++;
                }
                case Program.END_LOOP -> {
                    int loop = prog.jump[pc];
                    if (--p.loopLeft[loop] > 0) p.pc = loop + 1;
                    else p.pc++;
                }
                default -> throw new IllegalStateException("instruction " + prog.kind[pc]);
            }
        }
    }
}
