package io.fasterapi.pg;

import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.DsnParser;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.testing.TestPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PgBouncer of the test's own in front of the shared test server: its own config and auth file
 * in a temporary directory under target/, a free loopback port, {@code pool_mode} as asked, trust
 * authentication (the shared server trusts its clients), and {@link #close()} stops it and deletes the
 * directory. Debian's {@code pgbouncer} package provides it ({@code scripts/ensure-pgbouncer.sh},
 * which {@link #available()} runs once when it is missing). PgBouncer refuses to run as root, so as
 * root it runs as user postgres (or nobody).
 */
final class PgBouncerProcess implements AutoCloseable {
    final int port;
    final Path dir;
    private final Process process;
    private final ConnectionConfig upstream;

    private static Boolean available;

    PgBouncerProcess(String poolMode, int poolSize) throws IOException, InterruptedException {
        this(poolMode, poolSize, "extra_float_digits,options");
    }

    /** @param ignoredStartupParameters PgBouncer's {@code ignore_startup_parameters} */
    PgBouncerProcess(String poolMode, int poolSize, String ignoredStartupParameters)
            throws IOException, InterruptedException {
        upstream = DsnParser.parse(TestPostgres.dsn());
        HostPort server = upstream.hosts().get(0);
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pgbouncer-");
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        String user = upstream.user();
        String password = upstream.password() == null ? "" : upstream.password();
        Files.writeString(dir.resolve("users.txt"), "\"" + user + "\" \"" + password + "\"\n");
        Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "* = host=" + server.host() + " port=" + server.port()
                        + (upstream.password() == null ? "" : " password=" + upstream.password()),
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("users.txt"),
                "pool_mode = " + poolMode,
                "default_pool_size = " + poolSize,
                "max_client_conn = 500",
                "server_reset_query = DISCARD ALL",
                // the driver's tests pass -c settings in options; PgBouncer would refuse the startup
                "ignore_startup_parameters = " + ignoredStartupParameters,
                "logfile = " + dir.resolve("pgbouncer.log"),
                "admin_users = " + user,
                ""));
        String runAs = runAs();
        if (runAs != null) {
            run("chown", "-R", runAs + ":", dir.toString());
            run("chmod", "o+x", Path.of("target").toAbsolutePath().toString());
        }
        List<String> cmd = new ArrayList<>(List.of(program()));
        if (runAs != null) {
            cmd.addAll(List.of("-u", runAs));
        }
        cmd.add(dir.resolve("pgbouncer.ini").toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() - until > 0) {
                String log = Files.exists(dir.resolve("pgbouncer.log")) ? Files.readString(dir.resolve("pgbouncer.log")) : "";
                close();
                throw new IllegalStateException("pgbouncer did not start: " + Files.readString(dir.resolve("stdout.log"))
                        + log);
            }
            Thread.sleep(20);
        }
    }

    /** True when a pgbouncer binary is here, after running scripts/ensure-pgbouncer.sh once if it was not. */
    static synchronized boolean available() throws IOException, InterruptedException {
        if (available == null) {
            if (program() == null) {
                Path root = Path.of("").toAbsolutePath();
                while (root != null && !Files.isRegularFile(root.resolve("scripts/ensure-pgbouncer.sh"))) {
                    root = root.getParent();
                }
                if (root != null) {
                    Process p = new ProcessBuilder("bash", root.resolve("scripts/ensure-pgbouncer.sh").toString())
                            .redirectErrorStream(true).start();
                    System.err.print(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    p.waitFor(10, TimeUnit.MINUTES);
                }
            }
            available = program() != null;
        }
        return available;
    }

    /** The version line, {@code PgBouncer 1.18.0}. */
    static String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(program(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().findFirst().orElse("").trim();
    }

    /** The DSN of a client of this PgBouncer, with {@code extra} appended to its query ({@code key=value&...}). */
    String dsn(String extra) {
        StringBuilder sb = new StringBuilder("postgresql://").append(upstream.user());
        if (upstream.password() != null) {
            sb.append(':').append(java.net.URLEncoder.encode(upstream.password(), StandardCharsets.UTF_8));
        }
        sb.append("@127.0.0.1:").append(port).append('/').append(upstream.database()).append("?sslmode=disable");
        if (!extra.isEmpty()) {
            sb.append('&').append(extra);
        }
        return sb.toString();
    }

    /** The pgbouncer process's id (it runs in the foreground, so this is pgbouncer itself). */
    long pid() {
        return process.toHandle().pid();
    }

    /** PgBouncer's log so far, for a failing test's message. */
    String log() {
        try {
            return Files.readString(dir.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String program() {
        for (String p : new String[] {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /** As root: postgres if that user exists, else nobody; otherwise null (run as ourselves). */
    private static String runAs() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor();
        if (!uid.equals("0")) {
            return null;
        }
        Process pg = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
        pg.getInputStream().readAllBytes();
        return pg.waitFor() == 0 ? "postgres" : "nobody";
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left under target/, cleaned by the next mvn clean
        }
    }
}
