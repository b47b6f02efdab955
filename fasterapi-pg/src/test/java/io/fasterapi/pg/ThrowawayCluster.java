package io.fasterapi.pg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster under target/ for auth and TLS tests: a throwaway CA and server
 * certificate (openssl), password, md5 and scram-sha-256 users, TLS on (with the CA as ssl_ca_file,
 * so the server asks for client certificates: user {@code cert_user} logs in by {@code cert}
 * authentication alone, {@code certpw_user} by password and a certificate, {@code clientcert=verify-full}),
 * a free port. Never touches
 * the shared server. By default it runs the installed PostgreSQL ({@link PostgresBinaries#installed()});
 * given {@link PostgresBinaries#postgres18()} it runs PostgreSQL 18. When we are root it runs as
 * user postgres (PostgreSQL refuses root), or as nobody where there is no postgres user.
 */
final class ThrowawayCluster implements AutoCloseable {
    final Path dir;
    final int port;
    final Path caCert;
    private final PostgresBinaries binaries;
    private final ServerCommands commands;

    ThrowawayCluster() throws IOException, InterruptedException {
        this(PostgresBinaries.installed());
    }

    ThrowawayCluster(PostgresBinaries binaries) throws IOException, InterruptedException {
        this.binaries = binaries;
        commands = ServerCommands.forThisUser();
        commands.checkCanRun(binaries.program("postgres"));
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-auth-");
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        caCert = dir.resolve("ca.crt");
        run(false, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=fasterapi-test-ca",
                "-keyout", dir.resolve("ca.key").toString(), "-out", caCert.toString());
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(false, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.csr").toString());
        run(false, "openssl", "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA", caCert.toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-sha256",
                "-extfile", dir.resolve("san.ext").toString(), "-out", dir.resolve("server.crt").toString());
        commands.chown(dir);
        run(false, "chmod", "600", dir.resolve("server.key").toString());
        Path data = dir.resolve("data");
        run(true, binaries.program("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'",
                "ssl = on", "ssl_cert_file = '" + dir.resolve("server.crt") + "'",
                "ssl_key_file = '" + dir.resolve("server.key") + "'", "ssl_ca_file = '" + caCert + "'",
                "fsync = off", ""),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all clear_user 127.0.0.1/32 password",
                "host all md5_user 127.0.0.1/32 md5",
                "host all scram_user 127.0.0.1/32 scram-sha-256",
                "hostssl all tls_only 127.0.0.1/32 scram-sha-256",
                "hostssl all cert_user 127.0.0.1/32 cert",
                "hostssl all certpw_user 127.0.0.1/32 scram-sha-256 clientcert=verify-full", ""));
        run(true, binaries.program("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "start");
        psql("SET password_encryption = 'md5'; CREATE ROLE md5_user LOGIN PASSWORD 'md5-secret';"
                + " SET password_encryption = 'scram-sha-256';"
                + " CREATE ROLE scram_user LOGIN PASSWORD 'scram-secret';"
                + " CREATE ROLE clear_user LOGIN PASSWORD 'clear-secret';"
                + " CREATE ROLE tls_only LOGIN PASSWORD 'tls-secret';"
                + " CREATE ROLE cert_user LOGIN; CREATE ROLE certpw_user LOGIN PASSWORD 'certpw-secret';");
    }

    /**
     * Issues a client certificate for common name {@code cn}, signed by this cluster's CA, into
     * {@code out}: {@code cn.crt} and its unencrypted PKCS#8 key {@code cn.key}.
     */
    void issueClientCertificate(String cn, Path out) throws IOException, InterruptedException {
        Path key = out.resolve(cn + ".key");
        Path csr = out.resolve(cn + ".csr");
        run(false, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn, "-keyout", key.toString(),
                "-out", csr.toString());
        run(false, "openssl", "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey",
                dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-sha256",
                "-out", out.resolve(cn + ".crt").toString());
    }

    String dsn(String user, String password, String params) {
        return "postgres://" + user + ":" + password + "@localhost:" + port + "/postgres" + (params.isEmpty() ? "" : "?" + params);
    }

    /** Stops the server (fast: sessions are told 57P01 and closed), as for a restart. */
    void stop() throws IOException, InterruptedException {
        run(true, binaries.program("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts the server again after {@link #stop()}, on the same port. */
    void start() throws IOException, InterruptedException {
        run(true, binaries.program("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "start");
    }

    /**
     * Runs {@code sql} (one or several statements) as superuser postgres: through psql where the
     * binaries have it, else (PostgreSQL 18 from the jar has none) through this driver over TCP,
     * which pg_hba.conf trusts for postgres.
     */
    void psql(String sql) throws IOException, InterruptedException {
        if (binaries.hasPsql()) {
            run(true, binaries.program("psql").toString(), "-X", "-q", "-h", dir.toString(), "-p", String.valueOf(port),
                    "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql);
            return;
        }
        try (PgPool pool = PgPool.builder("postgres://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable")
                .threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            pg.script(sql);
        }
    }

    private void run(boolean asServerUser, String... cmd) throws IOException, InterruptedException {
        commands.run(asServerUser, cmd);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(true, binaries.program("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
