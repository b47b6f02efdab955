package io.fasterapi.examples.techempower;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.Row;
import io.fasterapi.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The setup for runs outside TechEmpower's toolset, against a database of its own per test. */
class HelloWorldDatabaseTest {
    @Test
    void createsTheDatabaseWithTheStandardTablesAndData() {
        String name = TestPostgres.uniqueSchema(HelloWorldDatabaseTest.class);
        try {
            HelloWorldDatabase.createIfMissing(TestPostgres.dsn(), name);
            try (PgPool pool = PgPool.create(ThrowawayDatabase.dsn(name)); Pg pg = pool.get()) {
                for (String world : List.of("world", "\"World\"")) {
                    Row w = pg.exec("SELECT count(*), min(id), max(id), min(randomnumber), max(randomnumber) FROM " + world).one();
                    assertThat(w.getLong(0)).as(world).isEqualTo(10_000);
                    assertThat(w.getInt(1)).as(world).isEqualTo(1);
                    assertThat(w.getInt(2)).as(world).isEqualTo(10_000);
                    assertThat(w.getInt(3)).as(world).isGreaterThanOrEqualTo(1);
                    assertThat(w.getInt(4)).as(world).isLessThanOrEqualTo(10_000);
                }
                for (String fortune : List.of("fortune", "\"Fortune\"")) {
                    List<String> messages = new ArrayList<>();
                    try (var rows = pg.exec("SELECT message FROM " + fortune + " ORDER BY id")) {
                        rows.forEach(r -> messages.add(r.getString(0)));
                    }
                    assertThat(messages).as(fortune).hasSize(12)
                            .startsWith("fortune: No such file or directory",
                                    "A computer scientist is someone who fixes things that aren't broken.")
                            .contains("Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen")
                            .endsWith("<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
                                    "フレームワークのベンチマーク");
                }
                assertThat(pg.exec("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")
                        .scalar(String.class)).isEqualTo("UTF8");
            }
        } finally {
            ThrowawayDatabase.drop(name);
        }
    }

    @Test
    void runningAgainLeavesTablesAndDataAsTheyAre() {
        try (ThrowawayDatabase database = ThrowawayDatabase.create(HelloWorldDatabaseTest.class)) {
            try (Pg pg = database.pool.get()) {
                pg.exec("UPDATE world SET randomnumber = 4242 WHERE id = 7").close();
                pg.exec("DELETE FROM fortune WHERE id = 12").close();
            }
            HelloWorldDatabase.createIfMissing(TestPostgres.dsn(), database.name);
            try (Pg pg = database.pool.get()) {
                assertThat(pg.exec("SELECT randomnumber FROM world WHERE id = 7").scalar(Integer.class)).isEqualTo(4242);
                assertThat(pg.exec("SELECT count(*) FROM world").scalar(Long.class)).isEqualTo(10_000);
                assertThat(pg.exec("SELECT count(*) FROM fortune").scalar(Long.class))
                        .as("a missing standard row is put back").isEqualTo(12);
            }
        }
    }

    @Test
    void setupsOfOneNewDatabaseRunningAtOnceAllSucceed() throws Exception {
        String name = TestPostgres.uniqueSchema(HelloWorldDatabaseTest.class);
        try (ExecutorService executor = Executors.newFixedThreadPool(3)) {
            Callable<Void> setup = () -> {
                HelloWorldDatabase.createIfMissing(TestPostgres.dsn(), name);
                return null;
            };
            List<Future<Void>> runs = executor.invokeAll(List.of(setup, setup, setup));
            for (Future<Void> run : runs) {
                run.get();
            }
            try (PgPool pool = PgPool.create(ThrowawayDatabase.dsn(name)); Pg pg = pool.get()) {
                assertThat(pg.exec("SELECT count(*) FROM world").scalar(Long.class)).isEqualTo(10_000);
                assertThat(pg.exec("SELECT count(*) FROM \"Fortune\"").scalar(Long.class)).isEqualTo(12);
            }
        } finally {
            ThrowawayDatabase.drop(name);
        }
    }
}
