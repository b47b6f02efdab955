package io.fasterapi.examples.techempower;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * TechEmpower's {@code hello_world} database for runs outside TechEmpower's toolset: creates a
 * database and, in it, the standard tables with their standard data ({@code hello_world.sql}:
 * {@code world} with 10,000 random numbers, {@code fortune} with the 12 fortunes, and their quoted
 * twins {@code "World"} and {@code "Fortune"}), each only when missing. The app never creates
 * anything: in TechEmpower's runs the {@code tfb-database} image holds these tables.
 *
 * <p>Safe to run from several processes at once: the database is created once (a concurrent
 * {@code CREATE DATABASE} that loses the race is not an error) and the tables under an advisory
 * lock.
 */
public final class HelloWorldDatabase {
    /** The database TechEmpower's toolset runs the tests against. */
    public static final String NAME = "hello_world";
    /** The database libpq's tools connect to for creating another, as {@code createdb} does. */
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String SCRIPT = "/hello_world.sql";
    /** Serialises concurrent loaders of one database (an arbitrary key of ours, 'TFB' 'HW'). */
    private static final long LOCK_KEY = 0x5446_4248_57L;

    private HelloWorldDatabase() {
    }

    /**
     * Creates the database {@code dsn} names when the server lacks it (connecting to the server's
     * {@code postgres} database as the same user to do so), then the tables and data in it when
     * missing.
     */
    public static void createIfMissing(String dsn, String database) {
        try (PgPool admin = PgPool.builder(Dsn.withDatabase(dsn, MAINTENANCE_DATABASE)).maxSize(1).build();
             Pg pg = admin.get()) {
            if (!exists(pg, database)) {
                try {
                    pg.exec("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
                } catch (PgException e) {
                    if (!exists(pg, database)) { // else another process created it meanwhile
                        throw e;
                    }
                }
            }
        }
        try (PgPool pool = PgPool.builder(Dsn.withDatabase(dsn, database)).maxSize(1).build();
             Pg pg = pool.get()) {
            createTablesIfMissing(pg);
        }
    }

    /** Creates the tables and their data in {@code pg}'s database when missing, in one transaction. */
    public static void createTablesIfMissing(Pg pg) {
        // Without the notices "relation ... already exists, skipping" of every run after the first.
        pg.script("BEGIN; SET LOCAL client_min_messages = warning; SELECT pg_advisory_xact_lock(" + LOCK_KEY + ");\n"
                + script() + "\nCOMMIT;");
    }

    private static boolean exists(Pg pg, String database) {
        return pg.exec("SELECT count(*) FROM pg_database WHERE datname = $1", database).scalar(Long.class) > 0;
    }

    /** The text of {@code hello_world.sql}. */
    static String script() {
        try (InputStream in = HelloWorldDatabase.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets up {@link #NAME} on the server of {@code $FASTERAPI_PG_URL} (or {@code args[0]}), e.g. the one
     * {@code scripts/dev-postgres.sh} prints; the app then reads it from {@code $FASTERAPI_PG_URL}
     * naming {@code hello_world}. Prints what it did, never the DSN (it may hold a password).
     */
    public static void main(String[] args) {
        String dsn = args.length > 0 ? args[0] : System.getenv("FASTERAPI_PG_URL");
        if (dsn == null || dsn.isBlank()) {
            System.err.println("hello_world: set FASTERAPI_PG_URL to a DSN of the server (scripts/dev-postgres.sh prints one)");
            System.exit(2);
            return;
        }
        try {
            createIfMissing(dsn, NAME);
        } catch (RuntimeException e) { // the driver's messages never show the password
            System.err.println("hello_world: cannot set up the database: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.err.println("hello_world: database " + NAME + " has TechEmpower's tables");
    }
}
