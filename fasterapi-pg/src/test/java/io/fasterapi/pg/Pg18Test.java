package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.internal.connection.PgConnection;
import io.fasterapi.pg.internal.pool.PgSession;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol 3.2 and {@code sslnegotiation=direct} against a real PostgreSQL 18 (18.1 from the
 * zonky binaries jar, {@link PostgresBinaries#postgres18()}): the shared test server (15) answers a
 * request for 3.2 with 3.0 and hangs up on a direct TLS hello, so only here do the long cancel key
 * and the direct handshake meet a server that accepts them. Direct sessions go through a
 * {@link TlsOnlyProxy}, which counts how each connection opened, so a driver that quietly sent an
 * SSLRequest instead would fail the count.
 */
class Pg18Test {
    static ThrowawayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ThrowawayCluster(PostgresBinaries.postgres18());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static PgPool pool(String dsn) {
        return PgPool.builder(dsn).threads(1).maxSize(1).build();
    }

    private static PgConnection connection(Pg pg) {
        return ((PgSession) pg).connection();
    }

    private static int cancelKeyLength(Pg pg) {
        return pg.shard().submit(() -> connection(pg).cancelKeyLength()).await();
    }

    private static String viaProxy(TlsOnlyProxy proxy, String user, String password, String params) {
        return "postgres://" + user + ":" + password + "@localhost:" + proxy.port() + "/postgres?" + params;
    }

    /**
     * A 100 ms deadline on {@code pg_sleep(10)}: the server cancels the query only if the
     * CancelRequest carries the session's whole key, so a key cut short would leave the next
     * statement waiting out the sleep.
     */
    private static void deadlineCancelsAndTheSessionGoesOn(Pg pg) {
        int pid = pg.processId();
        long start = System.nanoTime();
        assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(100)).exec("SELECT pg_sleep(10)"))
                .isInstanceOf(PgTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(pg.exec("SELECT pg_backend_pid()").scalar(Integer.class)).isEqualTo(pid);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void maxProtocolVersion32Gets32AndA32ByteKeyThatCancels() {
        try (PgPool pool = pool(cluster.dsn("scram_user", "scram-secret", "sslmode=disable&max_protocol_version=3.2"));
                Pg pg = pool.get()) {
            assertThat(pg.exec("SELECT current_setting('server_version_num')::int").scalar(Integer.class))
                    .isBetween(180_000, 189_999);
            assertThat(connection(pg).protocolVersion()).isEqualTo("3.2");
            assertThat(cancelKeyLength(pg)).isEqualTo(32);
            deadlineCancelsAndTheSessionGoesOn(pg);
        }
    }

    @Test
    void minProtocolVersion32ConnectsAndTheDefaultStaysOn30WithA4ByteKey() {
        try (PgPool pool = pool(cluster.dsn("scram_user", "scram-secret", "sslmode=disable&min_protocol_version=3.2"));
                Pg pg = pool.get()) {
            assertThat(connection(pg).protocolVersion()).isEqualTo("3.2");
            assertThat(cancelKeyLength(pg)).isEqualTo(32);
        }
        try (PgPool pool = pool(cluster.dsn("scram_user", "scram-secret", "sslmode=disable")); Pg pg = pool.get()) {
            assertThat(connection(pg).protocolVersion()).isEqualTo("3.0");
            assertThat(cancelKeyLength(pg)).isEqualTo(4);
            deadlineCancelsAndTheSessionGoesOn(pg);
        }
    }

    @Test
    void directTlsLogsInWithRequireAndWithVerifyFull() throws Exception {
        try (TlsOnlyProxy proxy = new TlsOnlyProxy(cluster.port)) {
            for (String params : List.of("sslmode=require", "sslmode=verify-full&sslrootcert=" + cluster.caCert)) {
                try (PgPool pool = pool(viaProxy(proxy, "tls_only", "tls-secret", params + "&sslnegotiation=direct"));
                        Pg pg = pool.get()) {
                    assertThat(pg.exec("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").scalar()).as(params)
                            .isEqualTo(true);
                    assertThat(connection(pg).usesTls()).isTrue();
                }
            }
            // PostgreSQL 17+ refuses a direct hello without ALPN "postgresql": these logins also show it was sent.
            assertThat(proxy.directTlsConnections).hasValue(2);
            assertThat(proxy.tlsConnections).hasValue(0);
            assertThat(proxy.refusedConnections).hasValue(0);
        }
    }

    @Test
    void directTlsBindsScramToTheChannel() throws Exception {
        try (TlsOnlyProxy proxy = new TlsOnlyProxy(cluster.port)) {
            for (String params : List.of("sslmode=require", "sslmode=verify-full&sslrootcert=" + cluster.caCert)) {
                String dsn = viaProxy(proxy, "tls_only", "tls-secret", params + "&sslnegotiation=direct&channel_binding=require");
                try (PgPool pool = pool(dsn); Pg pg = pool.get()) {
                    assertThat(pg.exec("SELECT current_user").scalar()).isEqualTo("tls_only");
                    assertThat(connection(pg).authMechanism()).as(params).isEqualTo("SCRAM-SHA-256-PLUS");
                }
            }
            assertThat(proxy.directTlsConnections).hasValue(2);
        }
    }

    @Test
    void aDeadlineCancelGoesOverDirectTlsWithThe32ByteKey() throws Exception {
        try (TlsOnlyProxy proxy = new TlsOnlyProxy(cluster.port);
                PgPool pool = pool(viaProxy(proxy, "tls_only", "tls-secret",
                        "sslmode=require&sslnegotiation=direct&max_protocol_version=3.2"));
                Pg pg = pool.get()) {
            assertThat(connection(pg).protocolVersion()).isEqualTo("3.2");
            assertThat(cancelKeyLength(pg)).isEqualTo(32);
            deadlineCancelsAndTheSessionGoesOn(pg);
            assertThat(proxy.directTlsConnections.get()).isEqualTo(2); // the session and its cancel
            assertThat(proxy.tlsConnections).hasValue(0);
            assertThat(proxy.refusedConnections).hasValue(0);
        }
    }

    @Test
    void directNegotiationWithAWeakSslmodeIsRefusedBeforeAnyConnection() throws Exception {
        // libpq refuses these too ("weak sslmode ... may not be used with sslnegotiation=direct"):
        // a server that turned the direct hello down must not lead to a plaintext login.
        try (TlsOnlyProxy proxy = new TlsOnlyProxy(cluster.port)) {
            for (String mode : List.of("disable", "allow", "prefer", "")) {
                String dsn = viaProxy(proxy, "scram_user", "scram-secret",
                        "sslnegotiation=direct" + (mode.isEmpty() ? "" : "&sslmode=" + mode));
                String named = mode.isEmpty() ? "prefer" : mode; // no sslmode means prefer, and says so
                assertThatThrownBy(() -> pool(dsn).close()).as(mode).isInstanceOf(PgException.class)
                        .hasMessageContaining("weak sslmode \"" + named + "\" may not be used with sslnegotiation=direct")
                        .hasMessageContaining("use require, verify-ca or verify-full");
            }
            assertThat(proxy.tlsConnections.get() + proxy.directTlsConnections.get() + proxy.refusedConnections.get())
                    .isZero();
        }
    }

    @Test
    void wrongPasswordFailsWith28P01AndNeverShowsIt() {
        record Login(String user, String wrongPassword, String params) {
        }
        for (Login l : List.of(new Login("scram_user", "not-the-scram-password", "sslmode=disable&max_protocol_version=3.2"),
                new Login("md5_user", "not-the-md5-password", "sslmode=disable"),
                new Login("tls_only", "not-the-tls-password", "sslmode=require&sslnegotiation=direct"))) {
            assertThatThrownBy(() -> {
                try (PgPool pool = pool(cluster.dsn(l.user(), l.wrongPassword(), l.params())); Pg pg = pool.get()) {
                    pg.exec("SELECT 1");
                }
            }).as(l.user()).isInstanceOfSatisfying(InvalidPasswordException.class, e -> {
                assertThat(e.code()).isEqualTo("28P01");
                assertThat(e).hasMessageNotContaining(l.wrongPassword());
            });
        }
    }
}
