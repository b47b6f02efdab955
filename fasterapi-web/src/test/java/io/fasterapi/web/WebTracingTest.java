package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.TxIsolation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link App#tracing} with a pool built with {@code PgPool.Builder.tracing}, on a real server, a real
 * HTTP client and the real database, exporting into the OpenTelemetry SDK's in-memory exporter: the
 * request span's name, kind and attributes, the caller's {@code traceparent} continued, the queries,
 * transaction and COPY of blocking and loop handlers as its children, 5xx as errors, the access log's
 * trace id, and a parameter's value nowhere.
 */
class WebTracingTest {
    static final String SECRET = "s3cret-Value-4711";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_ID = "00f067aa0ba902b7";
    static final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    static final HttpClient http = HttpClient.newHttpClient();
    static OpenTelemetrySdk otel;
    static WebPgDb db;
    static TestClient client;

    public static class Routes {
        @Get("/items/{itemId}")
        public Map<String, Object> item(int itemId, Pg pg) {
            return pg.exec("SELECT id, name FROM items WHERE id = $1 AND name <> $2", itemId, SECRET).one().toMap();
        }

        @Post("/items/{itemId}")
        public Map<String, Object> add(int itemId, Pg pg) {
            pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> tx.exec("INSERT INTO items VALUES ($1, $2)", itemId, SECRET));
            return Map.of("id", itemId);
        }

        @Get("/export.csv")
        public Response export(Pg pg) {
            return PgResponses.copyOut(pg, "COPY (SELECT id FROM items ORDER BY id) TO STDOUT CSV", "export.csv");
        }

        @Get("/bad-number")
        public Object badNumber(Pg pg) {
            return pg.exec("SELECT $1::int", SECRET).scalar();
        }

        /** The second query starts in a continuation on the event loop, where nothing is current. */
        @Get("/chain")
        public Map<String, Object> chain(Pg pg) {
            return Map.of("b", pg.execAsync("SELECT 1 AS a").flatMap(r -> pg.execAsync("SELECT 2 AS b")).await().scalar());
        }

