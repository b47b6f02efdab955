package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client certificates ({@code sslcert}, {@code sslkey}, {@code sslpassword}) against a throwaway
 * cluster whose pg_hba.conf has {@code cert} authentication for {@code cert_user} and
 * {@code scram-sha-256 clientcert=verify-full} for {@code certpw_user}: the key as PEM PKCS#8,
 * PKCS#1, encrypted PKCS#8 and DER; libpq's default files; and the refusals, each clear, none
 * showing a password.
 */
class ClientCertificateTest {
    @AutoClose
    static ThrowawayCluster cluster;
    static Path certs;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ThrowawayCluster();
        certs = Files.createDirectories(cluster.dir.resolve("client"));
        cluster.issueClientCertificate("cert_user", certs);
        cluster.issueClientCertificate("certpw_user", certs);
        cluster.issueClientCertificate("someone_else", certs);
        Path key = certs.resolve("cert_user.key");
        openssl("pkey", "-in", key.toString(), "-traditional", "-out", certs.resolve("pkcs1.key").toString());
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key.toString(), "-passout", "pass:k3y-Pa55",
                "-out", certs.resolve("encrypted.key").toString());
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-outform", "DER",
                "-out", certs.resolve("der.key").toString());
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    private static String dsn(String user, String params) {
        return "postgres://" + user + "@localhost:" + cluster.port + "/postgres?sslmode=verify-full&sslrootcert="
                + cluster.caCert + "&" + params;
    }

    private static String certFor(String cn) {
        return "sslcert=" + certs.resolve(cn + ".crt");
    }

    private static Object query(String dsn, String sql) {
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            return pg.exec(sql).scalar();
        }
    }

    private static final String WHO = "SELECT current_user || ' ' || client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

    @Test
    void certAuthenticationLogsInWithAPemPkcs8Key() {
        String dsn = dsn("cert_user", certFor("cert_user") + "&sslkey=" + certs.resolve("cert_user.key"));
        assertThat(query(dsn, WHO)).isEqualTo("cert_user /CN=cert_user");
    }

    @Test
    void pkcs1EncryptedPkcs8AndDerKeysAreReadToo() throws Exception {
        assertThat(Files.readString(certs.resolve("pkcs1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(certs.resolve("encrypted.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(query(dsn("cert_user", certFor("cert_user") + "&sslkey=" + certs.resolve("pkcs1.key")), WHO))
                .isEqualTo("cert_user /CN=cert_user");
        assertThat(query(dsn("cert_user", certFor("cert_user") + "&sslkey=" + certs.resolve("encrypted.key")
                + "&sslpassword=k3y-Pa55"), WHO)).isEqualTo("cert_user /CN=cert_user");
        assertThat(query(dsn("cert_user", certFor("cert_user") + "&sslkey=" + certs.resolve("der.key")), WHO))
                .isEqualTo("cert_user /CN=cert_user");
        // key=value form, as libpq writes it
        assertThat(query("host=localhost port=" + cluster.port + " dbname=postgres user=cert_user sslmode=verify-full"
                + " sslrootcert=" + cluster.caCert + " sslcert=" + certs.resolve("cert_user.crt")
                + " sslkey=" + certs.resolve("encrypted.key") + " sslpassword='k3y-Pa55'", "SELECT current_user"))
                .isEqualTo("cert_user");
    }

    @Test
    void clientcertVerifyFullNeedsThePasswordAndACertificateOfTheSameName() {
        String withCert = "postgres://certpw_user:certpw-secret@localhost:" + cluster.port + "/postgres?sslmode=require&"
                + certFor("certpw_user") + "&sslkey=" + certs.resolve("certpw_user.key");
        assertThat(query(withCert, "SELECT current_user")).isEqualTo("certpw_user");
        String otherName = withCert.replace("certpw_user.crt", "someone_else.crt").replace("certpw_user.key", "someone_else.key");
        // The server says only that authentication failed (the name mismatch is in its log), as 28P01.
        assertThatThrownBy(() -> query(otherName, "SELECT 1")).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.code()).isEqualTo("28P01")).hasMessageContaining("authentication failed")
                .hasMessageNotContaining("certpw-secret");
        String noCert = "postgres://certpw_user:certpw-secret@localhost:" + cluster.port + "/postgres?sslmode=require";
        assertThatThrownBy(() -> query(noCert, "SELECT 1")).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.code()).isEqualTo("28000")).hasMessageContaining("certificate")
                .hasMessageNotContaining("certpw-secret");
    }

    @Test
    void withoutACertificateCertAuthenticationIsRefusedClearly() {
        assertThatThrownBy(() -> query(dsn("cert_user", "connect_timeout=10"), "SELECT 1"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.code()).isEqualTo("28000"))
                .hasMessageContaining("certificate");
        // A certificate of another name is refused by cert authentication too.
        assertThatThrownBy(() -> query(dsn("cert_user", certFor("someone_else") + "&sslkey="
                + certs.resolve("someone_else.key")), "SELECT 1"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.code()).isEqualTo("28000"));
    }

    @Test
    void aWrongOrMissingKeyPasswordFailsTheBuildWithoutShowingIt() {
        String wrong = "n0t-The-Pa55word";
        String encrypted = certFor("cert_user") + "&sslkey=" + certs.resolve("encrypted.key");
        assertThatThrownBy(() -> PgPool.builder(dsn("cert_user", encrypted + "&sslpassword=" + wrong)).build())
                .isInstanceOf(PgConnectionException.class)
                .hasMessageContaining("sslkey " + certs.resolve("encrypted.key"))
                .hasMessageContaining("cannot be decrypted with the sslpassword given")
                .hasMessageNotContaining(wrong);
        assertThatThrownBy(() -> PgPool.builder(dsn("cert_user", encrypted)).build())
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("give its password as sslpassword");
    }

    @Test
    void missingOrUnreadableFilesFailTheBuildNamingThem() throws Exception {
        Path nowhere = certs.resolve("missing.crt");
        assertThatThrownBy(() -> PgPool.builder(dsn("cert_user", "sslcert=" + nowhere + "&sslkey="
                + certs.resolve("cert_user.key"))).build())
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("sslcert " + nowhere + " does not exist");
        assertThatThrownBy(() -> PgPool.builder(dsn("cert_user", certFor("cert_user") + "&sslkey="
                + certs.resolve("missing.key"))).build())
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("sslkey").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PgPool.builder(dsn("cert_user", certFor("cert_user") + "&sslkey="
                + certs.resolve("cert_user.crt"))).build())
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("not a private key");
        Path legacy = certs.resolve("legacy.key");
        openssl("pkey", "-in", certs.resolve("cert_user.key").toString(), "-traditional", "-aes256",
                "-passout", "pass:x", "-out", legacy.toString());
        assertThatThrownBy(() -> PgPool.builder(dsn("cert_user", certFor("cert_user") + "&sslkey=" + legacy
                + "&sslpassword=x")).build())
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void libpqsDefaultFilesUnderTheHomeDirectoryAreUsed() throws Exception {
        Path home = Files.createDirectories(cluster.dir.resolve("home"));
        Path dotPostgresql = Files.createDirectories(home.resolve(".postgresql"));
        Files.copy(certs.resolve("cert_user.crt"), dotPostgresql.resolve("postgresql.crt"));
        Files.copy(certs.resolve("cert_user.key"), dotPostgresql.resolve("postgresql.key"));
        Files.copy(cluster.caCert, dotPostgresql.resolve("root.crt"));
        String before = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            // No sslcert, sslkey or sslrootcert: all three from ~/.postgresql, as libpq finds them.
            assertThat(query("postgres://cert_user@localhost:" + cluster.port + "/postgres?sslmode=verify-full", WHO))
                    .isEqualTo("cert_user /CN=cert_user");
        } finally {
            System.setProperty("user.home", before);
        }
    }
}
