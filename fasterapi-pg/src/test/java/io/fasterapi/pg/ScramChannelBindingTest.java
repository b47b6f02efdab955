package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.internal.pool.PgSession;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code channel_binding} against a man in the middle that terminates TLS with its own certificate
 * ({@link TlsTerminatingProxy}). {@code sslmode=require} does not check the certificate, so only
 * SCRAM-SHA-256-PLUS can notice the proxy: the client binds to the proxy's certificate hash, the
 * server checks against its own.
 */
class ScramChannelBindingTest {
    @AutoClose
    static ThrowawayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ThrowawayCluster();
    }

    private static String viaProxy(TlsTerminatingProxy proxy, String user, String password, String params) {
        return "postgres://" + user + ":" + password + "@localhost:" + proxy.port() + "/postgres?connect_timeout=10&"
                + params;
    }

    /** The mechanism the session logged in with, and that it is the user asked for. */
    private static String mechanismOf(String dsn) {
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            assertThat(pg.exec("SELECT current_user").scalar(String.class)).isNotEmpty();
            return ((PgSession) pg).connection().session().authMechanism();
        }
    }

    private static void login(String dsn) {
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            pg.exec("SELECT 1");
        }
    }

    private static boolean anyContains(TlsTerminatingProxy proxy, String secret) {
        synchronized (proxy.relays) {
            return proxy.relays.stream().map(r -> r.fromClient().toString()).anyMatch(s -> s.contains(secret));
        }
    }

    @Test
    void scramPlusFailsThroughATlsTerminatingProxy() throws Exception {
        try (TlsTerminatingProxy proxy = new TlsTerminatingProxy(cluster.port, true, false)) {
            String dsn = viaProxy(proxy, "tls_only", "tls-secret", "sslmode=require");
            // The server's own words: the binding the client computed (over the proxy's certificate)
            // is not the one it expects (its own certificate). 28000: invalid authorization.
            assertThatThrownBy(() -> login(dsn)).isInstanceOfSatisfying(PgException.class, e -> {
                assertThat(e.getMessage()).contains("SCRAM channel binding check failed").doesNotContain("tls-secret");
                assertThat(e.code()).isEqualTo("28000");
            });
            assertThat(proxy.relayedSessions.get()).isPositive(); // the proxy was reached and relayed
            assertThat(anyContains(proxy, "SCRAM-SHA-256-PLUS")).isTrue(); // the client did try to bind
        }
    }

    @Test
    void aStrippedPlusOfferOverTlsIsCaughtByTheServerWithPreferAndByTheClientWithRequire() throws Exception {
        try (TlsTerminatingProxy proxy = new TlsTerminatingProxy(cluster.port, true, true)) {
            // prefer falls back to SCRAM-SHA-256 but says "y" (could bind, server did not offer it):
            // the server did offer it, so it sees the downgrade and refuses.
            String prefer = viaProxy(proxy, "tls_only", "tls-secret", "sslmode=require&channel_binding=prefer");
            assertThatThrownBy(() -> login(prefer)).isInstanceOfSatisfying(PgException.class, e -> {
                assertThat(e.getMessage()).contains("SCRAM channel binding negotiation error").doesNotContain("tls-secret");
                assertThat(e.code()).isEqualTo("28000");
            });
            assertThat(proxy.strippedOffers.get()).isPositive();
            String require = viaProxy(proxy, "tls_only", "tls-secret", "sslmode=require&channel_binding=require");
            int before = proxy.relays.size();
            assertThatThrownBy(() -> login(require)).isInstanceOfSatisfying(PgConnectionException.class, e ->
                    assertThat(e.getMessage()).contains("channel_binding=require")
                            .contains("does not offer SCRAM-SHA-256-PLUS").doesNotContain("tls-secret"));
            synchronized (proxy.relays) {
                // nothing after the startup message: no SASLInitialResponse ('p') left the client
                assertThat(proxy.relays.subList(before, proxy.relays.size())).allSatisfy(r ->
                        assertThat(r.fromClient().toString(StandardCharsets.ISO_8859_1)).doesNotContain("SCRAM"));
            }
        }
    }

    @Test
    void preferLetsAProxyThatTalksClearToTheServerThroughWithPlainScramRequireDoesNot() throws Exception {
        // libpq's documented limit of prefer: the server saw no TLS, so offered no -PLUS and cannot
        // notice; the client is on TLS but has nothing to bind to.
        try (TlsTerminatingProxy proxy = new TlsTerminatingProxy(cluster.port, false, true)) {
            String prefer = viaProxy(proxy, "scram_user", "scram-secret", "sslmode=require");
            assertThat(mechanismOf(prefer)).isEqualTo("SCRAM-SHA-256");
            String require = viaProxy(proxy, "scram_user", "scram-secret", "sslmode=require&channel_binding=require");
            assertThatThrownBy(() -> login(require)).isInstanceOfSatisfying(PgConnectionException.class,
                    e -> assertThat(e.getMessage()).contains("channel_binding=require"));
        }
    }

    @Test
    void requireRefusesACleartextPasswordRequestWithoutSendingThePassword() throws Exception {
        try (TlsTerminatingProxy proxy = new TlsTerminatingProxy(cluster.port, false, false)) {
            String require = viaProxy(proxy, "clear_user", "clear-secret", "sslmode=require&channel_binding=require");
            assertThatThrownBy(() -> login(require)).isInstanceOfSatisfying(PgConnectionException.class, e ->
                    assertThat(e.getMessage()).contains("channel_binding=require").contains("cleartext")
                            .doesNotContain("clear-secret"));
            assertThat(proxy.relayedSessions.get()).isPositive();
            assertThat(anyContains(proxy, "clear-secret")).isFalse();
            // the same login without require does send it, so the check above could fail
            login(viaProxy(proxy, "clear_user", "clear-secret", "sslmode=require"));
            assertThat(anyContains(proxy, "clear-secret")).isTrue();
        }
    }

    @Test
    void requireWithoutTlsIsRefusedBeforeAnyScramMessage() {
        assertThatThrownBy(() -> login(cluster.dsn("scram_user", "scram-secret", "sslmode=disable&channel_binding=require")))
                .isInstanceOfSatisfying(PgConnectionException.class, e -> {
                    assertThat(e.getMessage()).contains("channel_binding=require").contains("not TLS")
                            .doesNotContain("scram-secret");
                    assertThat(e.code()).isNotEqualTo("28P01"); // refused by the client, not the server
                });
        assertThatThrownBy(() -> login(cluster.dsn("md5_user", "md5-secret", "sslmode=disable&channel_binding=require")))
                .isInstanceOfSatisfying(PgConnectionException.class,
                        e -> assertThat(e.getMessage()).contains("channel_binding=require").contains("MD5"));
    }

    @Test
    void directTlsBindsByDefaultAndWithRequireButNotWithDisable() {
        assertThat(mechanismOf(cluster.dsn("tls_only", "tls-secret", "sslmode=require")))
                .isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(mechanismOf(cluster.dsn("tls_only", "tls-secret", "sslmode=require&channel_binding=require")))
                .isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(mechanismOf(cluster.dsn("tls_only", "tls-secret", "sslmode=require&channel_binding=disable")))
                .isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void requireRefusesATrustLogin() {
        String dsn = "postgres://postgres@localhost:" + cluster.port + "/postgres?sslmode=require&channel_binding=require";
        assertThatThrownBy(() -> login(dsn)).isInstanceOfSatisfying(PgConnectionException.class,
                e -> assertThat(e.getMessage()).contains("channel_binding=require").contains("without SCRAM-SHA-256-PLUS"));
        assertThat(mechanismOf(dsn.replace("channel_binding=require", "channel_binding=prefer"))).isEqualTo("trust");
    }
}
