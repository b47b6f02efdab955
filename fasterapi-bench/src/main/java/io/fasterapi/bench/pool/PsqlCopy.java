package io.fasterapi.bench.pool;

import io.fasterapi.bench.driver.Dsn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * libpq's reference: {@code psql -c "\copy ..."} as a child process, timed from start to exit (its
 * start-up and connection take a few milliseconds of runs that last seconds). COPY OUT goes to
 * {@code /dev/null}.
 */
final class PsqlCopy implements CopyPeer {
    private final Dsn dsn;
    private final String psql;

    PsqlCopy(Dsn dsn) throws IOException {
        this.dsn = dsn;
        this.psql = findPsql();
    }

    @Override
    public String name() {
        return "psql \\copy";
    }


    @Override
    public void copyIn(Path csv) throws Exception {
        run("\\copy " + CopyTable.NAME + " FROM '" + csv.toAbsolutePath() + "' (FORMAT csv)");
    }

    @Override
    public long copyOut() throws Exception {
        return run("\\copy " + CopyTable.NAME + " TO '/dev/null' (FORMAT csv)");
    }

    /** Returns -1: psql does not say how many bytes it wrote. */
    private long run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn.url(), "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("psql exited with " + exit + " running " + command);
        }
        return -1;
    }

    /** The newest server version's psql under /usr/lib/postgresql, else the one on the PATH. */
    private static String findPsql() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                List<Path> found = versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable)
                        .sorted(Comparator.comparing(PsqlCopy::majorVersion)).toList();
                if (!found.isEmpty()) {
                    return found.getLast().toString();
                }
            }
        }
        return "psql";
    }

    private static Integer majorVersion(Path psql) {
        String v = psql.getParent().getParent().getFileName().toString();
        return v.matches("\\d+") ? Integer.valueOf(v) : 0;
    }
}
