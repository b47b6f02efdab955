package io.fasterapi.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Where the tests find PostgreSQL: {@code $FASTERAPI_PG_URL} (set by {@code scripts/test.sh}), the
 * system property {@code fasterapi.pg.url}, or else the DSN printed by {@code scripts/dev-postgres.sh}
 * (found by walking up from the working directory), which starts a server if none runs.
 */
public final class TestPostgres {
    private static volatile String dsn;

    private TestPostgres() {
    }

    /** A DSN of a server the tests may create schemas in. */
    public static String dsn() {
        String d = dsn;
        if (d == null) {
            synchronized (TestPostgres.class) {
                d = dsn;
                if (d == null) {
                    d = locate();
                    dsn = d;
                }
            }
        }
        return d;
    }

    /** A schema name unique to this run and {@code owner}, safe to use unquoted. */
    public static String uniqueSchema(Class<?> owner) {
        return ("t_" + owner.getSimpleName() + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16))
                .toLowerCase(Locale.ROOT);
    }

    private static String locate() {
        String env = System.getenv("FASTERAPI_PG_URL");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        String prop = System.getProperty("fasterapi.pg.url");
        if (prop != null && !prop.isBlank()) {
            return prop.trim();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/dev-postgres.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No PostgreSQL for the tests: set FASTERAPI_PG_URL, or run from the repository"
                    + " so scripts/dev-postgres.sh can be found");
        }
        try {
            Process p = new ProcessBuilder("bash", dir.resolve("scripts/dev-postgres.sh").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("scripts/dev-postgres.sh failed (exit " + p.exitValue() + ")");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/dev-postgres.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }
}
