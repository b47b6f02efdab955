package io.fasterapi.pg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster under target/ for auth and TLS tests: a throwaway CA and server
 * certificate (openssl), password, md5 and scram-sha-256 users, TLS on, a free port. Never touches
 * the shared server. Runs as user postgres when we are root (PostgreSQL refuses root).
 */
final class ThrowawayCluster implements AutoCloseable {
    final Path dir;
    final int port;
    final Path caCert;
    private final Path bin;
    private final boolean root;

    ThrowawayCluster() throws IOException, InterruptedException {
        root = "root".equals(System.getProperty("user.name"));
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .max(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries"));
        }
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
        if (root) {
            run(false, "chown", "-R", "postgres:postgres", dir.toString());
        }
        run(false, "chmod", "600", dir.resolve("server.key").toString());
        Path data = dir.resolve("data");
        run(true, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'",
                "ssl = on", "ssl_cert_file = '" + dir.resolve("server.crt") + "'",
                "ssl_key_file = '" + dir.resolve("server.key") + "'", "fsync = off", ""),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all clear_user 127.0.0.1/32 password",
                "host all md5_user 127.0.0.1/32 md5",
                "host all scram_user 127.0.0.1/32 scram-sha-256",
                "hostssl all tls_only 127.0.0.1/32 scram-sha-256", ""));
        run(true, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "start");
        psql("SET password_encryption = 'md5'; CREATE ROLE md5_user LOGIN PASSWORD 'md5-secret';"
                + " SET password_encryption = 'scram-sha-256';"
                + " CREATE ROLE scram_user LOGIN PASSWORD 'scram-secret';"
                + " CREATE ROLE clear_user LOGIN PASSWORD 'clear-secret';"
                + " CREATE ROLE tls_only LOGIN PASSWORD 'tls-secret';");
    }

    String dsn(String user, String password, String params) {
        return "postgres://" + user + ":" + password + "@localhost:" + port + "/postgres" + (params.isEmpty() ? "" : "?" + params);
    }

    /** Stops the server (fast: sessions are told 57P01 and closed), as for a restart. */
    void stop() throws IOException, InterruptedException {
        run(true, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts the server again after {@link #stop()}, on the same port. */
    void start() throws IOException, InterruptedException {
        run(true, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "start");
    }

    void psql(String sql) throws IOException, InterruptedException {
        run(true, bin.resolve("psql").toString(), "-X", "-q", "-h", dir.toString(), "-p", String.valueOf(port), "-U",
                "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    private void run(boolean asPostgres, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(true, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
