package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.testing.CapturedStderr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, security: a password in the DSN never shows — not in a toString, a meter, an exception
 * (message, causes, stack text) from any way connecting can fail, nor a log line at any level.
 * A throwaway cluster (password, md5, scram and hostssl-only users, all given {@link
 * PasswordLeakScenarios#PASSWORD}) serves the scenarios.
 */
class PasswordNeverLeaksTest {
    /** failing(...) calls in {@link PasswordLeakScenarios#runAll()} plus the terminated session. */
    static final int FAILURE_SCENARIOS = 25;

    static ThrowawayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ThrowawayCluster();
        String pw = PasswordLeakScenarios.PASSWORD;
        cluster.psql("SET password_encryption = 'md5'; ALTER ROLE md5_user PASSWORD '" + pw + "';"
                + " SET password_encryption = 'scram-sha-256'; ALTER ROLE scram_user PASSWORD '" + pw + "';"
                + " ALTER ROLE clear_user PASSWORD '" + pw + "'; ALTER ROLE tls_only PASSWORD '" + pw + "';");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static PasswordLeakScenarios scenarios() {
        return new PasswordLeakScenarios(cluster.port, cluster.caCert.toString());
    }

    private static void assertNoPassword(String what, String text) {
        for (String form : PasswordLeakScenarios.forms()) {
            assertThat(text).as("%s shows the password (as %s):%n%s", what.lines().findFirst().orElse(what), form, text)
                    .doesNotContain(form);
        }
    }

    @Test
    void noToStringMeterExceptionOrWarningShowsThePassword() throws Exception {
        PasswordLeakScenarios.Seen seen;
        CapturedStderr captured = CapturedStderr.start();
        try (captured) {
            seen = scenarios().runAll();
        }
        assertThat(seen.unexpected()).as("scenarios that should have failed but worked").isEmpty();
        assertThat(seen.failures()).hasSize(FAILURE_SCENARIOS);
        assertThat(seen.texts()).anySatisfy(t -> assertThat(t).startsWith("scram meter").contains("pool=leak-probe"));
        assertThat(seen.texts()).anySatisfy(t -> assertThat(t).startsWith("wrong password scram_user")
                .contains("InvalidPasswordException"));
        for (String text : seen.texts()) {
            assertNoPassword(text, text);
        }
        assertNoPassword("System.err (slf4j-simple, warn and above)", captured.text());
    }

    @Test
    void traceLevelLogsOfAChildJvmNeverShowThePassword() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("password-leak-child", ".log");
        Process p = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-cp", System.getProperty("java.class.path"),
                PasswordLeakScenarios.class.getName(), String.valueOf(cluster.port), cluster.caCert.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertThat(exited).as("the child JVM exits (no pool left running)%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("UNEXPECTED []").contains("DONE failures=" + FAILURE_SCENARIOS);
        assertThat(out).as("trace logging is on").contains("DEBUG io.fasterapi.pg");
        assertNoPassword("the child JVM's stdout and trace-level logs", out);
    }

    @Test
    void sslmodeRequireRefusesAServerWithoutTls() throws Exception {
        cluster.psql("ALTER SYSTEM SET ssl = off");
        cluster.psql("SELECT pg_reload_conf()");
        try {
            PasswordLeakScenarios s = scenarios();
            for (String mode : new String[] {"require", "verify-ca", "verify-full"}) {
                String dsn = s.url("scram_user", PasswordLeakScenarios.PASSWORD, "sslmode=" + mode
                        + (mode.startsWith("verify") ? "&sslrootcert=" + cluster.caCert : ""));
                assertThatThrownBy(() -> query(dsn, "SELECT 1")).as(mode).isInstanceOf(PgConnectionException.class)
                        .hasMessageContaining("does not accept TLS").hasMessageContaining("sslmode=" + mode)
                        .satisfies(e -> assertNoPassword(mode, PasswordLeakScenarios.stackTrace(e)));
            }
            // The same server and user are fine when TLS is only preferred: it was the TLS refusal that failed.
            String prefer = s.url("scram_user", PasswordLeakScenarios.PASSWORD, "sslmode=prefer");
            assertThat(query(prefer, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo(false);
        } finally {
            cluster.psql("ALTER SYSTEM RESET ssl");
            cluster.psql("SELECT pg_reload_conf()");
        }
    }

    /**
     * AuthAndTlsTest's wrong-host case dials 127.0.0.2, where nothing listens (the cluster binds
     * 127.0.0.1): refused before TLS starts. Here the name resolves to the server, so it is the
     * certificate check that refuses it.
     */
    @Test
    void verifyFullRefusesANameTheCertificateDoesNotCarry() throws Exception {
        String name = java.net.InetAddress.getLocalHost().getHostName();
        org.junit.jupiter.api.Assumptions.assumeTrue(!name.equals("localhost")
                && java.net.InetAddress.getByName(name).getHostAddress().equals("127.0.0.1"),
                "needs a host name other than localhost that resolves to 127.0.0.1");
        PasswordLeakScenarios s = scenarios();
        String good = s.url("tls_only", PasswordLeakScenarios.PASSWORD, "sslmode=verify-full&sslrootcert=" + cluster.caCert);
        assertThat(query(good, "SELECT 1")).isEqualTo(1);
        String wrongName = good.replace("@localhost:", "@" + name + ":");
        assertThatThrownBy(() -> query(wrongName, "SELECT 1")).isInstanceOf(PgConnectionException.class)
                .hasMessageContaining("TLS handshake with " + name).hasMessageContaining("subject alternative")
                .satisfies(e -> assertNoPassword("verify-full", PasswordLeakScenarios.stackTrace(e)));
        // The same name is fine when only the chain is verified: it was the name that failed.
        assertThat(query(wrongName.replace("verify-full", "verify-ca"), "SELECT 1")).isEqualTo(1);
    }

    private static Object query(String dsn, String sql) {
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            return pg.exec(sql).scalar();
        }
    }
}
