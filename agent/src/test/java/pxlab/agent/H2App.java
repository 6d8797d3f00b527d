package pxlab.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.api.ErrorCode;

/**
 * A third-party library under load, for {@link LibraryIT}: an in-memory H2 database (default MVStore engine) with
 * {@value #WORKERS} sessions, each on its own thread and {@link Connection}, running a fixed plan of transactions.
 *
 * <p>Each worker's plan is drawn up front from a seeded random generator, so what is done depends only on the
 * worker's index: money transfers between {@value #ACCOUNTS} shared account rows (the hot rows every session
 * fights over, logged in {@code transfer}), orders with an audit row, updates of the worker's own latest order, and
 * read-only reports whose total balance must always equal the conserved total. A transaction that H2 aborts for a
 * deadlock, a lock timeout or a concurrent update is rolled back and retried until it commits, so every planned
 * transaction commits exactly once and the final database is the same under any interleaving. Transfers add and
 * subtract, which commute, so the final balances do not depend on the order either.
 *
 * <p>Output: a {@code RESULT} line whose every field is independent of scheduling (row counts, total balance, total
 * quantity, a checksum over all rows in key order), and a {@code TIMING} line with what scheduling decided (run
 * time, retries by cause). The final state is also checked against a replay of the plans.
 *
 * <p>Exit status: 0 with a {@code RESULT} line; 1 after {@code VIOLATION ...}; 2 after {@code DEADLOCK?} and a thread
 * dump when the workers do not finish within the watchdog time.
 *
 * <p>Arguments: {@code [operations per worker [minimum JVM uptime in ms]]}. The second keeps the JVM alive after
 * the work until that uptime, so that a recording sees at least one of the agent's 1 s periodic events.
 */
public final class H2App {

    /** Sessions, one thread and one connection each. */
    static final int WORKERS = 16;
    /** The shared account rows. */
    static final int ACCOUNTS = 8;
    /** Each account's balance before the run; their sum must hold throughout. */
    static final long INITIAL_BALANCE = 1_000_000;
    /** Transactions per worker unless given. */
    static final int DEFAULT_OPERATIONS = 250;
    /** Keeps every row id unique: worker * ID_STRIDE + index in the plan. */
    static final long ID_STRIDE = 1_000_000;
    /** A transaction aborted this often in a row is a failure, not bad luck. */
    static final int MAX_ATTEMPTS = 1_000;
    /** How long the workers may take before the run counts as hung (system property {@code h2app.watchdogMs}). */
    static final long WATCHDOG_MS = 60_000;
    /** In memory, kept while the JVM lives; a lock wait longer than 5 s fails the statement and is retried. */
    static final String URL = "jdbc:h2:mem:pxlab-h2app;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000";

    private H2App() {
    }

    /** One planned transaction. */
    sealed interface Op permits Transfer, Order, Bump, Report {
    }

    /** Moves {@code amount} from account {@code src} to {@code dst}, and logs it as row {@code id}. */
    record Transfer(long id, int src, int dst, long amount) implements Op {
    }

    /** Inserts order {@code id} and its audit row. */
    record Order(long id, int customer, int qty, long price) implements Op {
    }

    /** Adds one to the quantity of order {@code orderId}, audited as row {@code id}. */
    record Bump(long id, long orderId) implements Op {
    }

    /** Reads aggregates; checks the total balance. */
    record Report() implements Op {
    }

    /**
     * Every worker's plan and the final state it must lead to.
     *
     * @param plans     One list of transactions per worker.
     * @param balances  Each account's final balance, by account id.
     * @param transfers Rows in {@code transfer}.
     * @param orders    Rows in {@code orders}.
     * @param audits    Rows in {@code audit}.
     * @param quantity  Sum of {@code orders.qty}.
     */
    record Plan(List<List<Op>> plans, long[] balances, long transfers, long orders, long audits, long quantity) {

