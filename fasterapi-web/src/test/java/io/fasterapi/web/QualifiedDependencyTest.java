package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two values of one type, told apart by name: two real {@code PgPool}s (on schemas of their own)
 * routed to the parameters that name them, in handler methods, factory methods and lambda routes.
 */
class QualifiedDependencyTest {
    static WebPgDb primary;
    static WebPgDb replica;
    static TestClient client;

    /** Where a query ran: the schema each pool's connections use. */
    static String schemaOf(PgPool pool) {
        try (Pg pg = pool.get()) {
            return pg.exec("SELECT current_schema()").scalar(String.class);
        }
    }

    record Report(String from) {
    }

    public static final class ReportFactory {
        public Report report(@Named("replica") PgPool pool) {
            return new Report(schemaOf(pool));
        }
    }

    public static final class Routes {
        @Get("/schemas")
        public Map<String, String> schemas(PgPool main, @Named("replica") PgPool copy) {
            return Map.of("primary", schemaOf(main), "replica", schemaOf(copy));
        }

        @Get("/report")
        public String report(Report report) {
            return report.from();
        }
    }

    @BeforeAll
    static void start() {
        primary = new WebPgDb(QualifiedDependencyTest.class, b -> b.threads(1).maxSize(1).minSize(1));
        replica = new WebPgDb(QualifiedDependencyTest.class, b -> b.threads(1).maxSize(1).minSize(1)
                .acquireTimeout(Duration.ofSeconds(2)));
        App app = App.create().reactor(primary.pool.reactor())
                .provideInstance(PgPool.class, primary.pool)
                .provideInstance("replica", PgPool.class, replica.pool)
                .provideFrom(Report.class, new ReportFactory())
                .include(new Routes());
        app.get("/lambda", req -> schemaOf(req.dependency("replica", PgPool.class)) + " "
                + schemaOf(req.dependency(PgPool.class)));
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        try {
            WebPgDb.close(client, primary);
        } finally {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void eachParameterGetsThePoolItNames() {
        assertThat(primary.schema).isNotEqualTo(replica.schema);
        TestResponse r = client.get("/schemas");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).contains("\"primary\":\"" + primary.schema + "\"")
                .contains("\"replica\":\"" + replica.schema + "\"");
        assertThat(client.get("/report").json(String.class)).as("a factory method's parameter").isEqualTo(replica.schema);
        assertThat(client.get("/lambda").json(String.class)).isEqualTo(replica.schema + " " + primary.schema);
    }

    @Test
    void bothPoolsAreCheckedByReady() {
        TestResponse ready = client.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text()).contains("postgres").contains("postgres-2");
    }

    @Test
    void aNameNobodyRegisteredFailsAtStartNamingTheFix() {
        App app = App.create().provideInstance(PgPool.class, primary.pool);
        app.include(new Object() {
            @Get("/x")
            public String x(@Named("archive") PgPool pool) {
                return "unreachable";
            }
        });
        assertThatThrownBy(() -> app.start(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@Named(\"archive\")")
                .hasMessageContaining("app.provide(\"archive\", PgPool.class, ...)");
    }
}
