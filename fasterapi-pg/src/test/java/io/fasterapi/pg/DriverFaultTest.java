package io.fasterapi.pg;

import static io.fasterapi.pg.FaultProxy.Direction.TO_CLIENT;
import static io.fasterapi.pg.FaultProxy.Direction.TO_SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fasterapi.core.Future;
import io.fasterapi.pg.FaultProxy.Direction;
import io.fasterapi.pg.FaultProxy.Fault;
import io.fasterapi.pg.FaultProxy.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Network faults between the driver and the server, injected by a {@link FaultProxy}: a stalled
 * stream, a reset, a message cut half-way, at chosen points of a result, a COPY, the login, the TLS
 * handshake and a COMMIT. Each fault is met through a handle ({@link Pg}) and through the pool's
 * pipelined statements ({@link PgPool#execAsync}): the call fails with the documented exception
 * within a bound (a stall at its deadline with {@link PgTimeoutException}, a broken connection with
 * {@link PgConnectionException}), no buffer leaks (the suite-wide {@code LeakWatch}), and the pool — one
 * connection on one shard, so nothing else can hide a bad one — never hands the broken connection
 * out again: the next call works on a new one.
 */
class DriverFaultTest {
    /** Bound on any single call here: nothing may hang. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofMillis(500);
    /** 300 rows of ~200 bytes: several TCP reads, so the fault lands mid-result. */
    private static final String BIG_SELECT = "SELECT g, repeat('x', 200) FROM generate_series(1, 300) g";
    /** 5,000 CopyData messages of ~55 bytes. */
    private static final String COPY_OUT = "COPY (SELECT g, repeat('y', 50) FROM generate_series(1, 5000) g) TO STDOUT";

    static PgTestDb direct;
    FaultProxy proxy;
    PgPool pool;

    @BeforeAll
    static void createTables() {
        direct = new PgTestDb(DriverFaultTest.class);
        try (Pg pg = direct.pool.get()) {
            pg.script("CREATE TABLE copied (n int, t text); CREATE TABLE ledger (k int)");
        }
    }

    @AfterAll
    static void dropSchema() {
        direct.close();
    }

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new FaultProxy(PgTestDb.dsnWithSearchPath(direct.schema));
    }

    @AfterEach
    void stopProxy() throws IOException {
        if (pool != null) {
            pool.close(Duration.ofSeconds(2));
            pool = null;
        }
        proxy.close();
    }

    /** One shard, one connection, through the proxy; connect_timeout 2 s (libpq's minimum). */
    private PgPool pool(Duration defaultDeadline) {
        return pool(PgTestDb.dsnWithSearchPath(direct.schema) + "&connect_timeout=2", defaultDeadline, Duration.ofSeconds(8));
    }

    private PgPool pool(String dsn, Duration defaultDeadline, Duration acquireTimeout) {
        pool = PgPool.builder(proxy.dsn(dsn)).threads(1).maxSize(1).acquireTimeout(acquireTimeout)
                .defaultDeadline(defaultDeadline).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        return pool;
    }

    /** The failure of {@code call}, which must end (either way) within {@link #BOUND}. */
    private static Throwable failureOf(Callable<?> call) {
        return assertTimeoutPreemptively(BOUND, () -> catchThrowable(call::call));
    }

    /** The failure of {@code call}, which must end (either way) within {@code within}. */
    private static Throwable failureWithin(Duration within, Callable<?> call) {
        long start = System.nanoTime();
        Throwable failure = failureOf(call);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
        return failure;
    }

    /** What a test does with a handle of the pool. */
    @FunctionalInterface
    private interface HandleCall<T> {
        T on(Pg pg) throws Exception;
    }

    /** Runs {@code call} on a handle taken from {@code pool} and closes the handle. */
    private static <T> T onAHandle(PgPool pool, HandleCall<T> call) throws Exception {
        try (Pg pg = pool.get()) {
            return call.on(pg);
        }
    }

    private static int selectOneOnAHandle(PgPool pool) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try (Pg pg = pool.get()) {
                return pg.exec("SELECT 1").scalar(Integer.class);
            }
        });
    }

    private static int selectOneOnThePool(PgPool pool) {
        return assertTimeoutPreemptively(BOUND, () -> pool.execAsync("SELECT 1").await(BOUND).scalar(Integer.class));
    }

    private static int openPid(PgPool pool) {
        try (Pg pg = pool.get()) {
            return pg.processId();
        }
    }

    /** The broken connection was closed and a new one serves: the pool did not hand the old one out again. */
    private static void assertReplaced(PgPool pool, int oldPid, long closedBefore) {
        assertThat(openPid(pool)).isNotEqualTo(oldPid);
        PoolStats s = pool.stats();
        assertThat(s.closed()).isGreaterThan(closedBefore);
        assertThat(s.total()).isEqualTo(1);
    }

    /** The pool's one connection, opened before a fault is armed, and how many connections the pool had closed by then. */
    private record OpenConnection(PgPool pool, int pid, long closedBefore) {
        static OpenConnection of(PgPool pool) {
            return new OpenConnection(pool, openPid(pool), pool.stats().closed());
        }

        /** After the fault, a handle's SELECT 1 works, on a new connection: the broken one was not handed out again. */
        void assertAHandleWorksOnANewConnection() {
            assertThat(selectOneOnAHandle(pool)).isEqualTo(1);
            assertReplaced(pool, pid, closedBefore);
        }

        /** After the fault, a pooled SELECT 1 works, on a new connection: the broken one was not handed out again. */
        void assertThePoolWorksOnANewConnection() {
            assertThat(selectOneOnThePool(pool)).isEqualTo(1);
            assertReplaced(pool, pid, closedBefore);
        }
    }

    private static void assertFired(Rule rule) throws InterruptedException {
        assertThat(rule.fired(Duration.ZERO)).as("the fault %s struck", rule).isTrue();
    }

    // ------------------------------------------------------------------ results

    /** Stalls before the 3rd DataRow (server to client) or the Bind (client to server) of a query. */
    @ParameterizedTest(name = "{0} {1} #{2}")
    @CsvSource({"TO_CLIENT, D, 3", "TO_SERVER, B, 1"})
    void stallMidQueryFailsAHandleCallAtItsDeadlineAndThePoolReplacesTheStuckConnection(Direction direction, char type,
            int nth) throws Exception {
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(direction, type, nth, Fault.STALL);
        Throwable failure = failureWithin(Duration.ofSeconds(3),
                () -> onAHandle(pool, pg -> pg.withDeadline(DEADLINE).exec(BIG_SELECT)));
        assertThat(failure).isInstanceOf(PgTimeoutException.class);
        assertFired(rule);
        first.assertAHandleWorksOnANewConnection();
    }

    @ParameterizedTest(name = "{0} {1} #{2}")
    @CsvSource({"TO_CLIENT, D, 3", "TO_SERVER, B, 1"})
    void stallMidQueryFailsAPooledStatementAtThePoolsDeadlineAndThePoolReplacesTheStuckConnection(Direction direction,
            char type, int nth) throws Exception {
        PgPool pool = pool(DEADLINE);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(direction, type, nth, Fault.STALL);
        Throwable failure = failureOf(() -> pool.execAsync(BIG_SELECT).await(BOUND));
        assertThat(failure).isInstanceOf(PgTimeoutException.class);
        assertFired(rule);
        first.assertThePoolWorksOnANewConnection();
    }

    /**
     * Pipelined statements share connection A when the client's first Bind stalls on it: they time
     * out. A later statement L joined A before that and still holds it; statements issued after the
     * first ones timed out must not join A behind them, but run on another connection and succeed.
     */
    @Test
    void aSharedConnectionAwaitingTimedOutAnswersTakesNoNewPipelinedStatements() throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        pool = PgPool.builder(proxy.dsn(PgTestDb.dsnWithSearchPath(direct.schema) + "&connect_timeout=2")).threads(1)
                .maxSize(2).acquireTimeout(Duration.ofSeconds(8)).defaultDeadline(deadline).build();
        assertThat(selectOneOnThePool(pool)).isEqualTo(1); // opens A and prepares SELECT 1 there
        int stuckPid = openPid(pool);
        Rule rule = proxy.arm(TO_SERVER, 'B', 1, Fault.STALL);
        List<Future<QueryResult>> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(pool.execAsync("SELECT 1"));
        }
        assertThat(rule.fired(BOUND)).isTrue();
        Thread.sleep(deadline.toMillis() / 2);
        Future<QueryResult> late = pool.execAsync("SELECT 1"); // joins A: nothing has timed out yet
        for (Future<QueryResult> f : first) {
            assertThat(failureOf(() -> f.await(BOUND))).isInstanceOf(PgTimeoutException.class);
        }
        assertThat(late.isDone()).as("the late statement still holds A").isFalse();
        List<Future<QueryResult>> next = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            next.add(pool.execAsync("SELECT pg_backend_pid()"));
        }
        for (Future<QueryResult> f : next) {
            int pid = assertTimeoutPreemptively(BOUND, () -> f.await(BOUND).scalar(Integer.class));
            assertThat(pid).isNotEqualTo(stuckPid);
        }
        assertThat(failureOf(() -> late.await(BOUND))).isInstanceOf(PgTimeoutException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"DROP", "CUT"})
    void resetOrCutMidDataRowIsAConnectionErrorOnAHandle(Fault fault) throws Exception {
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_CLIENT, 'D', 3, fault);
        Throwable failure = failureOf(() -> onAHandle(pool, pg -> pg.exec(BIG_SELECT)));
        assertThat(failure).isInstanceOf(PgConnectionException.class);
        assertFired(rule);
        first.assertAHandleWorksOnANewConnection();
    }

    @ParameterizedTest
    @EnumSource(names = {"DROP", "CUT"})
    void resetOrCutMidDataRowIsAConnectionErrorForAPooledStatement(Fault fault) throws Exception {
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_CLIENT, 'D', 3, fault);
        Throwable failure = failureOf(() -> pool.execAsync(BIG_SELECT).await(BOUND));
        assertThat(failure).isInstanceOf(PgConnectionException.class);
        assertFired(rule);
        first.assertThePoolWorksOnANewConnection();
    }

    // ------------------------------------------------------------------ protocol violations

    /**
     * A login message in the middle of a session (the server asks for a password again, or for
     * another protocol version) breaks the protocol: the statement fails with PgConnectionException
     * saying so, and the pool does not hand the connection out again.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"R, unexpected authentication request after login",
            "v, protocol error: NegotiateProtocolVersion after login"})
    void aLoginMessageAfterLoginBreaksTheConnectionAndThePoolReplacesIt(char injected, String message)
            throws Exception {
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        byte[] body = injected == 'R' ? new byte[4] : new byte[] {0, 3, 0, 0, 0, 0, 0, 0}; // AuthenticationOk; 3.0, no options
        Rule rule = proxy.armReplacement(TO_CLIENT, 'C', 1, injected, body);
        Throwable failure = failureOf(() -> onAHandle(pool, pg -> pg.exec("SELECT 1")));
        assertFired(rule);
        assertThat(failure).isInstanceOf(PgConnectionException.class).hasMessage(message);
        first.assertAHandleWorksOnANewConnection();
    }

    // ------------------------------------------------------------------ COPY

    @ParameterizedTest
    @EnumSource(names = {"DROP", "CUT"})
    void resetOrCutDuringCopyOutIsAConnectionError(Fault fault) throws Exception {
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_CLIENT, 'd', 500, fault);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Throwable failure = failureOf(() -> onAHandle(pool, pg -> pg.copyOut(COPY_OUT, sink)));
        assertThat(failure).isInstanceOf(PgConnectionException.class);
        assertFired(rule);
        first.assertAHandleWorksOnANewConnection();
    }

    @Test
    void stallDuringCopyOutFailsAtTheDeadlineAndThePoolReplacesTheStuckConnection() throws Exception {
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_CLIENT, 'd', 500, Fault.STALL);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Throwable failure = failureOf(() -> onAHandle(pool, pg -> pg.withDeadline(DEADLINE).copyOut(COPY_OUT, sink)));
        assertThat(failure).isInstanceOf(PgTimeoutException.class);
        assertFired(rule);
        first.assertAHandleWorksOnANewConnection();
    }

    /** The server stalls before the 500th CopyData while the subscriber asks for everything. */
    @Test
    void stallDuringCopyOutThroughThePublisherFailsTheSubscriberAtTheDeadline() throws Exception {
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_CLIENT, 'd', 500, Fault.STALL);
        Throwable failure = failureWithin(Duration.ofSeconds(3), () -> {
            try (Pg pg = pool.get()) {
                ChunkCollector chunks = new ChunkCollector();
                pg.withDeadline(DEADLINE).copyOut(COPY_OUT).subscribe(chunks);
                chunks.subscription.join().request(Long.MAX_VALUE);
                return chunks.end.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        });
        assertThat(failure).isInstanceOf(PgTimeoutException.class).hasMessageContaining("no data from the server");
        assertFired(rule);
        first.assertAHandleWorksOnANewConnection();
    }

    /** A subscriber that asks for nothing for longer than the deadline is not cut off: only waits it asked for count. */
    @Test
    void aCopyOutSubscriberSlowerThanTheDeadlineIsNotCutOff() throws Exception {
        PgPool pool = pool(null);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (Pg pg = direct.pool.get()) {
            pg.copyOut(COPY_OUT, expected);
        }
        long bytes = assertTimeoutPreemptively(BOUND, () -> {
            try (Pg pg = pool.get()) {
                ChunkCollector chunks = new ChunkCollector();
                pg.withDeadline(DEADLINE).copyOut(COPY_OUT).subscribe(chunks);
                Flow.Subscription s = chunks.subscription.join();
                for (int i = 0; i < 3; i++) {
                    s.request(1);
                    Thread.sleep(DEADLINE.toMillis() * 3 / 2);
                }
                s.request(Long.MAX_VALUE);
                return chunks.end.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        assertThat(bytes).isEqualTo(expected.size());
    }

    /** Counts the bytes of a COPY publisher; {@link #end} completes with the total, or with its failure. */
    private static final class ChunkCollector implements Flow.Subscriber<ByteBuffer> {
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        final CompletableFuture<Long> end = new CompletableFuture<>();
        private final AtomicLong bytes = new AtomicLong();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            bytes.addAndGet(chunk.remaining());
        }

        @Override
        public void onError(Throwable t) {
            end.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            end.complete(bytes.get());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DROP", "CUT"})
    void resetOrCutDuringCopyInLeavesTheTableUnchanged(Fault fault) throws Exception {
        long before = countOf("copied");
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_SERVER, 'd', 3, fault);
        byte[] rows = csvRows(2_000);
        Throwable failure = failureOf(() -> {
            try (Pg pg = pool.get(); CopyIn in = pg.copyIn("COPY copied (n, t) FROM STDIN CSV")) {
                for (int i = 0; i < 20; i++) {
                    in.write(rows);
                }
                return in.finish();
            }
        });
        assertThat(failure).isInstanceOf(PgConnectionException.class);
        assertFired(rule);
        assertThat(countOf("copied")).isEqualTo(before);
        first.assertAHandleWorksOnANewConnection();
    }

    /** The client's 3rd CopyData stalls on its way: the writer parks on a full socket, and the deadline ends the wait. */
    @Test
    void stallDuringCopyInFailsAtTheDeadlineClosesTheConnectionAndLeavesTheTableUnchanged() throws Exception {
        long before = countOf("copied");
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_SERVER, 'd', 3, Fault.STALL);
        byte[] rows = csvRows(2_000);
        Throwable failure = failureWithin(Duration.ofSeconds(5), () -> {
            try (Pg pg = pool.get(); CopyIn in = pg.withDeadline(DEADLINE).copyIn("COPY copied (n, t) FROM STDIN CSV")) {
                for (;;) {
                    in.write(rows); // until the socket takes no more
                }
            }
        });
        assertThat(failure).isInstanceOf(PgTimeoutException.class).hasMessageContaining("took no COPY data");
        assertFired(rule);
        assertThat(countOf("copied")).isEqualTo(before);
        first.assertAHandleWorksOnANewConnection();
    }

    /** The server's CopyInResponse stalls: copyIn() fails at the deadline, and the pool does not hand the connection out again. */
    @Test
    void stallBeforeCopyInResponseFailsCopyInAtTheDeadline() throws Exception {
        long before = countOf("copied");
        PgPool pool = pool(null);
        OpenConnection first = OpenConnection.of(pool);
        Rule rule = proxy.arm(TO_CLIENT, 'G', 1, Fault.STALL);
        Throwable failure = failureWithin(Duration.ofSeconds(3),
                () -> onAHandle(pool, pg -> pg.withDeadline(DEADLINE).copyIn("COPY copied (n, t) FROM STDIN CSV")));
        assertThat(failure).isInstanceOf(PgTimeoutException.class);
        assertFired(rule);
        assertThat(countOf("copied")).isEqualTo(before);
        first.assertAHandleWorksOnANewConnection();
    }

    /** The deadline bounds waits on the server, not the writer's own pace: pauses longer than it are fine. */
    @Test
    void aCopyInWriterSlowerThanTheDeadlineIsNotCutOff() throws Exception {
        long before = countOf("copied");
        PgPool pool = pool(null);
        long copied = assertTimeoutPreemptively(BOUND, () -> {
            try (Pg pg = pool.get(); CopyIn in = pg.withDeadline(DEADLINE).copyIn("COPY copied (n, t) FROM STDIN CSV")) {
                for (int i = 0; i < 3; i++) {
                    in.write(csvRows(10));
                    Thread.sleep(DEADLINE.toMillis() * 3 / 2);
                }
                return in.finish();
            }
        });
        assertThat(copied).isEqualTo(30);
        assertThat(countOf("copied")).isEqualTo(before + 30);
    }

    private static byte[] csvRows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i).append(",row ").append(i).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long countOf(String table) {
        try (Pg pg = direct.pool.get()) {
            return pg.exec("SELECT count(*) FROM " + table).scalar(Long.class);
        }
    }

    // ------------------------------------------------------------------ login and TLS

    /** Before AuthenticationOk ('R' #1 with trust) and after it, before the first ReadyForQuery ('Z' #1). */
    @ParameterizedTest(name = "stall before {0} #1")
    @CsvSource({"R", "Z"})
    void stallDuringLoginFailsAtTheConnectTimeoutThenTheNextConnectWorks(char type) throws Exception {
        Rule rule = proxy.arm(TO_CLIENT, type, 1, Fault.STALL);
        PgPool pool = pool(null);
        Throwable failure = failureWithin(Duration.ofSeconds(6), () -> selectOneOnAHandleUnbounded(pool));
        assertThat(failure).isInstanceOf(PgConnectionException.class).hasMessageContaining("timed out after 2 s");
        assertFired(rule);
        proxy.arm(TO_CLIENT, type, 1, Fault.STALL); // the pool path meets the same stall
        Throwable pooled = failureOf(() -> pool.execAsync("SELECT 1").await(BOUND));
        assertThat(pooled).isInstanceOf(PgConnectionException.class).hasMessageContaining("timed out after 2 s");
        assertThat(selectOneOnAHandle(pool)).isEqualTo(1);
        assertThat(selectOneOnThePool(pool)).isEqualTo(1);
    }

    @Test
    void acquireTimeoutShorterThanALoginStallFailsAtTheAcquireTimeout() throws Exception {
        Rule rule = proxy.arm(TO_CLIENT, 'R', 1, Fault.STALL);
        PgPool pool = pool(PgTestDb.dsnWithSearchPath(direct.schema) + "&connect_timeout=5", null,
                Duration.ofMillis(500));
        Throwable failure = failureWithin(Duration.ofSeconds(3), () -> selectOneOnAHandleUnbounded(pool));
        assertThat(failure).isInstanceOf(PgConnectionException.class).hasMessageContaining("pool exhausted");
        assertFired(rule);
    }

    private static int selectOneOnAHandleUnbounded(PgPool pool) {
        try (Pg pg = pool.get()) {
            return pg.exec("SELECT 1").scalar(Integer.class);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DROP", "CUT"})
    void resetOrCutDuringLoginIsAConnectionErrorThenTheNextConnectWorks(Fault fault) throws Exception {
        Rule rule = proxy.arm(TO_CLIENT, 'S', 2, fault); // the second ParameterStatus of the login burst
        PgPool pool = pool(null);
        assertThat(failureOf(() -> selectOneOnAHandleUnbounded(pool))).isInstanceOf(PgConnectionException.class);
        assertFired(rule);
        proxy.arm(TO_CLIENT, 'S', 2, fault);
        assertThat(failureOf(() -> pool.execAsync("SELECT 1").await(BOUND))).isInstanceOf(PgConnectionException.class);
        assertThat(selectOneOnAHandle(pool)).isEqualTo(1);
        assertThat(selectOneOnThePool(pool)).isEqualTo(1);
    }

    @Test
    void tlsHandshakeCutAfterTheServersYesIsAConnectionErrorNamingTheHandshake() throws Exception {
        try (ThrowawayCluster cluster = new ThrowawayCluster(); FaultProxy tlsProxy = new FaultProxy(
                cluster.dsn("postgres", "", ""))) {
            String dsn = tlsProxy.dsn(cluster.dsn("postgres", "", "sslmode=require&connect_timeout=2"));
            Rule rule = tlsProxy.arm(TO_CLIENT, FaultProxy.SSL_ANSWER, 1, Fault.CUT);
            try (PgPool tls = PgPool.builder(dsn).threads(1).maxSize(1).acquireTimeout(Duration.ofSeconds(8)).build()) {
                Throwable failure = failureOf(() -> selectOneOnAHandleUnbounded(tls));
                assertThat(failure).isInstanceOf(PgConnectionException.class).hasMessageContaining("TLS handshake");
                assertFired(rule);
                tlsProxy.arm(TO_CLIENT, FaultProxy.SSL_ANSWER, 1, Fault.CUT);
                assertThat(failureOf(() -> tls.execAsync("SELECT 1").await(BOUND)))
                        .isInstanceOf(PgConnectionException.class).hasMessageContaining("TLS handshake");
                assertThat(selectOneOnAHandle(tls)).isEqualTo(1);
            }
        }
    }

    // ------------------------------------------------------------------ COMMIT

    @Test
    void answerToCommitLostIsOutcomeUnknownOnAHandle() throws Exception {
        PgPool pool = pool(null);
        int pid = openPid(pool);
        Rule rule = proxy.arm(TO_SERVER, 'Q', 1, Fault.LOSE_ANSWER, "COMMIT");
        Throwable failure = failureOf(() -> {
            try (Pg pg = pool.get(); Tx tx = pg.begin()) {
                tx.exec("INSERT INTO ledger VALUES (1)");
                tx.commit();
                return null;
            }
        });
        assertThat(failure).isInstanceOf(TxOutcomeUnknownException.class).isNotInstanceOf(PgConnectionException.class)
                .hasCauseInstanceOf(PgConnectionException.class);
        assertFired(rule);
        // The server did commit (its CommandComplete was swallowed): "unknown" is the only honest answer.
        assertThat(ledgerCount(1)).isEqualTo(1);
        assertReplaced(pool, pid, 0);
    }

    @Test
    void answerToCommitLostIsOutcomeUnknownThroughThePool() throws Exception {
        PgPool pool = pool(null);
        Rule rule = proxy.arm(TO_SERVER, 'Q', 1, Fault.LOSE_ANSWER, "COMMIT");
        Throwable failure = failureOf(() -> pool.txAsync(TxIsolation.READ_COMMITTED, 0,
                tx -> tx.execAsync("INSERT INTO ledger VALUES (2)").map(r -> {
                    r.close();
                    return 0;
                })).await(BOUND));
        assertThat(failure).isInstanceOf(TxOutcomeUnknownException.class)
                .hasCauseInstanceOf(PgConnectionException.class);
        assertFired(rule);
        assertThat(ledgerCount(2)).isEqualTo(1);
        assertThat(selectOneOnThePool(pool)).isEqualTo(1);
    }

    private static long ledgerCount(int k) {
        try (Pg pg = direct.pool.get()) {
            return pg.exec("SELECT count(*) FROM ledger WHERE k = $1", k).scalar(Long.class);
        }
    }

    @Test
    void proxyForwardsUntouchedWithoutRules() throws Exception {
        PgPool pool = pool(null);
        try (Pg pg = pool.get(); QueryResult r = pg.exec(BIG_SELECT)) {
            assertThat(r.all()).hasSize(300);
        }
        assertThat(proxy.connections.get()).isEqualTo(1);
    }
}