        /**
         * Draws every worker's plan and replays it to find the final state.
         *
         * @param workers    Workers.
         * @param operations Transactions per worker.
         * @return The plan.
         */
        static Plan of(int workers, int operations) {
            List<List<Op>> plans = new ArrayList<>();
            for (int w = 0; w < workers; w++) plans.add(draw(w, operations));
            long[] balances = new long[ACCOUNTS];
            Arrays.fill(balances, INITIAL_BALANCE);
            long transfers = 0;
            long orders = 0;
            long audits = 0;
            long quantity = 0;
            for (List<Op> plan : plans) {
                for (Op op : plan) {
                    if (op instanceof Transfer t) {
                        balances[t.src()] -= t.amount();
                        balances[t.dst()] += t.amount();
                        transfers++;
                    } else if (op instanceof Order o) {
                        orders++;
                        audits++;
                        quantity += o.qty();
                    } else if (op instanceof Bump) {
                        audits++;
                        quantity++;
                    }
                }
            }
            return new Plan(plans, balances, transfers, orders, audits, quantity);
        }

        /** One worker's transactions: four in ten transfers, three orders, one update, two reports. */
        private static List<Op> draw(int worker, int operations) {
            SplittableRandom rnd = new SplittableRandom(0x5eed_0000L + worker);
            List<Op> plan = new ArrayList<>(operations);
            long lastOrder = -1;
            for (int i = 0; i < operations; i++) {
                long id = worker * ID_STRIDE + i;
                int dice = rnd.nextInt(10);
                if (dice < 4) {
                    int src = rnd.nextInt(ACCOUNTS);
                    int dst = (src + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    plan.add(new Transfer(id, src, dst, 1 + rnd.nextInt(100)));
                } else if (dice < 7 || lastOrder < 0) {
                    plan.add(new Order(id, rnd.nextInt(50), 1 + rnd.nextInt(9), 100 + rnd.nextInt(900)));
                    lastOrder = id;
                } else if (dice < 8) {
                    // The worker's own latest order: only this worker writes it, so the update count is fixed.
                    plan.add(new Bump(id, lastOrder));
                } else {
                    plan.add(new Report());
                }
            }
            return plan;
        }
    }

    /**
     * Runs the workload and prints RESULT and TIMING.
     *
     * @param args {@code [operations per worker [minimum JVM uptime in ms]]}.
     * @throws Exception Never on a passing run; a failure prints VIOLATION and exits 1 first.
     */
    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_OPERATIONS;
        long minUptimeMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Plan plan = Plan.of(WORKERS, operations);
        long start = System.nanoTime();
        // This connection keeps the database for the whole run and reads the final state.
        try (Connection admin = DriverManager.getConnection(URL, "sa", "")) {
            createSchema(admin);
            Worker[] workers = runWorkers(plan);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            check(admin, plan);
            System.out.println(result(admin));
            long deadlocks = 0;
            long timeouts = 0;
            long concurrent = 0;
            for (Worker w : workers) {
                deadlocks += w.deadlocks;
                timeouts += w.timeouts;
                concurrent += w.concurrent;
            }
            System.out.println("TIMING ms=" + ms + " deadlocks=" + deadlocks + " lockTimeouts=" + timeouts
                    + " concurrentUpdates=" + concurrent);
            try (Statement s = admin.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        long linger = minUptimeMs - ManagementFactory.getRuntimeMXBean().getUptime();
        if (linger > 0) Thread.sleep(linger);
    }

    private static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE account(id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE transfer(id BIGINT PRIMARY KEY, src INT NOT NULL, dst INT NOT NULL,"
                    + " amount BIGINT NOT NULL)");
            s.execute("CREATE TABLE orders(id BIGINT PRIMARY KEY, customer INT NOT NULL, qty INT NOT NULL,"
                    + " price BIGINT NOT NULL)");
            s.execute("CREATE INDEX orders_customer ON orders(customer)");
            s.execute("CREATE TABLE audit(id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, note VARCHAR(32) NOT NULL)");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO account VALUES (?, ?)")) {
            for (int i = 0; i < ACCOUNTS; i++) {
                p.setInt(1, i);
                p.setLong(2, INITIAL_BALANCE);
                p.executeUpdate();
            }
        }
    }

