package io.fasterapi.examples.techempower;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;

/**
 * Creates TechEmpower's tables with their standard data when missing: {@code world} (10,000 rows of
 * random numbers in 1..10,000) and {@code fortune} (the 12 standard fortunes), in schema
 * {@code techempower}.
 */
public final class Schema {
    public static final String NAME = "techempower";

    private static final String[] FORTUNES = {
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    };

    private Schema() {
    }

    /** Creates the tables and data in {@code schema} (a plain identifier) when missing. */
    public static void createIfMissing(PgPool pool, String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema must be a plain lower-case identifier: " + schema);
        }
        try (Pg pg = pool.get()) {
            pg.exec("CREATE SCHEMA IF NOT EXISTS " + schema);
            pg.exec("CREATE TABLE IF NOT EXISTS " + schema + ".world (id integer PRIMARY KEY, randomnumber integer NOT NULL)");
            pg.exec("CREATE TABLE IF NOT EXISTS " + schema + ".fortune (id integer PRIMARY KEY, message varchar(2048) NOT NULL)");
            if (pg.exec("SELECT count(*) FROM " + schema + ".world").scalar(Long.class) == 0) {
                pg.exec("INSERT INTO " + schema + ".world (id, randomnumber)"
                        + " SELECT g, 1 + floor(random() * 10000)::int FROM generate_series(1, 10000) g ON CONFLICT DO NOTHING");
            }
            if (pg.exec("SELECT count(*) FROM " + schema + ".fortune").scalar(Long.class) == 0) {
                for (int i = 0; i < FORTUNES.length; i++) {
                    pg.exec("INSERT INTO " + schema + ".fortune (id, message) VALUES ($1, $2) ON CONFLICT DO NOTHING", i + 1,
                            FORTUNES[i]);
                }
            }
        }
    }
}
