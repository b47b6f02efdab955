package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.internal.pool.PgSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PreparedStatementTest {
    static PgTestDb db;
    static final PreparedQuery BY_ID = PreparedQuery.of("SELECT * FROM things WHERE id=$1");

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(PreparedStatementTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE TABLE things(id int PRIMARY KEY, name text); INSERT INTO things VALUES (1, 'one'), (2, 'two')");
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static int prepared(Pg pg) {
        return pg.shard().submit(() -> ((PgSession) pg).connection().preparedCount()).await();
    }

    private static long serverStatements(Pg pg) {
        return pg.exec("SELECT count(*) FROM pg_prepared_statements").scalar(Long.class);
    }

    @Test
    void preparedQueryIsPreparedOncePerConnection() {
        try (Pg pg = db.pool.get()) {
            assertThat(pg.run(BY_ID, 1).one().getString("name")).isEqualTo("one");
            long before = serverStatements(pg);
            assertThat(pg.run(BY_ID, 2).one().getString("name")).isEqualTo("two");
            assertThat(serverStatements(pg)).isEqualTo(before);
        }
    }

    @Test
    void reprepareAfterResultTypeChangesOutsideTransaction() {
        try (Pg pg = db.pool.get()) {
            pg.exec("CREATE TABLE shifting(a int)");
            pg.exec("INSERT INTO shifting VALUES (1)");
            PreparedQuery q = PreparedQuery.of("SELECT * FROM shifting");
            assertThat(pg.run(q).one().size()).isEqualTo(1);
            pg.exec("ALTER TABLE shifting ADD COLUMN b text DEFAULT 'x'");
            // 0A000 "cached plan must not change result type": dropped, re-prepared, retried once.
            Row r = pg.run(q).one();
            assertThat(r.size()).isEqualTo(2);
            assertThat(r.getString("b")).isEqualTo("x");
            assertThat(pg.exec("SELECT * FROM shifting").one().size()).isEqualTo(2);
        }
    }

    @Test
    void discardAllDropsTheCacheAndStatementsAreRepreparedTransparently() {
        try (Pg pg = db.pool.get()) {
            pg.exec("SELECT name FROM things WHERE id=$1", 1).close();
            pg.run(BY_ID, 1).close();
            assertThat(prepared(pg)).isGreaterThan(0);
            pg.exec("DISCARD ALL");
            assertThat(prepared(pg)).isZero();
            assertThat(pg.exec("SELECT name FROM things WHERE id=$1", 2).scalar(String.class)).isEqualTo("two");
            assertThat(pg.run(BY_ID, 1).one().getString("name")).isEqualTo("one");
        }
    }

    @Test
    void deallocatedBehindOurBackIsRepreparedOnce() {
        try (Pg pg = db.pool.get()) {
            pg.exec("SELECT id FROM things WHERE id=$1", 1).close();
            // DEALLOCATE ALL via the simple protocol also clears the cache; a plain DEALLOCATE of one name does not,
            // so the next run gets 26000 and re-prepares.
            String name = pg.exec("SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT id FROM things WHERE id=$1'")
                    .scalar(String.class);
            pg.script("DEALLOCATE " + name);
            assertThat(pg.exec("SELECT id FROM things WHERE id=$1", 2).scalar(Integer.class)).isEqualTo(2);
        }
    }

    @Test
    void cacheEvictsLeastRecentlyUsedAndClosesOnServer() {
        try (PgPool pool = PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema)).threads(1).maxSize(1)
                .statementCacheSize(3).build(); Pg pg = pool.get()) {
            for (int i = 0; i < 10; i++) {
                pg.exec("SELECT " + i + " AS n").close();
            }
            assertThat(prepared(pg)).isEqualTo(3);
            // Closes of evicted statements ride with the next Parse.
            pg.exec("SELECT 'flush'").close();
            assertThat(serverStatements(pg)).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void cachingCanBeTurnedOffForPgBouncer() {
        try (PgPool pool = PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema) + "&statement_cache_size=0")
                .threads(1).build(); Pg pg = pool.get()) {
            assertThat(pg.run(BY_ID, 1).one().getString("name")).isEqualTo("one");
            assertThat(pg.exec("SELECT name FROM things WHERE id=$1", 2).scalar(String.class)).isEqualTo("two");
            assertThat(serverStatements(pg)).isZero();
            assertThat(prepared(pg)).isZero();
        }
    }
}
