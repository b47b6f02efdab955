package io.fasterapi.pg.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Reactor;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.config.DsnParser;
import io.fasterapi.testing.TestPostgres;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The client TLS context is built when a login first asks for TLS, once, and not at all for a server that
 * declines it; with certificate files it is built at once, so a bad file fails the pool's build.
 */
class ClientTlsContextTest {
    private static String dsn(String params) {
        String base = TestPostgres.dsn();
        return base + (base.contains("?") ? "&" : "?") + params;
    }

    @Test
    void buildsNothingUntilAskedThenOnce() {
        ClientTlsContext tls = ClientTlsContext.of(DsnParser.parse(dsn("sslmode=prefer")));
        assertThat(tls.requested()).isFalse();
        CompletableFuture<SslContext> first = tls.get();
        assertThat(tls.get()).isSameAs(first);
        assertThat(ClientTlsContext.join(first.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS))).isNotNull();
        assertThat(tls.requested()).isTrue();
    }

    @Test
    void aBadCertificateFileFailsAtOnceNamingIt() {
        assertThatThrownBy(() -> ClientTlsContext.of(DsnParser.parse(dsn("sslmode=verify-ca&sslrootcert=/nonexistent/root.crt"))))
                .isInstanceOf(PgConnectionException.class)
                .hasMessageContaining("/nonexistent/root.crt");
    }

    @Test
    void aLoginBuildsTheContextOnlyWhenTheServerTakesTls() {
        Connector connector = new Connector(DsnParser.parse(dsn("sslmode=prefer")), n -> Duration.ofMillis(50));
        try (Reactor reactor = Reactor.builder().threads(1).name("tls-test").build()) {
            PgConnection conn = connector.connect(reactor.shard(0)).await(Duration.ofSeconds(30));
            try (QueryResult r = conn.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", null,
                    new Object[0], 0).await(Duration.ofSeconds(30))) {
                boolean encrypted = r.one().getBoolean(0);
                assertThat(connector.tlsContextRequested()).isEqualTo(encrypted);
            } finally {
                conn.close();
            }
        }
    }
}
