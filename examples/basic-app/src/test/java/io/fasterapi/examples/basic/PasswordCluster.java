package io.fasterapi.examples.basic;

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
 * A private PostgreSQL cluster under target/ whose only user, postgres, must give a password over
 * TCP (scram-sha-256): the shared test server trusts its clients, so a wrong password cannot fail
 * there. Runs the newest installed PostgreSQL (/usr/lib/postgresql/N/bin, as scripts/dev-postgres.sh
 * installs it); as root, as user postgres (PostgreSQL refuses root).
 */
final class PasswordCluster implements AutoCloseable {
    static final String PASSWORD = "R1ght-Pw.for-this-cluster";
    final int port;
    private final Path dir;
    private final Path bin;
    private final boolean asPostgres;

    PasswordCluster() throws IOException, InterruptedException {
        bin = newestBin();
        asPostgres = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-password-");
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        if (asPostgres) {
            run(false, "chown", "-R", "postgres:", dir.toString());
        }
        Path data = dir.resolve("data");
        run(true, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "scram-sha-256",
                "--pwfile=" + dir.resolve("pw"), "-E", "UTF8");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "port = " + port,
                "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'", "fsync = off", ""),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        run(true, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w",
                "start");
    }

    String dsn(String password) {
        return "postgres://postgres:" + password + "@127.0.0.1:" + port + "/postgres?connect_timeout=2";
    }

    private static Path newestBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under " + root
                            + " (scripts/dev-postgres.sh installs Debian's postgresql package)"));
        }
    }

    private void run(boolean asServerUser, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgres) {
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
