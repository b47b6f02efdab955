package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's {@code time '24:00:00'} (and timetz's) is {@link LocalTime#MAX} in Java and back, as
 * pgjdbc maps it, in binary and text, alone and in arrays, so such a value round-trips exactly.
 */
class TimeEndOfDayTest {
    static PgTestDb db;
    static Pg pg;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(TimeEndOfDayTest.class);
        pg = db.pool.get();
        pg.script("CREATE TABLE shifts(id int PRIMARY KEY, ends time, ends_tz timetz, all_ends time[], all_ends_tz timetz[])");
    }

    @AfterAll
    static void tearDown() {
        pg.close();
        db.close();
    }

    @Test
    void endOfDayReadsAsLocalTimeMax() {
        assertThat(pg.exec("SELECT time '24:00:00'").scalar()).isEqualTo(LocalTime.MAX);
        assertThat(pg.exec("SELECT timetz '24:00:00+00'").scalar()).isEqualTo(OffsetTime.of(LocalTime.MAX, ZoneOffset.UTC));
        assertThat(pg.exec("SELECT timetz '24:00:00-05:30'").scalar())
                .isEqualTo(OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHoursMinutes(-5, -30)));
        // The simple protocol returns text: time still decodes, 24:00:00 too.
        assertThat(pg.script("SELECT time '24:00:00'").get(0).scalar()).isEqualTo(LocalTime.MAX);
    }

    @Test
    void localTimeMaxIsSentAsEndOfDay() {
        assertThat(pg.exec("SELECT $1::time::text", LocalTime.MAX).scalar()).isEqualTo("24:00:00");
        assertThat(pg.exec("SELECT $1::time = time '24:00:00'", LocalTime.MAX).scalar()).isEqualTo(true);
        assertThat(pg.exec("SELECT $1::timetz::text", OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHours(2))).scalar())
                .isEqualTo("24:00:00+02");
        // The last microsecond before midnight stays itself: only MAX means 24:00:00.
        LocalTime lastMicro = LocalTime.of(23, 59, 59, 999_999_000);
        assertThat(pg.exec("SELECT $1::time::text", lastMicro).scalar()).isEqualTo("23:59:59.999999");
        assertThat(pg.exec("SELECT $1::time", lastMicro).scalar()).isEqualTo(lastMicro);
    }

    @Test
    void endOfDayRoundTripsThroughATableAndArrays() {
        OffsetTime endTz = OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHours(-8));
        LocalTime[] ends = {LocalTime.MIDNIGHT, LocalTime.NOON, LocalTime.MAX, null};
        OffsetTime[] endsTz = {OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.UTC), endTz};
        pg.exec("INSERT INTO shifts VALUES (1, $1, $2, $3, $4)", LocalTime.MAX, endTz, ends, endsTz);
        Row row = pg.exec("SELECT ends, ends_tz, all_ends, all_ends_tz, ends::text AS t, all_ends::text AS ta"
                + " FROM shifts WHERE id = 1").one();
        assertThat(row.get("ends")).isEqualTo(LocalTime.MAX);
        assertThat(row.get("ends_tz")).isEqualTo(endTz);
        assertThat(row.get("all_ends")).isEqualTo(ends);
        assertThat(row.get("all_ends_tz")).isEqualTo(endsTz);
        assertThat(row.get("t")).isEqualTo("24:00:00");
        assertThat(row.get("ta")).isEqualTo("{00:00:00,12:00:00,24:00:00,NULL}");
        assertThat(pg.exec("SELECT '{24:00:00}'::time[]").scalar()).isEqualTo(new LocalTime[] {LocalTime.MAX});
    }
}