    /** Starts every worker at once and waits for all of them, or reports a hang or a failure. */
    private static Worker[] runWorkers(Plan plan) throws InterruptedException {
        Worker[] workers = new Worker[WORKERS];
        Thread[] threads = new Thread[WORKERS];
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int w = 0; w < WORKERS; w++) {
            Worker worker = workers[w] = new Worker(plan.plans().get(w));
            threads[w] = new Thread(() -> {
                try {
                    go.await();
                    worker.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "h2-worker-" + w);
            threads[w].start();
        }
        go.countDown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.getLong("h2app.watchdogMs", WATCHDOG_MS));
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) hang(t);
        }
        if (failure.get() != null) violation("a worker failed", failure.get());
        return workers;
    }

    /** One session: its own connection and statements, running its plan in order. */
    private static final class Worker {

        private final List<Op> plan;
        long deadlocks;
        long timeouts;
        long concurrent;

        Worker(List<Op> plan) {
            this.plan = plan;
        }

        void run() throws SQLException, InterruptedException {
            try (Connection c = DriverManager.getConnection(URL, "sa", "");
                 PreparedStatement debit = c.prepareStatement("UPDATE account SET balance = balance - ? WHERE id = ?");
                 PreparedStatement credit = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
                 PreparedStatement log = c.prepareStatement("INSERT INTO transfer VALUES (?, ?, ?, ?)");
                 PreparedStatement order = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)");
                 PreparedStatement bump = c.prepareStatement("UPDATE orders SET qty = qty + 1 WHERE id = ?");
                 PreparedStatement audit = c.prepareStatement("INSERT INTO audit VALUES (?, ?, ?)");
                 PreparedStatement total = c.prepareStatement("SELECT SUM(balance), COUNT(*) FROM account");
                 PreparedStatement byCustomer = c.prepareStatement(
                         "SELECT customer, COUNT(*), SUM(qty * price) FROM orders GROUP BY customer ORDER BY customer")) {
                c.setAutoCommit(false);
                Statements s = new Statements(debit, credit, log, order, bump, audit, total, byCustomer);
                for (Op op : plan) commitOnce(c, s, op);
            }
        }

        /** Runs one transaction until it commits; aborts caused by other sessions are retried. */
        private void commitOnce(Connection c, Statements s, Op op) throws SQLException, InterruptedException {
            for (int attempt = 1; ; attempt++) {
                try {
                    s.apply(op);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt == MAX_ATTEMPTS) throw e;
                    switch (e.getErrorCode()) {
                        case ErrorCode.DEADLOCK_1 -> deadlocks++;
                        case ErrorCode.LOCK_TIMEOUT_1 -> timeouts++;
                        case ErrorCode.CONCURRENT_UPDATE_1 -> concurrent++;
                        default -> throw e;
                    }
                    // Back off a little after repeated aborts so two sessions cannot keep aborting each other.
                    if (attempt > 3) Thread.sleep(1);
                }
            }
        }
    }

    /** A worker's prepared statements, and what each planned transaction executes. */
    private record Statements(PreparedStatement debit, PreparedStatement credit, PreparedStatement log,
                              PreparedStatement order, PreparedStatement bump, PreparedStatement audit,
                              PreparedStatement total, PreparedStatement byCustomer) {

        void apply(Op op) throws SQLException {
            if (op instanceof Transfer t) {
                // Rows in account order: H2 2.4 and 2.5 have a race when two sessions resolve the same deadlock
                // ("illegally transitioned from ROLLING_BACK to ROLLING_BACK", seen without the agent too), so
                // transfers must not deadlock. They still queue on the hot rows, which is the contention wanted.
                if (t.src() < t.dst()) {
                    update(debit, t.amount(), t.src());
                    update(credit, t.amount(), t.dst());
                } else {
                    update(credit, t.amount(), t.dst());
                    update(debit, t.amount(), t.src());
                }
                log.setLong(1, t.id());
                log.setInt(2, t.src());
                log.setInt(3, t.dst());
                log.setLong(4, t.amount());
                log.executeUpdate();
            } else if (op instanceof Order o) {
                order.setLong(1, o.id());
                order.setInt(2, o.customer());
                order.setInt(3, o.qty());
                order.setLong(4, o.price());
                order.executeUpdate();
                audit(o.id(), o.id(), "placed");
            } else if (op instanceof Bump u) {
                bump.setLong(1, u.orderId());
                if (bump.executeUpdate() != 1) throw new IllegalStateException("order " + u.orderId() + " missing");
                audit(u.id(), u.orderId(), "bumped");
            } else {
                report();
            }
        }

        private static void update(PreparedStatement p, long amount, int account) throws SQLException {
            p.setLong(1, amount);
            p.setInt(2, account);
            if (p.executeUpdate() != 1) throw new IllegalStateException("account " + account + " missing");
        }

        private void audit(long id, long orderId, String note) throws SQLException {
            audit.setLong(1, id);
            audit.setLong(2, orderId);
            audit.setString(3, note);
            audit.executeUpdate();
        }

        /** Read-only aggregates; the total balance is checked, the per-customer figures only read. */
        private void report() throws SQLException {
            try (ResultSet r = total.executeQuery()) {
                r.next();
                long sum = r.getLong(1);
                if (sum != ACCOUNTS * INITIAL_BALANCE || r.getInt(2) != ACCOUNTS) {
                    violation("a report saw a total balance of " + sum + " over " + r.getInt(2) + " accounts");
                }
            }
            try (ResultSet r = byCustomer.executeQuery()) {
                while (r.next()) {
                    if (r.getLong(2) <= 0 || r.getLong(3) <= 0) violation("a report saw an empty customer group");
                }
            }
        }
    }

    /** Compares the final database with the replay of the plans. */
    private static void check(Connection c, Plan plan) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, balance FROM account ORDER BY id")) {
            for (int i = 0; i < ACCOUNTS; i++) {
                if (!r.next() || r.getInt(1) != i || r.getLong(2) != plan.balances()[i]) {
                    violation("account " + i + " should hold " + plan.balances()[i]);
                }
            }
        }
        expect(c, "SELECT COUNT(*) FROM transfer", plan.transfers());
        expect(c, "SELECT COUNT(*) FROM orders", plan.orders());
        expect(c, "SELECT COUNT(*) FROM audit", plan.audits());
        expect(c, "SELECT SUM(qty) FROM orders", plan.quantity());
    }

    private static void expect(Connection c, String query, long expected) throws SQLException {
        long actual = scalar(c, query);
        if (actual != expected) violation(query + ": expected " + expected + " but was " + actual);
    }

    private static long scalar(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The RESULT line: only figures that no interleaving can change. */
    private static String result(Connection c) throws SQLException {
        return "RESULT accounts=" + scalar(c, "SELECT COUNT(*) FROM account")
                + " balance=" + scalar(c, "SELECT SUM(balance) FROM account")
                + " transfers=" + scalar(c, "SELECT COUNT(*) FROM transfer")
                + " orders=" + scalar(c, "SELECT COUNT(*) FROM orders")
                + " audits=" + scalar(c, "SELECT COUNT(*) FROM audit")
                + " quantity=" + scalar(c, "SELECT SUM(qty) FROM orders")
                + " checksum=" + checksum(c);
    }

    /** SHA-256 (first 8 bytes) over every row of every table, in key order. */
    private static String checksum(Connection c) throws SQLException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String table : List.of("account", "transfer", "orders", "audit")) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder row = new StringBuilder(table);
                    for (int i = 1; i <= columns; i++) row.append('|').append(r.getString(i));
                    md.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /** Reports the first violation and ends the JVM with status 1. */
    static synchronized void violation(String message) {
        violation(message, null);
    }

    private static synchronized void violation(String message, Throwable cause) {
        System.out.println("VIOLATION " + message + " (in " + Thread.currentThread().getName() + ")");
        if (cause != null) cause.printStackTrace(System.out);
        System.out.flush();
        exit(1);
    }

    /** A worker did not finish in time: print the threads and end with status 2. */
    private static void hang(Thread stuck) {
        StringBuilder b = new StringBuilder("DEADLOCK? ").append(stuck.getName()).append(" did not finish in time\n");
        for (ThreadInfo ti : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) b.append(ti);
        System.out.println(b);
        System.out.flush();
        exit(2);
    }

    /** Exits, and halts if exiting hangs (a shutdown hook, such as the recording's, stuck behind a wedged lock). */
    private static void exit(int status) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException ignored) {
                // Halting now is as good.
            }
            Runtime.getRuntime().halt(status);
        }, "halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }
}
