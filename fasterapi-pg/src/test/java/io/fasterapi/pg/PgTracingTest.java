package io.fasterapi.pg;

import static io.fasterapi.pg.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import io.fasterapi.testing.TestPostgres;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PgPool.Builder#tracing}: the spans a traced pool exports into the OpenTelemetry SDK's in-memory
 * exporter, against the real server: names, kinds, parents, the database conventions' attributes, the
 * SQLSTATE of a failure, and never a parameter's value.
 */
class PgTracingTest {
    static final String SECRET = "s3cret-Value-4711";
    static final AttributeKey<String> QUERY_TEXT = AttributeKey.stringKey("db.query.text");
    static final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    static OpenTelemetrySdk otel;
    static Tracer test;
    static PgTestDb db;
    static String database;

    @BeforeAll
    static void setUp() {
        otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
        test = otel.getTracer("test");
        db = new PgTestDb(PgTracingTest.class, PgPool.builder(PgTestDb.dsnWithSearchPath(
                TestPostgres.uniqueSchema(PgTracingTest.class))).threads(1).maxSize(2).tracing(otel)
                .metrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), "traced"));
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE TABLE items (id int PRIMARY KEY, name text)");
            database = pg.exec("SELECT current_database()").scalar(String.class);
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
        otel.close();
    }

    @BeforeEach
    void empty() {
        try (Pg pg = db.pool.get()) {
            pg.script("TRUNCATE items");
        }
        exporter.reset();
    }

    /** Runs {@code body} under a span of the test's own, ended after it; returns that span. */
    private static SpanData underRequest(Callable<?> body) throws Exception {
        Span request = test.spanBuilder("request").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            body.call();
        } finally {
            request.end();
        }
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals("request")).findFirst()
                .orElseThrow();
    }

    private static SpanData span(String name) throws InterruptedException {
        eventually(Duration.ofSeconds(5), () -> spans().stream().anyMatch(s -> s.getName().equals(name)));
        return spans().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    private static void assertNoSecretAnywhere() {
        for (SpanData s : spans()) {
            assertThat(s.toString()).as(s.getName()).doesNotContain(SECRET);
        }
    }

    @Test
    void aStatementIsAClientSpanUnderTheCallersContextWithItsTextButNotItsValues() throws Exception {
        SpanData request = underRequest(() -> {
            try (Pg pg = db.pool.get()) {
                return pg.exec("SELECT $1::text AS v, 2 AS w", SECRET).one();
            }
        });
        SpanData select = span("SELECT " + database);
        assertThat(select.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(select.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(select.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo("postgresql");
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.namespace"))).isEqualTo(database);
        assertThat(select.getAttributes().get(QUERY_TEXT)).isEqualTo("SELECT $1::text AS v, 2 AS w");
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.operation.name"))).isEqualTo("SELECT");
        assertThat(select.getAttributes().get(AttributeKey.longKey("db.response.returned_rows"))).isEqualTo(1L);
        assertThat(select.getAttributes().get(AttributeKey.stringKey("server.address"))).isNotBlank();
        assertThat(select.getAttributes().get(AttributeKey.longKey("server.port"))).isPositive();
        assertThat(select.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertNoSecretAnywhere();
    }

    @Test
    void aFailingStatementCarriesItsSqlstateButNotTheServersMessageWhichQuotesTheValue() throws Exception {
        underRequest(() -> {
            try (Pg pg = db.pool.get()) {
                assertThatThrownBy(() -> pg.exec("SELECT $1::int", SECRET)).isInstanceOf(PgException.class)
                        .hasMessageContaining(SECRET); // the server quotes the value: the span must not
            }
            return null;
        });
        SpanData failed = span("SELECT " + database);
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("db.response.status_code"))).isEqualTo("22P02");
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("22P02");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEvents()).isEmpty();
        assertNoSecretAnywhere();
    }

    @Test
    void aTransactionIsASpanParentingItsStatements() throws Exception {
        SpanData request = underRequest(() -> {
            try (Pg pg = db.pool.get()) {
                return pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> tx.exec("INSERT INTO items VALUES ($1, $2)", 1, SECRET));
            }
        });
        SpanData tx = span("transaction " + database);
        assertThat(tx.getParentSpanId()).isEqualTo(request.getSpanId());
        SpanData insert = span("INSERT " + database);
        assertThat(insert.getParentSpanId()).isEqualTo(tx.getSpanId());
        assertThat(insert.getAttributes().get(AttributeKey.longKey("fasterapi.pg.affected_rows"))).isEqualTo(1L);
        assertThat(span("BEGIN " + database).getParentSpanId()).isEqualTo(tx.getSpanId());
        assertThat(span("COMMIT " + database).getParentSpanId()).isEqualTo(tx.getSpanId());
        assertNoSecretAnywhere();
    }

    @Test
    void aTransactionWhoseBodyFailsIsAnErrorSpanWithTheFailuresSqlstate() throws Exception {
        underRequest(() -> {
            try (Pg pg = db.pool.get()) {
                pg.exec("INSERT INTO items VALUES (1, 'one')");
                assertThatThrownBy(() -> pg.tx(TxIsolation.READ_COMMITTED, 0,
                        tx -> tx.exec("INSERT INTO items VALUES ($1, $2)", 1, SECRET))).isInstanceOf(PgException.class);
            }
            return null;
        });
        SpanData tx = span("transaction " + database);
        assertThat(tx.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(tx.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("23505");
        assertThat(span("ROLLBACK " + database).getParentSpanId()).isEqualTo(tx.getSpanId());
        assertNoSecretAnywhere();
    }

    @Test
    void anAsyncTransactionsStatementsAreItsChildrenToo() throws Exception {
        SpanData request = underRequest(() -> db.pool.txAsync(TxIsolation.READ_COMMITTED, 0,
                tx -> tx.execAsync("INSERT INTO items VALUES ($1, $2)", 2, SECRET)
                        .flatMap(r -> tx.execAsync("SELECT name FROM items"))).await());
        SpanData tx = span("transaction " + database);
        assertThat(tx.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(span("INSERT " + database).getParentSpanId()).isEqualTo(tx.getSpanId());
        assertThat(span("BEGIN " + database).getParentSpanId()).isEqualTo(tx.getSpanId());
        assertNoSecretAnywhere();
    }

    @Test
    void copyInAndCopyOutAreSpansThatLastTheTransfer() throws Exception {
        SpanData request = underRequest(() -> {
            try (Pg pg = db.pool.get()) {
                try (CopyIn in = pg.copyIn("COPY items (id, name) FROM STDIN CSV")) {
                    in.write("1,one\n2,two\n3,three\n");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                pg.copyOut("COPY items TO STDOUT CSV", out);
                return out.toString(StandardCharsets.UTF_8);
            }
        });
        List<SpanData> copies = spans().stream().filter(s -> s.getName().equals("COPY " + database)).toList();
        assertThat(copies).hasSize(2).allSatisfy(s -> {
            assertThat(s.getParentSpanId()).isEqualTo(request.getSpanId());
            assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(s.getAttributes().get(AttributeKey.stringKey("db.operation.name"))).isEqualTo("COPY");
        });
        assertThat(copies.get(0).getAttributes().get(QUERY_TEXT)).isEqualTo("COPY items (id, name) FROM STDIN CSV");
        assertThat(copies.get(0).getAttributes().get(AttributeKey.longKey("fasterapi.pg.affected_rows"))).isEqualTo(3L);
        assertThat(copies.get(1).getAttributes().get(QUERY_TEXT)).isEqualTo("COPY items TO STDOUT CSV");
    }

    @Test
    void pipelinedAndSharedHandleStatementsAreSpansToo() throws Exception {
        SpanData request = underRequest(() -> {
            db.pool.execAsync("SELECT $1::text", SECRET).await();
            try (Pg shared = db.pool.shared()) {
                shared.exec("UPDATE items SET name = $1 WHERE id = $2", SECRET, 7);
            }
            return null;
        });
        assertThat(span("SELECT " + database).getParentSpanId()).isEqualTo(request.getSpanId());
        SpanData update = span("UPDATE " + database);
        assertThat(update.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(update.getAttributes().get(AttributeKey.longKey("fasterapi.pg.affected_rows"))).isEqualTo(0L);
        assertNoSecretAnywhere();
    }

    @Test
    void aBatchIsOneSpanNamedAsABatch() throws Exception {
        underRequest(() -> {
            try (Pg pg = db.pool.get()) {
                return pg.runMany(PreparedQuery.of("INSERT INTO items VALUES ($1, $2)"),
                        List.of(List.of(1, SECRET), List.of(2, SECRET)));
            }
        });
        SpanData batch = span("BATCH INSERT " + database);
        assertThat(batch.getAttributes().get(AttributeKey.longKey("fasterapi.pg.affected_rows"))).isEqualTo(2L);
        assertNoSecretAnywhere();
    }

    @Test
    void waitingForAConnectionIsAPoolWaitSpan() throws Exception {
        Pg first = db.pool.get();
        Pg second = db.pool.get(); // maxSize 2 on the one shard: the pool is exhausted
        SpanData request;
        Future<Pg> waiting;
        Span parent = test.spanBuilder("request").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            waiting = db.pool.getAsync();
        }
        eventually(Duration.ofSeconds(5), () -> db.pool.stats().waiting() == 1);
        first.close();
        waiting.await(Duration.ofSeconds(10)).close();
        second.close();
        parent.end();
        request = span("request");
        java.util.function.Predicate<SpanData> waitInRequest = s -> s.getName().equals("pool wait " + database)
                && s.getParentSpanId().equals(request.getSpanId());
        eventually(Duration.ofSeconds(5), () -> spans().stream().anyMatch(waitInRequest));
        SpanData wait = spans().stream().filter(waitInRequest).findFirst().orElseThrow();
        assertThat(wait.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(wait.getAttributes().get(AttributeKey.stringKey("db.client.connection.pool.name"))).isEqualTo("traced");
    }

    @Test
    void aPoolWithoutTracingExportsNothing() throws Exception {
        try (PgPool plain = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(1).build()) {
            underRequest(() -> {
                try (Pg pg = plain.get()) {
                    pg.exec("SELECT 1");
                    pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> tx.exec("SELECT 2"));
                }
                return plain.execAsync("SELECT 3").await();
            });
        }
        assertThat(spans()).extracting(SpanData::getName).containsExactly("request");
    }
}
