package io.fasterapi.pg;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fasterapi.core.Future;
import io.fasterapi.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver through a real PgBouncer in transaction pooling mode ({@link PgBouncerProcess}: Debian's
 * pgbouncer, its own config on a free port in front of the shared test server, two server connections)
 * with {@code pooler=transaction}: what makes sense behind such a pooler works (simple and extended
 * queries, type round trips, per-database types, many concurrent callers over two server connections,
 * transactions and their retries, COPY, batches, streams, the shared handle); what cannot work (session
 * settings, LISTEN, SQL PREPARE, held cursors, session advisory locks, temporary tables) is refused with
 * an error naming the setting; and without the setting, the failure PgBouncer causes names it. Skipped,
 * saying so, only where pgbouncer cannot be installed ({@code scripts/ensure-pgbouncer.sh}).
 */
class PgBouncerTransactionModeTest {
    /** PgBouncer's server connections to PostgreSQL for the database: fewer than the driver's clients. */
    static final int SERVER_CONNECTIONS = 2;

    static PgBouncerProcess bouncer;
    static PgPool pool;
    static PgPool direct;
    static String schema;

    record Item(int id, String name, BigDecimal price) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(PgBouncerProcess.available(), "pgbouncer is not installed and cannot be installed here:"
                + " scripts/ensure-pgbouncer.sh installs Debian's pgbouncer package (as root)");
        bouncer = new PgBouncerProcess("transaction", SERVER_CONNECTIONS);
        System.err.println("PgBouncerTransactionModeTest: " + PgBouncerProcess.version());
        schema = TestPostgres.uniqueSchema(PgBouncerTransactionModeTest.class);
        direct = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(2).build();
        try (Pg pg = direct.get()) {
            pg.script("CREATE SCHEMA " + schema + "; CREATE TYPE " + schema + ".mood AS ENUM ('sad', 'ok', 'happy');"
                    + " CREATE TABLE " + schema + ".items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2))");
        }
        pool = PgPool.builder(bouncer.dsn("pooler=transaction")).threads(2).maxSize(8)
                .defaultDeadline(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void tearDown() {
        if (pool != null) {
            pool.close();
        }
        if (direct != null) {
            try (Pg pg = direct.get()) {
                pg.script("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } finally {
                direct.close();
            }
        }
        if (bouncer != null) {
            bouncer.close();
        }
    }

    private static String t(String name) {
        return schema + "." + name;
    }

    // ------------------------------------------------------------------ what works

    @Test
    void simpleQueriesRunOnTheSimpleProtocol() {
        try (Pg pg = pool.get()) {
            List<QueryResult> results = pg.script("SELECT 1; SELECT 'two'");
            assertThat(results.get(0).scalar(Integer.class)).isEqualTo(1);
            assertThat(results.get(1).scalar(String.class)).isEqualTo("two");
            assertThat(pg.exec("SELECT 41 + 1").scalar(Integer.class)).isEqualTo(42);
        }
    }

    @Test
    void extendedQueriesWithParametersAndPreparedQueriesRunUnnamed() {
        PreparedQuery q = PreparedQuery.of("SELECT $1::int * 2, $2::text || '!'");
        try (Pg pg = pool.get()) {
            for (int i = 0; i < 20; i++) {
                Row row = pg.exec("SELECT $1::int + 1, upper($2)", i, "abc").one();
                assertThat(row.getInt(0)).isEqualTo(i + 1);
                assertThat(row.getString(1)).isEqualTo("ABC");
                Row r2 = pg.run(q, i, "x").one();
                assertThat(r2.getInt(0)).isEqualTo(i * 2);
                assertThat(r2.getString(1)).isEqualTo("x!");
            }
            assertThat(((io.fasterapi.pg.internal.pool.PgSession) pg).connection().preparedCount())
                    .as("nothing named is left on a server session").isZero();
        }
    }

    @Test
    void typesRoundTripIncludingPerDatabaseTypes() {
        UUID uuid = UUID.randomUUID();
        OffsetDateTime ts = OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000, ZoneOffset.UTC);
        try (Pg pg = pool.get()) {
            Row row = pg.exec("SELECT $1::int8, $2::text, $3::numeric, $4::uuid, $5::timestamptz, $6::date, $7::bytea,"
                    + " $8::jsonb, $9::int4[], $10::bool, $11::float8, $12::text[]",
                    Long.MAX_VALUE, "héllo ✓", new BigDecimal("12345.6789"), uuid, ts, LocalDate.of(1999, 12, 31),
                    new byte[] {0, 1, (byte) 0xff}, Json.of("{\"a\": [1, 2]}"), new int[] {1, 2, 3}, true, 2.5,
                    List.of("a", "b c")).one();
            assertThat(row.get(0, Long.class)).isEqualTo(Long.MAX_VALUE);
            assertThat(row.getString(1)).isEqualTo("héllo ✓");
            assertThat(row.get(2, BigDecimal.class)).isEqualByComparingTo("12345.6789");
            assertThat(row.get(3, UUID.class)).isEqualTo(uuid);
            assertThat(row.get(4, OffsetDateTime.class).toInstant()).isEqualTo(ts.toInstant());
            assertThat(row.get(5, LocalDate.class)).isEqualTo(LocalDate.of(1999, 12, 31));
            assertThat(row.get(6, byte[].class)).containsExactly(0, 1, 0xff);
            assertThat(row.get(7, Json.class).toString()).contains("\"a\"");
            assertThat(row.get(8, int[].class)).containsExactly(1, 2, 3);
            assertThat(row.getBoolean(9)).isTrue();
            assertThat(row.getDouble(10)).isEqualTo(2.5);
            assertThat(row.get(11, String[].class)).containsExactly("a", "b c");
            // An enum of this database: its OID is looked up (after a Sync) and the statement sent again.
            Row mood = pg.exec("SELECT $1::" + t("mood") + ", ARRAY['sad','happy']::" + t("mood") + "[]", "ok").one();
            assertThat(mood.getString(0)).isEqualTo("ok");
            assertThat(mood.get(1, String[].class)).containsExactly("sad", "happy");
        }
    }

    @Test
    void manyConcurrentCallersShareFewServerConnections() {
        int n = 400;
        List<Future<QueryResult>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(pool.execAsync("SELECT $1::int * 3, pg_backend_pid()", i));
        }
        Set<Integer> serverPids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Row row = answers.get(i).await(Duration.ofSeconds(30)).one();
            assertThat(row.getInt(0)).isEqualTo(i * 3);
            serverPids.add(row.getInt(1));
        }
        assertThat(serverPids).as("PgBouncer's server connections, not one per client").hasSizeLessThanOrEqualTo(
                SERVER_CONNECTIONS);
        // Blocking callers on virtual threads, each with a handle of its own, at once.
        List<Thread> threads = new ArrayList<>();
        AtomicInteger right = new AtomicInteger();
        for (int i = 0; i < 32; i++) {
            int k = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Pg pg = pool.get()) {
                    for (int j = 0; j < 10; j++) {
                        if (pg.exec("SELECT $1::int + $2::int", k, j).scalar(Integer.class) == k + j) {
                            right.incrementAndGet();
                        }
                    }
                }
            }));
        }
        threads.forEach(th -> {
            try {
                th.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(right.get()).isEqualTo(320);
    }

    @Test
    void statementsQueuedOnOneHandleAreAllAnswered() {
        // Without one unit at a time, PgBouncer 1.18 hands the server connection back at the first idle
        // ReadyForQuery and drops the answers behind it: these would wait until their deadline.
        try (Pg pg = pool.get().withDeadline(Duration.ofSeconds(5))) {
            List<Future<QueryResult>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(pg.execAsync("SELECT $1::int", i));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(answers.get(i).await().scalar(Integer.class)).isEqualTo(i);
            }
        }
    }

    @Test
    void transactionsCommitRollBackAndRetry() {
        AtomicInteger attempts = new AtomicInteger();
        try (Pg pg = pool.get()) {
            int inserted = pg.tx(TxIsolation.SERIALIZABLE, 3, tx -> {
                tx.exec("INSERT INTO " + t("items") + " VALUES ($1, $2, $3)", 100, "retried", new BigDecimal("1.50"));
                if (attempts.incrementAndGet() == 1) {
                    tx.exec("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$");
                }
                return tx.exec("SELECT count(*) FROM " + t("items") + " WHERE id = 100").scalar(Integer.class);
            });
            assertThat(attempts.get()).isEqualTo(2);
            assertThat(inserted).isEqualTo(1);
            assertThatThrownBy(() -> pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> {
                tx.exec("INSERT INTO " + t("items") + " VALUES (101, 'rolled back', 1)");
                throw new IllegalStateException("no");
            })).isInstanceOf(IllegalStateException.class);
            try (Tx tx = pg.begin()) {
                tx.exec("SET LOCAL statement_timeout = '5s'");
                assertThat(tx.exec("SHOW statement_timeout").scalar(String.class)).isEqualTo("5s");
                tx.exec("SELECT pg_advisory_xact_lock(4242)");
                tx.exec("CREATE TEMP TABLE scratch (x int) ON COMMIT DROP");
                tx.exec("INSERT INTO scratch VALUES (1)");
                tx.commit();
            }
        }
        try (Pg pg = direct.get()) {
            assertThat(pg.exec("SELECT id FROM " + t("items") + " WHERE id IN (100, 101)").all())
                    .extracting(r -> r.getInt(0)).containsExactly(100);
        }
    }

    @Test
    void copyInAndOutInsideATransaction() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Pg pg = pool.get()) {
            pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> {
                try (CopyIn in = tx.copyIn("COPY " + t("items") + " (id, name, price) FROM STDIN CSV")) {
                    in.write("200,copied,9.99\n201,\"with, comma\",0.50\n".getBytes(UTF_8));
                }
                tx.copyOut("COPY (SELECT id, name FROM " + t("items") + " WHERE id BETWEEN 200 AND 201 ORDER BY id) TO STDOUT CSV",
                        out);
                return null;
            });
        }
        assertThat(out.toString(UTF_8)).isEqualTo("200,copied\n201,\"with, comma\"\n");
    }

    @Test
    void batchesRunInOneUnitInAndOutOfATransaction() {
        PreparedQuery insert = PreparedQuery.of("INSERT INTO " + t("items") + " VALUES ($1, $2, $3)");
        try (Pg pg = pool.get()) {
            long n = pg.runMany(insert, IntStream.range(300, 800)
                    .mapToObj(i -> new Object[] {i, "batch " + i, new BigDecimal(i)}).iterator());
            assertThat(n).isEqualTo(500);
            long m = pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> tx.runMany(insert,
                    List.of(new Object[] {900, "a", BigDecimal.ONE}, new Object[] {901, "b", BigDecimal.TEN})));
            assertThat(m).isEqualTo(2);
            assertThat(pg.exec("SELECT count(*) FROM " + t("items") + " WHERE id >= 300 AND id < 1000")
                    .scalar(Integer.class)).isEqualTo(502);
        }
    }

    @Test
    void streamsReadInChunksInsideATransactionAndOutside() {
        try (Pg pg = pool.get()) {
            int sum = pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> {
                int s = 0;
                try (RowStream rows = tx.stream("SELECT g FROM generate_series(1, $1::int) g", 7, 100)) {
                    for (Row r : rows) {
                        s += r.getInt(0);
                    }
                }
                return s;
            });
            assertThat(sum).isEqualTo(5050);
            // Outside a transaction the portal's unit has no Sync until the last chunk: PgBouncer keeps it on one
            // server connection, while other clients' statements run on the other.
            int count = 0;
            try (RowStream rows = pg.stream("SELECT g FROM generate_series(1, 50) g", 4)) {
                for (Row r : rows) {
                    count++;
                    assertThat(pool.execAsync("SELECT 1").await().scalar(Integer.class)).isEqualTo(1);
                }
            }
            assertThat(count).isEqualTo(50);
        }
    }

    @Test
    void theSharedHandleRunsStatementsAndTransactions() {
        try (Pg pg = pool.shared()) {
            assertThat(pg.exec("SELECT $1::text", "shared").scalar(String.class)).isEqualTo("shared");
            pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> tx.exec("INSERT INTO " + t("items") + " VALUES (1000, 'tx', 1)"));
            assertThat(pg.exec("SELECT name FROM " + t("items") + " WHERE id = 1000").scalar(String.class)).isEqualTo("tx");
            assertThatThrownBy(() -> pg.exec("SET search_path = public")).hasMessageContaining("pooler=transaction");
        }
    }

    @Test
    void aHandleGivenBackInsideATransactionIsRolledBack() {
        try (Pg pg = pool.get()) {
            pg.exec("BEGIN");
            pg.exec("INSERT INTO " + t("items") + " VALUES (1100, 'left open', 1)");
        }
        try (Pg pg = direct.get()) {
            assertThat(pg.exec("SELECT count(*) FROM " + t("items") + " WHERE id = 1100").scalar(Integer.class))
                    .isZero();
        }
        assertThat(pool.execAsync("SELECT 7").await().scalar(Integer.class)).isEqualTo(7);
    }

    @Test
    void serverErrorsFailTheirStatementAndTheConnectionServesOn() {
        try (Pg pg = pool.get()) {
            // In the Parse (before the description: the driver then sends the Sync the server waits for) ...
            assertThatThrownBy(() -> pg.exec("SELEC $1::int", 1)).isInstanceOf(SyntaxErrorException.class);
            // ... and in the Bind and the Execute, after it.
            assertThatThrownBy(() -> pg.exec("SELECT $1::int", "not a number")).isInstanceOf(PgException.class);
            assertThatThrownBy(() -> pg.exec("SELECT 1 / $1::int", 0)).isInstanceOf(PgException.class)
                    .extracting(e -> ((PgException) e).code()).isEqualTo("22012");
            assertThatThrownBy(() -> pg.exec("SELECT * FROM " + t("missing_table"))).isInstanceOf(
                    UndefinedTableException.class);
            assertThatThrownBy(() -> pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> {
                tx.exec("INSERT INTO " + t("items") + " VALUES (1200, 'one', 1)");
                return tx.exec("INSERT INTO " + t("items") + " VALUES (1200, 'again', 1)");
            })).isInstanceOf(UniqueViolationException.class);
            assertThat(pg.inTransaction()).isFalse();
            assertThat(pg.exec("SELECT count(*) FROM " + t("items") + " WHERE id = 1200").scalar(Integer.class)).isZero();
        }
    }

    @Test
    void aDeadlineCancelsTheStatementThroughPgBouncerAndTheHandleServesOn() throws Exception {
        try (Pg pg = pool.get()) {
            Pg quick = pg.withDeadline(Duration.ofMillis(300));
            assertThatThrownBy(() -> quick.exec("SELECT pg_sleep($1::float8) -- " + schema, 30.0))
                    .isInstanceOf(PgTimeoutException.class);
            assertThatThrownBy(() -> quick.exec("SELECT pg_sleep(30) -- " + schema))
                    .isInstanceOf(PgTimeoutException.class);
            assertThat(pg.exec("SELECT $1::text", "after").scalar(String.class)).isEqualTo("after");
        }
        try (Pg pg = direct.get()) {
            // Cancelled on the server through PgBouncer (which forwards the CancelRequest), not left running 30 s.
            Eventually.eventually(Duration.ofSeconds(10), () -> pg.exec("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE query LIKE 'SELECT pg_sleep(%' AND query LIKE $1 AND state = 'active'", "%-- " + schema)
                    .scalar(Integer.class) == 0);
        }
    }

    // ------------------------------------------------------------------ what cannot work: refused

    @Test
    void sessionFeaturesAreRefusedNamingTheSetting() {
        Map<String, String> refused = Map.of(
                "SET search_path = public", "SET of a session setting",
                "set session statement_timeout = 1000", "SET of a session setting",
                "RESET ALL", "RESET",
                "LISTEN prices", "LISTEN",
                "PREPARE q AS SELECT 1", "PREPARE",
                "DECLARE c CURSOR WITH HOLD FOR SELECT 1", "WITH HOLD",
                "SELECT pg_advisory_lock(1)", "session advisory lock",
                "select pg_try_advisory_lock_shared(1)", "session advisory lock",
                "CREATE TEMP TABLE t (x int)", "temporary table",
                "/* why */ create local temporary table t2 (x int)", "temporary table");
        try (Pg pg = pool.get()) {
            refused.forEach((sql, what) -> assertThatThrownBy(() -> pg.exec(sql)).as(sql)
                    .isInstanceOf(PgException.class)
                    .hasMessageContaining(what)
                    .hasMessageContaining("pooler in transaction mode (pooler=transaction)"));
            assertThatThrownBy(() -> pg.script("SELECT 1; SET work_mem = '64MB'")).hasMessageContaining("SET of a session");
            assertThatThrownBy(() -> pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> tx.exec("SET work_mem = '64MB'")))
                    .hasMessageContaining("SET LOCAL inside a transaction");
            assertThatThrownBy(() -> pg.listen("prices", n -> { })).hasMessageContaining("LISTEN cannot work");
            assertThatThrownBy(() -> pg.stream("PREPARE p2 AS SELECT 1", 10)).hasMessageContaining("PREPARE");
            // Refused before anything was sent: the connection serves on.
            assertThat(pg.exec("SELECT 'still fine'").scalar(String.class)).isEqualTo("still fine");
        }
        assertThatThrownBy(() -> pool.listen("prices", n -> { }).await()).hasMessageContaining("LISTEN cannot work");
        try (Pg pg = direct.get()) {
            assertThat(pg.exec("SELECT count(*) FROM pg_prepared_statements WHERE name IN ('q', 'p2')")
                    .scalar(Integer.class)).isZero();
        }
    }

    // ------------------------------------------------------------------ without the setting

    @Test
    void withoutTheSettingTheNamedStatementFailureNamesIt() throws Exception {
        try (PgBouncerProcess one = new PgBouncerProcess("transaction", 1);
                PgPool plain = PgPool.builder(one.dsn("")).threads(1).maxSize(2).build()) {
            // Two clients, one server connection: the second client's Parse of "fa1" meets the first one's.
            try (Pg a = plain.get(); Pg b = plain.get()) {
                assertThat(a.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
                assertThatThrownBy(() -> b.exec("SELECT 2"))
                        .isInstanceOf(PgException.class)
                        .hasMessageContaining("prepared statement \"fa1\"")
                        .hasMessageContaining("Add pooler=transaction to the connection string");
            }
        }
    }

    @Test
    void aStartupParameterThePoolerRefusesIsExplained() throws Exception {
        try (PgBouncerProcess strict = new PgBouncerProcess("transaction", 1, "extra_float_digits");
                PgPool withOptions = PgPool.builder(strict.dsn("pooler=transaction&options=-c%20work_mem%3D64MB"))
                        .threads(1).maxSize(1).acquireTimeout(Duration.ofSeconds(5)).build()) {
            assertThatThrownBy(withOptions::get)
                    .isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("unsupported startup parameter: options")
                    .hasMessageContaining("ignore_startup_parameters");
        }
    }

    @Test
    void statementCacheOffAloneRunsSingleStatements() throws Exception {
        try (PgPool cacheOff = PgPool.builder(bouncer.dsn("statement_cache_size=0")).threads(1).maxSize(2).build();
                Pg pg = cacheOff.get()) {
            for (int i = 0; i < 10; i++) {
                assertThat(pg.exec("SELECT $1::int * $1::int", i).scalar(Integer.class)).isEqualTo(i * i);
            }
        }
    }
}