        @Get("/boom")
        public Object boom() {
            throw new IllegalStateException("boom " + SECRET);
        }
    }

    @BeforeAll
    static void setUp() {
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        db = new WebPgDb(WebTracingTest.class, b -> b.threads(1).maxSize(2).tracing(otel));
        db.script("CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'one')");
        PgPool pool = db.pool;
        App app = db.app().tracing(otel).include(new Routes())
                .getAsync("/async/{id}", req -> pool.execAsync("SELECT $1::int AS id, $2::text AS s",
                        Integer.parseInt(req.pathParam("id")), SECRET).map(r -> Map.of("id", r.one().getInt("id"))));
        client = TestClient.of(app, ServerOptions.builder().accessLog(true).accessLogFormat(AccessLogFormat.JSON));
    }

    @AfterAll
    static void tearDown() {
        WebPgDb.close(client, db);
        otel.close();
    }

    @BeforeEach
    void reset() {
        exporter.reset();
    }

    private static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + client.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first span matching {@code which}, waiting for it: spans end on the server's threads. */
    private static SpanData span(Predicate<SpanData> which) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            for (SpanData s : exporter.getFinishedSpanItems()) {
                if (which.test(s)) {
                    return s;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no such span among " + exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    private static SpanData named(String name) throws InterruptedException {
        return span(s -> s.getName().equals(name));
    }

    private static SpanData childOf(SpanData parent, String namePrefix) throws InterruptedException {
        return span(s -> s.getName().startsWith(namePrefix) && s.getParentSpanId().equals(parent.getSpanId()));
    }

    private static void assertNoSecretAnywhere() {
        for (SpanData s : exporter.getFinishedSpanItems()) {
            assertThat(s.toString()).as(s.getName()).doesNotContain(SECRET);
        }
    }

    @Test
    void aRequestIsAServerSpanContinuingTheCallersTraceAndParentingItsQueries() throws Exception {
        HttpResponse<String> r = send("GET", "/items/1?token=qtoken", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
        assertThat(r.statusCode()).isEqualTo(200);
        SpanData request = named("GET /items/{itemId}");
        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(request.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(request.getParentSpanContext().isRemote()).isTrue();
        assertThat(request.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/items/{itemId}");
        assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(request.getAttributes().get(AttributeKey.stringKey("url.scheme"))).isEqualTo("http");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(request.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) client.port());
        assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(request.toString()).doesNotContain("qtoken").doesNotContain("/items/1");

        SpanData query = childOf(request, "SELECT ");
        assertThat(query.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(query.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(query.getAttributes().get(AttributeKey.stringKey("db.query.text")))
                .isEqualTo("SELECT id, name FROM items WHERE id = $1 AND name <> $2");
        assertThat(query.getAttributes().get(AttributeKey.longKey("db.response.returned_rows"))).isEqualTo(1L);
        assertNoSecretAnywhere();
    }

    @Test
    void aQueryStartedByAnAsyncHandlerOnTheLoopIsTheRequestsChild() throws Exception {
        assertThat(send("GET", "/async/5").statusCode()).isEqualTo(200);
        SpanData request = named("GET /async/{id}");
        assertThat(request.getParentSpanContext().isValid()).isFalse(); // no traceparent: a new trace
        SpanData query = childOf(request, "SELECT ");
        assertThat(query.getTraceId()).isEqualTo(request.getTraceId());
        assertNoSecretAnywhere();
    }

    @Test
    void theRequestsPgParentsAQueryStartedInAContinuationWhereNothingIsCurrent() throws Exception {
        assertThat(send("GET", "/chain").statusCode()).isEqualTo(200);
        SpanData request = named("GET /chain");
        SpanData first = span(s -> "SELECT 1 AS a".equals(s.getAttributes().get(AttributeKey.stringKey("db.query.text"))));
        SpanData second = span(s -> "SELECT 2 AS b".equals(s.getAttributes().get(AttributeKey.stringKey("db.query.text"))));
        assertThat(first.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(second.getParentSpanId()).isEqualTo(request.getSpanId());
    }

    @Test
    void aTransactionAndItsStatementsAreUnderTheRequest() throws Exception {
        assertThat(send("POST", "/items/2").statusCode()).isEqualTo(200);
        SpanData request = named("POST /items/{itemId}");
        SpanData tx = childOf(request, "transaction ");
        childOf(tx, "BEGIN ");
        SpanData insert = childOf(tx, "INSERT ");
        assertThat(insert.getAttributes().get(AttributeKey.longKey("fasterapi.pg.affected_rows"))).isEqualTo(1L);
        childOf(tx, "COMMIT ");
        assertNoSecretAnywhere();
    }

    @Test
    void aStreamedCopyIsASpanUnderTheRequest() throws Exception {
        HttpResponse<String> r = send("GET", "/export.csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("1\n");
        SpanData request = named("GET /export.csv");
        SpanData copy = childOf(request, "COPY ");
        assertThat(copy.getAttributes().get(AttributeKey.stringKey("db.operation.name"))).isEqualTo("COPY");
    }

    @Test
    void aFailingQueryCarriesItsSqlstateAndAFailedHandlerIsAServerError() throws Exception {
        int status = send("GET", "/bad-number").statusCode();
        SpanData request = named("GET /bad-number");
        SpanData query = childOf(request, "SELECT ");
        assertThat(query.getAttributes().get(AttributeKey.stringKey("db.response.status_code"))).isEqualTo("22P02");
        assertThat(query.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo((long) status);

        assertThat(send("GET", "/boom").statusCode()).isEqualTo(500);
        SpanData boom = named("GET /boom");
        assertThat(boom.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(boom.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.lang.IllegalStateException");
        assertThat(boom.getEvents()).isEmpty();
        assertNoSecretAnywhere();
    }

    @Test
    void anUnroutedRequestIsNamedByItsMethodAlone() throws Exception {
        assertThat(send("GET", "/nowhere/" + SECRET).statusCode()).isEqualTo(404);
        SpanData request = named("GET");
        assertThat(request.getAttributes().get(AttributeKey.stringKey("http.route"))).isNull();
        assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
        assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertNoSecretAnywhere();
    }

    @Test
    void theAccessLogsTraceIdIsTheRequestSpansAlsoForANewTrace() throws Exception {
        try (AccessLogTest.LogLines logs = AccessLogTest.LogLines.capture()) {
            assertThat(send("GET", "/async/7").statusCode()).isEqualTo(200);
            SpanData request = named("GET /async/{id}");
            List<AccessLogTest.LogLine> lines = logs.await(1);
            assertThat(lines.get(0).json().get("trace_id")).isEqualTo(request.getTraceId());
        }
    }

    @Test
    void anAppAndPoolWithoutTracingExportNothing() throws Exception {
        try (WebPgDb plain = new WebPgDb(WebTracingTest.class, b -> b.threads(1).maxSize(1));
             TestClient untraced = TestClient.of(plain.app().include(new Routes()))) {
            plain.script("CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'one')");
            assertThat(untraced.get("/items/1").status()).isEqualTo(200);
            assertThat(untraced.get("/boom").status()).isEqualTo(500);
        }
        Thread.sleep(50);
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }
}
