package pxlab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task's program compiled to a flat instruction array, so stepping needs no allocation and {@code repeat}
 * costs two jumps. Locks and request names are resolved to indexes once.
 */
final class Program {

    static final byte RUN = 0, SLEEP = 1, LOCK = 2, UNLOCK = 3, MARK_BEGIN = 4, MARK_END = 5, LOOP = 6, END_LOOP = 7,
            SLEEP_UNTIL = 8;

    final byte[] kind;
    /** RUN/SLEEP: nanoseconds; SLEEP_UNTIL: the model's time; LOCK/UNLOCK: lock index; MARK: request index; LOOP: count. */
    final long[] arg;
    /** LOOP: index after its END_LOOP; END_LOOP: index of its LOOP. */
    final int[] jump;
    /** Request names, indexed by a MARK's argument. */
    final List<String> requests;

    private Program(byte[] kind, long[] arg, int[] jump, List<String> requests) {
        this.kind = kind;
        this.arg = arg;
        this.jump = jump;
        this.requests = requests;
    }

    int length() {
        return kind.length;
    }

    /**
     * Compiles a program.
     *
     * @param ops       The steps.
     * @param lockIndex Lock name to index.
     * @return The compiled program.
     * @throws IllegalArgumentException if a step names an unknown lock.
     */
    static Program compile(List<Op> ops, Map<String, Integer> lockIndex) {
        Builder b = new Builder(lockIndex);
        b.emit(ops);
        int n = b.kinds.size();
        byte[] kind = new byte[n];
        long[] arg = new long[n];
        int[] jump = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = b.kinds.get(i);
            arg[i] = b.args.get(i);
            jump[i] = b.jumps.get(i);
        }
        return new Program(kind, arg, jump, List.copyOf(b.requests));
    }

    private static final class Builder {
        final Map<String, Integer> lockIndex;
        final List<Byte> kinds = new ArrayList<>();
        final List<Long> args = new ArrayList<>();
        final List<Integer> jumps = new ArrayList<>();
        final List<String> requests = new ArrayList<>();

        Builder(Map<String, Integer> lockIndex) {
            this.lockIndex = lockIndex;
        }

        int add(byte k, long a) {
            kinds.add(k);
            args.add(a);
            jumps.add(-1);
            return kinds.size() - 1;
        }

        int lock(String name) {
            Integer i = lockIndex.get(name);
            if (i == null) throw new IllegalArgumentException("unknown lock '" + name + "'");
            return i;
        }

        int request(String name) {
            int i = requests.indexOf(name);
            if (i < 0) {
                requests.add(name);
                i = requests.size() - 1;
            }
            return i;
        }

        void emit(List<Op> ops) {
            for (Op op : ops) {
                if (op instanceof Op.Run r) {
                    if (r.ns() > 0) add(RUN, r.ns());
                } else if (op instanceof Op.Sleep s) {
                    add(SLEEP, s.ns());
                } else if (op instanceof Op.SleepUntil s) {
                    add(SLEEP_UNTIL, s.atNs());
                } else if (op instanceof Op.Lock l) {
                    add(LOCK, lock(l.lock()));
                } else if (op instanceof Op.Unlock u) {
                    add(UNLOCK, lock(u.lock()));
                } else if (op instanceof Op.Mark m) {
                    add(m.begin() ? MARK_BEGIN : MARK_END, request(m.name()));
                } else if (op instanceof Op.Repeat rep) {
                    if (rep.count() == 0 || rep.steps().isEmpty()) continue;
                    int loop = add(LOOP, rep.count());
                    emit(rep.steps());
                    int end = add(END_LOOP, 0);
                    jumps.set(loop, end + 1);
                    jumps.set(end, loop);
                }
            }
        }
    }
}
