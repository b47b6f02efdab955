package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.internal.connection.PgConnection;
import io.fasterapi.pg.internal.pool.PgSession;
import io.fasterapi.testing.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Protocol 3.2 as an opt-in (PostgreSQL 18's long cancel keys) against the test server, which is
 * older and answers a request for 3.2 with NegotiateProtocolVersion(3.0).
 */
class ProtocolVersionTest {
    private static String dsn(String params) {
        String base = TestPostgres.dsn();
        return base + (base.contains("?") ? "&" : "?") + params;
    }

    private static PgConnection connection(Pg pg) {
        return ((PgSession) pg).connection();
    }

    private static int serverVersion(Pg pg) {
        return pg.exec("SELECT current_setting('server_version_num')::int").scalar(Integer.class);
    }

    @Test
    void defaultRequestsProtocol30() {
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            assertThat(connection(pg).session().protocolVersion()).isEqualTo("3.0");
            assertThat(pg.shard().submit(() -> connection(pg).session().cancelKeyLength()).await()).isEqualTo(4);
        }
    }

    @Test
    void asking32FromAnOlderServerContinuesOn30AndCancelsStillWork() {
        try (PgPool pool = PgPool.builder(dsn("max_protocol_version=3.2")).threads(1).maxSize(1).build();
                Pg pg = pool.get()) {
            boolean pg18 = serverVersion(pg) >= 180_000;
            assertThat(connection(pg).session().protocolVersion()).isEqualTo(pg18 ? "3.2" : "3.0");
            assertThat(pg.shard().submit(() -> connection(pg).session().cancelKeyLength()).await()).isEqualTo(pg18 ? 32 : 4);
            long start = System.nanoTime();
            assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(100)).exec("SELECT pg_sleep(10)"))
                    .isInstanceOf(PgTimeoutException.class);
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void requiring32FromAnOlderServerFailsNamingTheKeys() {
        int version;
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            version = serverVersion(pg);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(version < 180_000, "the server speaks 3.2");
        assertThatThrownBy(() -> {
            try (PgPool pool = PgPool.builder(dsn("min_protocol_version=3.2")).threads(1).maxSize(1).build();
                    Pg pg = pool.get(0, Duration.ofSeconds(10))) {
                pg.exec("SELECT 1");
            }
        }).isInstanceOf(PgConnectionException.class)
                .hasMessageContaining("speaks protocol 3.0 at most")
                .hasMessageContaining("min_protocol_version=3.2")
                .hasMessageContaining("max_protocol_version=3.2");
    }
}
