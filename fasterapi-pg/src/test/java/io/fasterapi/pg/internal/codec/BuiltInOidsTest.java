package io.fasterapi.pg.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hard-coded OIDs of built-in types agree with the server's own catalog. */
class BuiltInOidsTest {
    static PgPool pool;

    @BeforeAll
    static void setUp() {
        pool = PgPool.create(TestPostgres.dsn());
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    @Test
    void arrayOidsMatchPgTypeTyparray() {
        try (Pg pg = pool.get()) {
            for (int[] a : BuiltInTypes.arrays()) {
                Long typarray = pg.exec("SELECT typarray::int8 FROM pg_type WHERE oid = $1::int8::oid", (long) a[1])
                        .scalar(Long.class);
                assertThat(typarray).as("array type of %s", Oids.name(a[1])).isEqualTo(a[0]);
            }
        }
    }

    @Test
    void rangeAndMultirangeOidsMatchPgRange() {
        try (Pg pg = pool.get()) {
            for (int[] r : BuiltInTypes.ranges()) {
                Long subtype = pg.exec("SELECT rngsubtype::int8 FROM pg_range WHERE rngtypid = $1::int8::oid", (long) r[0])
                        .scalar(Long.class);
                assertThat(subtype).as("subtype of range %d", r[0]).isEqualTo(r[1]);
            }
            for (int[] m : BuiltInTypes.multiranges()) {
                Long range = pg.exec("SELECT rngtypid::int8 FROM pg_range WHERE rngmultitypid = $1::int8::oid", (long) m[0])
                        .scalar(Long.class);
                assertThat(range).as("range of multirange %d", m[0]).isEqualTo(m[1]);
            }
        }
    }

    @Test
    void scalarOidsMatchTheirNames() {
        try (Pg pg = pool.get()) {
            int[] oids = {Oids.POINT, Oids.LSEG, Oids.PATH, Oids.BOX, Oids.POLYGON, Oids.LINE, Oids.CIDR, Oids.CIRCLE,
                Oids.MACADDR8, Oids.MONEY, Oids.MACADDR, Oids.INET, Oids.BIT, Oids.VARBIT, Oids.RECORD,
                Oids.RECORD_ARRAY, Oids.INTERVAL, Oids.TIMETZ};
            String[] names = {"point", "lseg", "path", "box", "polygon", "line", "cidr", "circle", "macaddr8", "money",
                "macaddr", "inet", "bit", "varbit", "record", "_record", "interval", "timetz"};
            for (int i = 0; i < oids.length; i++) {
                assertThat(pg.exec("SELECT typname::text FROM pg_type WHERE oid = $1::int8::oid", (long) oids[i])
                        .scalar(String.class)).isEqualTo(names[i]);
            }
        }
    }
}
