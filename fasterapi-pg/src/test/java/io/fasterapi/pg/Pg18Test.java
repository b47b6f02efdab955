package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.internal.connection.PgConnection;
import io.fasterapi.pg.TlsTerminatingProxy.Relay;
import io.fasterapi.pg.TlsTerminatingProxy.ServerAlpn;
import io.fasterapi.pg.internal.pool.PgSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol 3.2 and {@code sslnegotiation=direct} against a real PostgreSQL 18 (18.1 from the
 * zonky binaries jar, {@link PostgresBinaries#postgres18()}): the shared test server (15) answers a
 * request for 3.2 with 3.0 and hangs up on a direct TLS hello, so only here do the long cancel key
 * and the direct handshake meet a server that accepts them. Direct sessions go through a
 * {@link TlsOnlyProxy}, which counts how each connection opened, so a driver that quietly sent an
 * SSLRequest instead would fail the count. The ALPN checks go through a {@link TlsTerminatingProxy}
 * whose TLS side selects {@code postgresql}, nothing, or only {@code http/1.1}, and which records
 * what the client sent after each handshake.
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
        return pg.shard().submit(() -> connection(pg).session().cancelKeyLength()).await();
    }

    private static String viaProxy(TlsOnlyProxy proxy, String user, String password, String params) {
        return "postgres://" + user + ":" + password + "@localhost:" + proxy.port() + "/postgres?" + params;
    }

    /** scram_user, whom the server lets in without TLS: the proxy's own session to it is in clear. */
    private static String scramUserVia(TlsTerminatingProxy proxy, String params) {
        return "postgres://scram_user:scram-secret@localhost:" + proxy.port() + "/postgres?" + params;
    }

    private static String currentUser(String dsn) {
        try (PgPool pool = pool(dsn); Pg pg = pool.get()) {
            return pg.exec("SELECT current_user").scalar(String.class);
        }
    }

    /** The relays from {@code from} on, each once its client side has closed (what it sent is then final). */
    private static List<Relay> endedRelays(TlsTerminatingProxy proxy, int from) throws InterruptedException {
        List<Relay> relays;
        synchronized (proxy.relays) {
            relays = List.copyOf(proxy.relays.subList(from, proxy.relays.size()));
        }
        for (Relay r : relays) {
            assertThat(r.ended().await(10, TimeUnit.SECONDS)).as("the client closed its side").isTrue();
        }
        return relays;
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
            assertThat(connection(pg).session().protocolVersion()).isEqualTo("3.2");
            assertThat(cancelKeyLength(pg)).isEqualTo(32);
            deadlineCancelsAndTheSessionGoesOn(pg);
        }
    }

    @Test
    void minProtocolVersion32ConnectsAndTheDefaultStaysOn30WithA4ByteKey() {
        try (PgPool pool = pool(cluster.dsn("scram_user", "scram-secret", "sslmode=disable&min_protocol_version=3.2"));
                Pg pg = pool.get()) {
            assertThat(connection(pg).session().protocolVersion()).isEqualTo("3.2");
            assertThat(cancelKeyLength(pg)).isEqualTo(32);
        }
        try (PgPool pool = pool(cluster.dsn("scram_user", "scram-secret", "sslmode=disable")); Pg pg = pool.get()) {
            assertThat(connection(pg).session().protocolVersion()).isEqualTo("3.0");
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
                    assertThat(connection(pg).session().usesTls()).isTrue();
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
                    assertThat(connection(pg).session().authMechanism()).as(params).isEqualTo("SCRAM-SHA-256-PLUS");
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
            assertThat(connection(pg).session().protocolVersion()).isEqualTo("3.2");
            assertThat(cancelKeyLength(pg)).isEqualTo(32);
            deadlineCancelsAndTheSessionGoesOn(pg);
            assertThat(proxy.directTlsConnections.get()).isEqualTo(2); // the session and its cancel
            assertThat(proxy.tlsConnections).hasValue(0);
            assertThat(proxy.refusedConnections).hasValue(0);
        }
    }

    @Test
    void directTlsIsRefusedWhenTheServerSelectsNoAlpnAndNothingIsSent() throws Exception {
        // The proxy relays to this server in clear, so it logs in whenever the client talks: only the
        // ALPN answer differs between the three logins.
        try (TlsTerminatingProxy proxy = new TlsTerminatingProxy(cluster.port, false, false)) {
            String direct = scramUserVia(proxy, "sslmode=require&sslnegotiation=direct");
            proxy.alpn(ServerAlpn.POSTGRESQL);
            assertThat(currentUser(direct)).isEqualTo("scram_user");
            assertThat(proxy.relays.getFirst().alpn()).isEqualTo("postgresql");

            proxy.alpn(ServerAlpn.NONE);
            int before = proxy.relays.size();
            assertThatThrownBy(() -> currentUser(direct)).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("did not select ALPN protocol \"postgresql\" on a direct TLS connection")
                    .hasMessageContaining("nothing was sent")
                    .hasMessageContaining("Use sslnegotiation=postgres for this server")
                    .hasMessageNotContaining("scram-secret");
            List<Relay> refused = endedRelays(proxy, before);
            assertThat(refused).isNotEmpty().allSatisfy(r -> {
                assertThat(r.direct()).isTrue();
                assertThat(r.alpn()).isEmpty();
                assertThat(r.fromClient().size()).as("bytes after the handshake").isZero(); // no StartupMessage
            });

            // The advice works, and the SSLRequest path does not ask for ALPN (PostgreSQL does not select it there).
            assertThat(currentUser(scramUserVia(proxy, "sslmode=require"))).isEqualTo("scram_user");
            assertThat(proxy.relays.getLast().direct()).isFalse();
        }
    }

    @Test
    void directTlsToAServerOfAnotherProtocolFailsNamingAlpn() throws Exception {
        // An HTTPS-like server that accepts only http/1.1 turns the "postgresql" offer down during the
        // handshake (alert no_application_protocol). A server that selected http/1.1 anyway cannot be
        // built on the JDK: its TLS server refuses to select a protocol the client did not offer, and
        // its client (ours) would refuse the ServerHello.
        try (TlsTerminatingProxy proxy = new TlsTerminatingProxy(cluster.port, false, false)) {
            proxy.alpn(ServerAlpn.HTTP_ONLY);
            String direct = scramUserVia(proxy, "sslmode=require&sslnegotiation=direct");
            assertThatThrownBy(() -> currentUser(direct)).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("no_application_protocol")
                    .hasMessageContaining("refused ALPN protocol \"postgresql\", which sslnegotiation=direct offers")
                    .hasMessageNotContaining("scram-secret");
            assertThat(proxy.directHellos.get()).isPositive();
            assertThat(proxy.relays).isEmpty(); // no handshake completed, so nothing could follow one
        }
    }

    @Test
    void aDeadlineCancelIsNotSentOverDirectTlsWhenTheServerSelectsNoAlpn() throws Exception {
        try (TlsTerminatingProxy proxy = new TlsTerminatingProxy(cluster.port, false, false)) {
            proxy.alpn(ServerAlpn.POSTGRESQL);
            try (PgPool pool = pool(scramUserVia(proxy, "sslmode=require&sslnegotiation=direct")); Pg pg = pool.get()) {
                // Through the proxy selecting "postgresql" the cancel goes out (16 bytes: the
                // CancelRequest with the 4-byte key) and the sleep is cut short.
                deadlineCancelsAndTheSessionGoesOn(pg);
                List<Relay> sessionAndCancel = endedRelays(proxy, 1);
                assertThat(sessionAndCancel).hasSize(1);
                assertThat(sessionAndCancel.getFirst().fromClient().size()).isEqualTo(16);

                // Now an endpoint on the same address that selects no ALPN takes the cancel connection.
                proxy.alpn(ServerAlpn.NONE);
                int before = proxy.relays.size();
                long start = System.nanoTime();
                assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(100)).exec("SELECT pg_sleep(1.5)"))
                        .isInstanceOf(PgTimeoutException.class);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (proxy.relays.size() == before && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                List<Relay> cancel = endedRelays(proxy, before);
                assertThat(cancel).hasSize(1);
                assertThat(cancel.getFirst().alpn()).isEmpty();
                assertThat(cancel.getFirst().fromClient().size()).as("bytes after the handshake").isZero();
                // The server never got the key: the next statement waits out the sleep, then the session goes on.
                assertThat(pg.exec("SELECT 7").scalar(Integer.class)).isEqualTo(7);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
            }
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
