package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(QueryTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("""
                    CREATE TABLE items(id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), created_at timestamptz DEFAULT now());
                    INSERT INTO items(id, name, price) VALUES (1, 'Widget', 9.99), (2, 'Gadget', 19.50), (3, 'Doohickey', NULL);
                    """);
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    record Item(int id, String name, BigDecimal price) {
    }

    public static class ItemBean {
        private int id;
        private String name;
        public java.time.OffsetDateTime createdAt;

        public void setId(int id) {
            this.id = id;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    @Test
    void selectsOneAsScalar() {
        try (Pg pg = db.pool.get()) {
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            assertThat(pg.exec("SELECT $1::int + 1", 41).scalar()).isEqualTo(42);
        }
    }

    @Test
    void readsRowsByNameAndIndex() {
        try (Pg pg = db.pool.get()) {
            Row row = pg.exec("SELECT id, name, price FROM items WHERE id=$1", 2).one();
            assertThat(row.get("name", String.class)).isEqualTo("Gadget");
            assertThat(row.getInt("id")).isEqualTo(2);
            assertThat(row.get(2)).isEqualTo(new BigDecimal("19.50"));
            assertThat(row.toMap()).containsEntry("id", 2).containsEntry("name", "Gadget");
            assertThat(row.columns()).extracting(Column::name).containsExactly("id", "name", "price");
        }
    }

    @Test
    void mapsRecordsAndPojosByColumnName() {
        try (Pg pg = db.pool.get()) {
            List<Item> items = pg.exec("SELECT id, name, price FROM items ORDER BY id").as(Item.class);
            assertThat(items).containsExactly(new Item(1, "Widget", new BigDecimal("9.99")),
                    new Item(2, "Gadget", new BigDecimal("19.50")), new Item(3, "Doohickey", null));
            ItemBean bean = pg.exec("SELECT id, name, created_at FROM items WHERE id=1").one(ItemBean.class);
            assertThat(bean.id).isEqualTo(1);
            assertThat(bean.name).isEqualTo("Widget");
            assertThat(bean.createdAt).isNotNull();
            assertThat(pg.exec("SELECT name FROM items ORDER BY id").as(String.class))
                    .containsExactly("Widget", "Gadget", "Doohickey");
        }
    }

    @Test
    void oneFailsSayingWhetherThereWereNoneOrSeveral() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT * FROM items WHERE id=$1", 99).one())
                    .isInstanceOf(PgException.class).hasMessageContaining("none");
            assertThatThrownBy(() -> pg.exec("SELECT * FROM items").one())
                    .isInstanceOf(PgException.class).hasMessageContaining("3 rows");
            assertThat(pg.exec("SELECT * FROM items WHERE id=99").first()).isEmpty();
        }
    }

    @Test
    void reportsAffectedRows() {
        try (Pg pg = db.pool.get()) {
            pg.exec("CREATE TABLE counters(n int)");
            assertThat(pg.exec("INSERT INTO counters SELECT generate_series(1, 5)").affected()).isEqualTo(5);
            assertThat(pg.exec("UPDATE counters SET n = n + 1 WHERE n > $1", 2).affected()).isEqualTo(3);
            assertThat(pg.exec("DELETE FROM counters").affected()).isEqualTo(5);
        }
    }

    @Test
    void runsSeveralStatementsOnTheSimpleProtocol() {
        try (Pg pg = db.pool.get()) {
            List<QueryResult> results = pg.script("SELECT 1 AS a; SELECT 'x' AS b, 2.5::numeric AS c; SELECT");
            assertThat(results).hasSize(3);
            assertThat(results.get(0).scalar(Integer.class)).isEqualTo(1);
            Row r = results.get(1).one();
            assertThat(r.getString("b")).isEqualTo("x");
            assertThat(r.getBigDecimal("c")).isEqualTo(new BigDecimal("2.5"));
            results.forEach(QueryResult::close);
        }
    }

    @Test
    void pipelinesManyQueriesAndFailsOnlyTheBrokenOne() {
        try (Pg pg = db.pool.get()) {
            List<Future<QueryResult>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(i == 250 ? pg.execAsync("SELECT 1/0") : pg.execAsync("SELECT $1::int * 2", i));
            }
            for (int i = 0; i < 500; i++) {
                Future<QueryResult> f = futures.get(i);
                if (i == 250) {
                    assertThatThrownBy(f::await).isInstanceOf(PgException.class)
                            .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("22012"));
                } else {
                    assertThat(f.await().scalar(Integer.class)).isEqualTo(i * 2);
                }
            }
        }
    }

    @Test
    void largePipelineWithBigResultsDoesNotDeadlock() {
        try (Pg pg = db.pool.get()) {
            List<Future<QueryResult>> futures = new ArrayList<>();
            String big = "x".repeat(10_000);
            for (int i = 0; i < 2000; i++) {
                futures.add(pg.execAsync("SELECT $1::text || g FROM generate_series(1, 5) g", big));
            }
            long total = 0;
            for (Future<QueryResult> f : futures) {
                try (QueryResult r = f.await()) {
                    total += r.size();
                    assertThat(r.all().get(4).getString(0)).hasSize(10_001);
                }
            }
            assertThat(total).isEqualTo(10_000);
        }
    }

    @Test
    void rejectsWrongArgumentCountAndUnsupportedTypesBeforeExecuting() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT $1::int", 1, 2)).isInstanceOf(PgException.class)
                    .hasMessageContaining("1 parameter(s) but 2 argument(s)");
            assertThatThrownBy(() -> pg.exec("SELECT $1::int", new Object())).isInstanceOf(PgException.class)
                    .hasMessageContaining("parameter $1");
            assertThatThrownBy(() -> pg.exec("SELECT $1::int2", 70000)).isInstanceOf(PgException.class)
                    .hasMessageContaining("parameter $1").hasMessageContaining("smallint");
            assertThat(pg.exec("SELECT 2").scalar(Integer.class)).isEqualTo(2);
        }
    }

    @Test
    void refusesMoreThan65535ParametersBeforeSending() {
        try (Pg pg = db.pool.get()) {
            Object[] args = new Object[65_536];
            assertThatThrownBy(() -> pg.exec("SELECT 1", args)).isInstanceOf(PgException.class)
                    .hasMessageContaining("65535");
        }
    }

    @Test
    void asyncPoolExecReleasesItsConnection() {
        for (int i = 0; i < 20; i++) {
            assertThat(db.pool.execAsync("SELECT $1::int", i).await().scalar(Integer.class)).isEqualTo(i);
        }
        assertThat(db.pool.stats().inUse()).isZero();
    }

    @Test
    void blockingCallsThrowOnAnEventLoop() {
        Future<Object> f = db.pool.reactor().shard(0).submit(() -> {
            try {
                db.pool.get();
                return "no exception";
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(f.await()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tracksTransactionStatus() {
        try (Pg pg = db.pool.get()) {
            assertThat(pg.inTransaction()).isFalse();
            pg.exec("BEGIN");
            assertThat(pg.inTransaction()).isTrue();
            assertThatThrownBy(() -> pg.exec("SELECT 1/0")).isInstanceOf(PgException.class);
            assertThat(pg.inFailedTransaction()).isTrue();
            pg.exec("ROLLBACK");
            assertThat(pg.inTransaction()).isFalse();
        }
    }

    @Test
    void mapsNullsAndMaps() {
        try (Pg pg = db.pool.get()) {
            Map<String, Object> m = pg.exec("SELECT NULL::int AS a, 'b' AS b").one().toMap();
            assertThat(m).containsEntry("a", null).containsEntry("b", "b");
            assertThatThrownBy(() -> pg.exec("SELECT NULL::int").one().getInt(0)).isInstanceOf(PgException.class)
                    .hasMessageContaining("NULL");
        }
    }
}
