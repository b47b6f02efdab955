package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthAndTlsTest {
    @AutoClose
    static ThrowawayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ThrowawayCluster();
    }

    private static Object query(String dsn, String sql) {
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            return pg.exec(sql).scalar();
        }
    }

    @Test
    void cleartextMd5AndScramLogIn() {
        assertThat(query(cluster.dsn("clear_user", "clear-secret", "sslmode=disable"), "SELECT current_user")).isEqualTo("clear_user");
        assertThat(query(cluster.dsn("md5_user", "md5-secret", "sslmode=disable"), "SELECT current_user")).isEqualTo("md5_user");
        assertThat(query(cluster.dsn("scram_user", "scram-secret", "sslmode=disable"), "SELECT current_user")).isEqualTo("scram_user");
    }

    @Test
    void wrongPasswordFailsWith28P01AndNeverShowsIt() {
        for (String user : new String[] {"clear_user", "md5_user", "scram_user"}) {
            String wrong = "not-the-password-" + user;
            assertThatThrownBy(() -> query(cluster.dsn(user, wrong, "sslmode=disable"), "SELECT 1"))
                    .isInstanceOfSatisfying(InvalidPasswordException.class, e -> {
                        assertThat(e.code()).isEqualTo("28P01");
                        assertThat(e.getMessage()).doesNotContain(wrong);
                    });
        }
    }

    @Test
    void requireEncryptsAndScramBindsToTheChannel() {
        String dsn = cluster.dsn("tls_only", "tls-secret", "sslmode=require");
        assertThat(query(dsn, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo(true);
        // SCRAM-SHA-256-PLUS is chosen over TLS; a wrong channel binding would fail the login.
        assertThat(query(dsn, "SELECT current_user")).isEqualTo("tls_only");
    }

    @Test
    void verifyFullChecksChainAndHostName() {
        String ok = cluster.dsn("tls_only", "tls-secret", "sslmode=verify-full&sslrootcert=" + cluster.caCert);
        assertThat(query(ok, "SELECT 1")).isEqualTo(1);
        String wrongHost = ok.replace("@localhost:", "@127.0.0.2:");
        assertThatThrownBy(() -> query(wrongHost, "SELECT 1")).isInstanceOf(PgConnectionException.class);
        String verifyCa = cluster.dsn("tls_only", "tls-secret", "sslmode=verify-ca&sslrootcert=" + cluster.caCert);
        assertThat(query(verifyCa, "SELECT 1")).isEqualTo(1);
    }

    @Test
    void verifyCaRejectsAnUnknownAuthority() throws Exception {
        java.nio.file.Path other = java.nio.file.Files.createTempFile("other-ca", ".crt");
        try {
            java.nio.file.Files.writeString(other, selfSignedPem());
            String dsn = cluster.dsn("tls_only", "tls-secret", "sslmode=verify-ca&sslrootcert=" + other);
            assertThatThrownBy(() -> query(dsn, "SELECT 1")).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("TLS");
        } finally {
            java.nio.file.Files.deleteIfExists(other);
        }
    }

    private static String selfSignedPem() throws Exception {
        java.nio.file.Path d = java.nio.file.Files.createTempDirectory("ca");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                "/CN=other", "-keyout", d.resolve("k").toString(), "-out", d.resolve("c").toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return java.nio.file.Files.readString(d.resolve("c"));
    }

    @Test
    void disableRefusedByHostsslOnlyUser() {
        assertThatThrownBy(() -> query(cluster.dsn("tls_only", "tls-secret", "sslmode=disable"), "SELECT 1"))
                .isInstanceOf(PgConnectionException.class)
                .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("28000"));
        // allow: plaintext first, then TLS when the server refuses plaintext.
        assertThat(query(cluster.dsn("tls_only", "tls-secret", "sslmode=allow"), "SELECT 1")).isEqualTo(1);
    }

    @Test
    void missingPasswordIsAClearClientError() {
        assertThatThrownBy(() -> query("postgres://scram_user@localhost:" + cluster.port + "/postgres?sslmode=disable", "SELECT 1"))
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("password");
    }

    @Test
    void triesTheNextHostAndHonoursTargetSessionAttrs() {
        String dsn = "postgres://scram_user:scram-secret@127.0.0.1:1," + "localhost:" + cluster.port
                + "/postgres?sslmode=disable&connect_timeout=2";
        assertThat(query(dsn, "SELECT 1")).isEqualTo(1);
        assertThatThrownBy(() -> query(dsn + "&target_session_attrs=standby", "SELECT 1"))
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("target_session_attrs");
    }

    @Test
    void deadlineCancelGoesOverTlsWhenTheSessionDoes() throws Exception {
        // tls_only may log in through hostssl only; the proxy drops every connection that does not
        // open with an SSLRequest, so a cancel sent in clear would never reach the server and the
        // next statement would wait out the whole pg_sleep(10).
        try (TlsOnlyProxy proxy = new TlsOnlyProxy(cluster.port);
                PgPool pool = PgPool.builder("postgres://tls_only:tls-secret@localhost:" + proxy.port()
                        + "/postgres?sslmode=require").threads(1).maxSize(1).build();
                Pg pg = pool.get()) {
            int pid = pg.processId();
            long start = System.nanoTime();
            assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(100)).exec("SELECT pg_sleep(10)"))
                    .isInstanceOf(PgTimeoutException.class);
            assertThat(pg.exec("SELECT 7").scalar(Integer.class)).isEqualTo(7);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(pg.exec("SELECT pg_backend_pid()").scalar(Integer.class)).isEqualTo(pid);
            assertThat(proxy.refusedConnections).hasValue(0);
            assertThat(proxy.tlsConnections.get()).isGreaterThanOrEqualTo(2); // the session and its cancel
        }
    }

    @Test
    void directTlsToAServerBefore17FailsPromptlyAndSaysWhy() {
        // PostgreSQL 15 reads the TLS ClientHello as a startup packet of absurd length and hangs up.
        String dsn = cluster.dsn("tls_only", "tls-secret", "sslmode=require&sslnegotiation=direct&connect_timeout=30");
        long start = System.nanoTime();
        assertThatThrownBy(() -> query(dsn, "SELECT 1")).isInstanceOf(PgConnectionException.class)
                .hasMessageContaining("sslnegotiation=direct")
                .hasMessageContaining("PostgreSQL 17");
        // Well inside connect_timeout: the failure comes from the server hanging up, not from waiting.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void scramOverTlsBindsToTheChannelWithThePlusMechanism() {
        try (PgPool pool = PgPool.builder(cluster.dsn("tls_only", "tls-secret", "sslmode=require")).threads(1)
                .maxSize(1).build(); Pg pg = pool.get()) {
            assertThat(((io.fasterapi.pg.internal.pool.PgSession) pg).connection().session().authMechanism())
                    .isEqualTo("SCRAM-SHA-256-PLUS");
            assertThat(((io.fasterapi.pg.internal.pool.PgSession) pg).connection().session().usesTls()).isTrue();
        }
        try (PgPool pool = PgPool.builder(cluster.dsn("scram_user", "scram-secret", "sslmode=disable")).threads(1)
                .maxSize(1).build(); Pg pg = pool.get()) {
            assertThat(((io.fasterapi.pg.internal.pool.PgSession) pg).connection().session().authMechanism())
                    .isEqualTo("SCRAM-SHA-256");
        }
        try (PgPool pool = PgPool.builder(cluster.dsn("md5_user", "md5-secret", "sslmode=disable")).threads(1)
                .maxSize(1).build(); Pg pg = pool.get()) {
            assertThat(((io.fasterapi.pg.internal.pool.PgSession) pg).connection().session().authMechanism()).isEqualTo("md5");
        }
    }
}
