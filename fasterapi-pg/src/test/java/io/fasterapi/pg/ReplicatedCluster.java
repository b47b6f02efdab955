package io.fasterapi.pg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private primary and a streaming hot standby on loopback, for the multi-host and failover tests:
 * {@code initdb} of the primary ({@code wal_level=replica}, {@code hot_standby=on}, trust for user
 * postgres over TCP, replication included), a standby copied from it with {@code pg_basebackup -R
 * -X stream} (or, with binaries that have no pg_basebackup, such as PostgreSQL 18 from the jar, a
 * copy of the stopped primary's data directory with {@code standby.signal} and
 * {@code primary_conninfo}: the same standby), both on free ports of 127.0.0.1. Each node can be
 * stopped, killed ({@code pg_ctl -m immediate}), started again and promoted. Never touches the shared
 * server. Runs the servers as user postgres when we are root ({@link ServerCommands}).
 */
final class ReplicatedCluster implements AutoCloseable {
    final Path dir;
    final Node primary;
    final Node standby;
    private final PostgresBinaries binaries;
    private final ServerCommands commands;

    /** One server of the pair. */
    final class Node {
        final String name;
        final int port;
        final Path data;

        private Node(String name, int port) {
            this.name = name;
            this.port = port;
            this.data = dir.resolve(name);
        }

        /** {@code 127.0.0.1:port}. */
        String hostPort() {
            return "127.0.0.1:" + port;
        }

        /** Starts the server and waits until it accepts connections (a standby: until it is consistent). */
        void start() throws IOException, InterruptedException {
            pgCtl("-l", dir.resolve(name + ".log").toString(), "-w", "-t", "60", "start");
        }

        /** Stops the server fast: sessions are told 57P01 and closed, as for a planned switchover. */
        void stop() throws IOException, InterruptedException {
            pgCtl("-m", "fast", "-w", "stop");
        }

        /** Kills the server ({@code -m immediate}: no shutdown checkpoint, sessions cut), as a crash would. */
        void kill() throws IOException, InterruptedException {
            pgCtl("-m", "immediate", "-w", "stop");
        }

        /** Promotes a standby and waits until it accepts writes. */
        void promote() throws IOException, InterruptedException {
            pgCtl("-w", "-t", "60", "promote");
        }

        /** Runs {@code sql} as superuser postgres (through psql where there is one, else through this driver). */
        void sql(String sql) throws IOException, InterruptedException {
            if (binaries.hasPsql()) {
                commands.run(true, binaries.program("psql").toString(), "-X", "-q", "-h", dir.toString(), "-p",
                        String.valueOf(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql);
                return;
            }
            try (PgPool pool = PgPool.builder("postgres://postgres@127.0.0.1:" + port + "/postgres?sslmode=disable")
                    .threads(1).maxSize(1).build(); Pg pg = pool.get()) {
                pg.script(sql);
            }
        }

        private void pgCtl(String... args) throws IOException, InterruptedException {
            String[] cmd = new String[args.length + 3];
            cmd[0] = binaries.program("pg_ctl").toString();
            cmd[1] = "-D";
            cmd[2] = data.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            commands.run(true, cmd);
        }

        @Override
        public String toString() {
            return name + "@" + hostPort();
        }
    }

    /**
     * A pair of the installed PostgreSQL (/usr/lib/postgresql), or the calling test skipped with a
     * message where there is none.
     */
    static ReplicatedCluster ofInstalledOrSkip() throws IOException, InterruptedException {
        PostgresBinaries binaries;
        try {
            binaries = PostgresBinaries.installed();
        } catch (IOException | RuntimeException e) {
            binaries = null;
        }
        assumeTrue(binaries != null, "no PostgreSQL binaries under /usr/lib/postgresql to run a primary and a standby");
        return new ReplicatedCluster(binaries);
    }

    /** The installed PostgreSQL (/usr/lib/postgresql). */
    ReplicatedCluster() throws IOException, InterruptedException {
        this(PostgresBinaries.installed());
    }

