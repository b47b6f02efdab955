package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * numeric's NaN and ±Infinity (PostgreSQL 14+), which BigDecimal cannot hold: they are written from
 * a Double, read as double (or Number), and a BigDecimal read fails on the client naming the column
 * and the fix, leaving the connection usable. The case of issue 13: one NaN row made every
 * {@code sum(price)} read as BigDecimal fail.
 */
class NumericSpecialValuesTest {
    static PgTestDb db;
    static Pg pg;

    record Total(double sum) {
    }

    record ExactTotal(BigDecimal sum) {
    }

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(NumericSpecialValuesTest.class);
        pg = db.pool.get();
        pg.script("CREATE TABLE items(name text, price numeric(12,2)); CREATE TABLE readings(v numeric)");
    }

    @AfterAll
    static void tearDown() {
        pg.close();
        db.close();
    }

    @Test
    void aggregateOverANaNRowReadsAsDoubleAndFailsClearlyAsBigDecimal() {
        pg.exec("TRUNCATE items");
        pg.exec("INSERT INTO items VALUES ('a', 1.50), ('b', 2.25)");
        assertThat(pg.exec("SELECT sum(price) FROM items").scalar(BigDecimal.class)).isEqualByComparingTo("3.75");
        pg.exec("INSERT INTO items VALUES ('w', $1)", Double.NaN); // a Double NaN parameter writes numeric NaN
        assertThat(pg.exec("SELECT count(*) FROM items WHERE price = 'NaN'").scalar(Long.class)).isEqualTo(1L);

        Row row = pg.exec("SELECT sum(price), avg(price), max(price) FROM items").one();
        assertThat(row.getDouble("sum")).isNaN();
        assertThat(row.get("avg", double.class)).isNaN();
        assertThat(row.get("max", Number.class)).isEqualTo(Double.NaN); // NaN sorts above every number
        assertThat(pg.exec("SELECT sum(price) FROM items").one(Total.class).sum()).isNaN();

        assertThatThrownBy(() -> pg.exec("SELECT sum(price) FROM items").scalar(BigDecimal.class))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.code()).isNull())
                .hasMessageContaining("'sum'")
                .hasMessageContaining("holds NaN")
                .hasMessageContaining("java.math.BigDecimal")
                .hasMessageContaining("read it as double")
                .hasMessageContaining("CHECK");
        assertThatThrownBy(() -> pg.exec("SELECT sum(price) FROM items").one(ExactTotal.class))
                .isInstanceOf(PgException.class).hasMessageContaining("'sum'").hasMessageContaining("read it as double");
        assertThatThrownBy(() -> pg.exec("SELECT sum(price) FROM items").one().getBigDecimal(0))
                .isInstanceOf(PgException.class).hasMessageContaining("holds NaN");
        // The failure is the client's: the connection goes on.
        assertThat(pg.exec("SELECT sum(price) FROM items WHERE price <> 'NaN'").scalar(BigDecimal.class))
                .isEqualByComparingTo("3.75");
    }

    @Test
    void infinitiesRoundTripAndNameTheValueWhenRefused() {
        pg.exec("TRUNCATE readings");
        pg.exec("INSERT INTO readings VALUES ($1), ($2), ($3), ($4)", Double.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, new BigDecimal("12.5"));
        assertThat(pg.exec("SELECT v::text FROM readings ORDER BY v").all().stream().map(r -> r.get(0)).toList())
                .containsExactly("-Infinity", "12.5", "Infinity", "NaN");
        assertThat(pg.exec("SELECT v FROM readings ORDER BY v").all().stream().map(r -> r.get(0, Number.class)).toList())
                .containsExactly(Double.NEGATIVE_INFINITY, new BigDecimal("12.5"), Double.POSITIVE_INFINITY, Double.NaN);
        assertThat(pg.exec("SELECT sum(v) FROM readings WHERE v <> 'NaN' AND v > 0").one().getDouble(0))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> pg.exec("SELECT min(v) AS lowest FROM readings").scalar(BigDecimal.class))
                .isInstanceOf(PgException.class).hasMessageContaining("'lowest'").hasMessageContaining("holds -Infinity");
        assertThatThrownBy(() -> pg.exec("SELECT min(v) FROM readings").one().getLong(0))
                .isInstanceOf(PgException.class).hasMessageContaining("holds -Infinity");
        // Text results (the simple protocol) decode the same way.
        assertThat(pg.script("SELECT 'NaN'::numeric AS a, '-Infinity'::numeric AS b").get(0).one().toMap().values())
                .containsExactly(Double.NaN, Double.NEGATIVE_INFINITY);
    }

    @Test
    void aCheckConstraintKeepsNaNOutOfAColumn() {
        pg.script("CREATE TABLE prices(p numeric(12,2) CHECK (p NOT IN ('NaN', 'Infinity', '-Infinity')))");
        assertThatThrownBy(() -> pg.exec("INSERT INTO prices VALUES ($1)", Double.NaN))
                .isInstanceOfSatisfying(CheckViolationException.class, e -> assertThat(e.code()).isEqualTo("23514"));
        pg.exec("INSERT INTO prices VALUES ($1)", new BigDecimal("9.99"));
        assertThat(pg.exec("SELECT sum(p) FROM prices").scalar(BigDecimal.class)).isEqualByComparingTo("9.99");
    }
}