    ReplicatedCluster(PostgresBinaries binaries) throws IOException, InterruptedException {
        this.binaries = binaries;
        this.commands = ServerCommands.forThisUser();
        commands.checkCanRun(binaries.program("postgres"));
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-replicas-");
        commands.chown(dir);
        primary = new Node("primary", freePort());
        standby = new Node("standby", freePort());
        try {
            commands.run(true, binaries.program("initdb").toString(), "-D", primary.data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8");
            Files.writeString(primary.data.resolve("postgresql.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'",
                    "wal_level = replica", "hot_standby = on", "max_wal_senders = 5", "wal_keep_size = '64MB'",
                    "fsync = off", "max_connections = 60", "port = " + primary.port, ""),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(primary.data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust", "host all postgres 127.0.0.1/32 trust",
                    "host replication postgres 127.0.0.1/32 trust", ""));
            Path basebackup = binaries.program("pg_basebackup");
            if (Files.isExecutable(basebackup)) {
                primary.start();
                commands.run(true, basebackup.toString(), "-h", "127.0.0.1", "-p", String.valueOf(primary.port),
                        "-U", "postgres", "-D", standby.data.toString(), "-R", "-X", "stream", "-c", "fast");
            } else {
                // A cold copy of a cleanly stopped primary is a valid base backup.
                primary.start();
                primary.stop();
                commands.run(true, "cp", "-a", primary.data.toString(), standby.data.toString());
                Files.writeString(standby.data.resolve("standby.signal"), "");
                Files.writeString(standby.data.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port="
                        + primary.port + " user=postgres application_name=standby'\n", StandardOpenOption.APPEND);
                primary.start();
            }
            // The copied postgresql.conf names the primary's port; a later line wins.
            Files.writeString(standby.data.resolve("postgresql.conf"), "port = " + standby.port + "\n",
                    StandardOpenOption.APPEND);
            standby.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A libpq key=value DSN over {@code nodes} in that order (port list beside host list), user
     * postgres, no TLS, plus {@code extra} (say {@code "target_session_attrs=read-write"}).
     */
    String dsn(String extra, Node... nodes) {
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        for (Node n : nodes) {
            hosts.append(hosts.isEmpty() ? "" : ",").append("127.0.0.1");
            ports.append(ports.isEmpty() ? "" : ",").append(n.port);
        }
        return "host=" + hosts + " port=" + ports + " user=postgres dbname=postgres sslmode=disable connect_timeout=5"
                + (extra.isEmpty() ? "" : " " + extra);
    }

    /** Whether psql is there to serve as libpq's reference. */
    boolean hasPsql() {
        return binaries.hasPsql();
    }

    /**
     * The port of the server psql (libpq) settles on for {@code dsn}, or -1 when it connects to none.
     * psql runs as the server's user, as a client needs no more.
     */
    int psqlServerPort(String dsn) throws IOException, InterruptedException {
        try {
            String out = commands.run(true, binaries.program("psql").toString(), "-X", "-A", "-t", "-c",
                    "SELECT inet_server_port()", dsn);
            return Integer.parseInt(out.strip());
        } catch (IllegalStateException refused) {
            return -1;
        }
    }

    /** Waits until the standby has replayed everything the primary wrote so far, up to {@code max}. */
    void awaitStandbyCaughtUp(Duration max) throws InterruptedException {
        String primaryDsn = "postgres://postgres@127.0.0.1:" + primary.port + "/postgres?sslmode=disable";
        String standbyDsn = "postgres://postgres@127.0.0.1:" + standby.port + "/postgres?sslmode=disable";
        try (PgPool p = PgPool.builder(primaryDsn).threads(1).maxSize(1).build();
             PgPool s = PgPool.builder(standbyDsn).threads(1).maxSize(1).build()) {
            String lsn = p.execAsync("SELECT pg_current_wal_insert_lsn()::text").await().scalar(String.class);
            long end = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < end) {
                Boolean done = s.execAsync("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", lsn).await().scalar(Boolean.class);
                if (Boolean.TRUE.equals(done)) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the standby did not replay up to " + lsn + " within " + max);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0)) {
            return ss.getLocalPort();
        }
    }

    /** Kills both servers and deletes the directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Node n : new Node[] {standby, primary}) {
            if (n != null && Files.exists(n.data.resolve("postmaster.pid"))) {
                try {
                    n.kill();
                } catch (IllegalStateException alreadyDown) {
                    // nothing to stop
                }
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
