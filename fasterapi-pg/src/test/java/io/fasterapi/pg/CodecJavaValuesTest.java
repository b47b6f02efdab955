package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.geo.Box;
import io.fasterapi.pg.geo.Circle;
import io.fasterapi.pg.geo.Point;
import io.fasterapi.pg.geo.Polygon;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java values each type decodes to and is sent from, as Row's Javadoc documents them. */
class CodecJavaValuesTest {
    static PgTestDb db;

    enum Mood { sad, ok, happy }

    record Address(String street, int number, String[] tags) {
    }

    record Person(String name, Address home, Mood mood, int age) {
    }

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(CodecJavaValuesTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE EXTENSION IF NOT EXISTS hstore SCHEMA public");
            pg.script("""
                    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
                    CREATE DOMAIN posint AS int CHECK (VALUE > 0);
                    CREATE TYPE address AS (street text, number int, tags text[]);
                    CREATE TYPE person AS (name text, home address, mood mood, age posint);
                    CREATE TABLE people(id int PRIMARY KEY, p person, age posint, moods mood[]);
                    """);
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static Object scalar(String sql, Object... args) {
        try (Pg pg = db.pool.get()) {
            return pg.exec(sql, args).scalar();
        }
    }

    private static <T> T scalar(Class<T> type, String sql, Object... args) {
        try (Pg pg = db.pool.get()) {
            return pg.exec(sql, args).scalar(type);
        }
    }

    @Test
    void intervalKeepsMonthsDaysAndMicrosecondsApart() {
        assertThat(scalar("SELECT interval '1 year 2 mons 3 days 00:00:04.000005'"))
                .isEqualTo(Interval.of(14, 3, 4_000_005));
        assertThat(scalar(Boolean.class, "SELECT $1::interval = interval '90 minutes'", Duration.ofMinutes(90))).isTrue();
        assertThat(scalar(Boolean.class, "SELECT $1::interval = interval '1 year 1 day'", Period.of(1, 0, 1))).isTrue();
        assertThat(scalar(Duration.class, "SELECT interval '2 days 00:00:01'")).isEqualTo(Duration.ofSeconds(2 * 86_400 + 1));
        assertThatThrownBy(() -> scalar(Duration.class, "SELECT interval '1 month'"))
                .isInstanceOf(PgException.class).hasMessageContaining("Duration");
        assertThatThrownBy(() -> scalar("SELECT $1::interval", Duration.ofNanos(1)))
                .isInstanceOf(PgException.class).hasMessageContaining("sub-microsecond");
    }

    @Test
    void timetzKeepsItsOffset() {
        assertThat(scalar("SELECT timetz '12:34:56.789+05:30'"))
                .isEqualTo(OffsetTime.of(12, 34, 56, 789_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
        OffsetTime t = OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(-8));
        assertThat(scalar(String.class, "SELECT $1::timetz::text", t)).isEqualTo("01:02:03-08");
    }

    @Test
    void valuesJavaCannotHoldFailClearly() {
        assertThatThrownBy(() -> scalar(BigDecimal.class, "SELECT 'NaN'::numeric")).hasMessageContaining("BigDecimal")
                .hasMessageContaining("read it as double");
        assertThatThrownBy(() -> scalar("SELECT $1::\"char\"", "ab")).hasMessageContaining("one Latin-1 character");
        assertThatThrownBy(() -> scalar(int[].class, "SELECT '{1,NULL}'::int[]")).hasMessageContaining("NULL");
        assertThatThrownBy(() -> scalar("SELECT $1::date", LocalDate.of(999_999_999, 1, 1)))
                .isInstanceOf(PgException.class).hasMessageContaining("parameter $1").hasMessageContaining("out of range");
    }

    @Test
    void infiniteDatesMapToTheMinAndMaxConstants() {
        assertThat(scalar("SELECT 'infinity'::date")).isEqualTo(LocalDate.MAX);
        assertThat(scalar(String.class, "SELECT $1::date::text", LocalDate.MIN)).isEqualTo("-infinity");
        assertThat(scalar("SELECT '0044-03-15 BC'::date")).isEqualTo(LocalDate.of(-43, 3, 15));
    }

    @Test
    void moneyIsACountOfMinorUnits() {
        assertThat(scalar("SELECT '12.34'::money")).isEqualTo(1234L);
        assertThat(scalar(String.class, "SELECT ($1::money)::numeric::text", 1234L)).isEqualTo("12.34");
    }

    @Test
    void jsonIsTextAndTheJsonValue() {
        assertThat(scalar("SELECT '{\"a\": 1}'::jsonb")).isEqualTo("{\"a\": 1}");
        assertThat(scalar(Json.class, "SELECT '[1]'::json")).isEqualTo(Json.of("[1]"));
        assertThat(scalar(Integer.class, "SELECT ($1::jsonb ->> 'a')::int", Json.of("{\"a\": 7}"))).isEqualTo(7);
    }

    @Test
    void networkTypes() throws Exception {
        assertThat(scalar("SELECT '10.1.2.3/8'::inet")).isEqualTo(Inet.parse("10.1.2.3/8"));
        Inet mapped = (Inet) scalar("SELECT '::ffff:1.2.3.4'::inet");
        assertThat(mapped.address()).isInstanceOf(Inet6Address.class);
        assertThat(scalar(String.class, "SELECT host($1::inet)", InetAddress.getByName("192.168.0.1")))
                .isEqualTo("192.168.0.1");
        assertThat(scalar(InetAddress.class, "SELECT '::1'::inet")).isEqualTo(InetAddress.getByName("::1"));
        assertThat(scalar("SELECT '08:00:2b:01:02:03'::macaddr")).isEqualTo(MacAddress.parse("08-00-2b-01-02-03"));
        assertThat(scalar(String.class, "SELECT $1::macaddr8::text", MacAddress.parse("08:00:2b:01:02:03")))
                .isEqualTo("08:00:2b:ff:fe:01:02:03");
    }

    @Test
    void bitStringsKeepTheirLength() {
        assertThat(scalar("SELECT B'0010'")).isEqualTo(BitString.of("0010"));
        assertThat(scalar(String.class, "SELECT $1::varbit::text", BitString.of("101100111"))).isEqualTo("101100111");
    }

    @Test
    void theOneByteCharType() {
        assertThat(scalar("SELECT 'r'::\"char\"")).isEqualTo("r");
        assertThat(scalar("SELECT '\\377'::\"char\"")).isEqualTo("\u00ff");
        assertThat(scalar(Integer.class, "SELECT ascii($1::\"char\"::text)", "a")).isEqualTo(97);
    }

    @Test
    void geometricTypes() {
        assertThat(scalar("SELECT point(1, 2)")).isEqualTo(new Point(1, 2));
        assertThat(scalar("SELECT box '(1,2),(3,4)'")).isEqualTo(new Box(new Point(3, 4), new Point(1, 2)));
        assertThat(scalar(Double.class, "SELECT area($1::box)", new Box(new Point(0, 0), new Point(2, 3)))).isEqualTo(6.0);
        assertThat(scalar(Boolean.class, "SELECT $1::polygon @> point(1, 0.5)",
                new Polygon(List.of(new Point(0, 0), new Point(2, 0), new Point(1, 2))))).isTrue();
        assertThat(scalar(Double.class, "SELECT radius($1::circle)", new Circle(new Point(0, 0), 2.5))).isEqualTo(2.5);
    }

    @Test
    void arraysDecodeToTypedJavaArraysAndConvert() {
        assertThat(scalar("SELECT '{1,NULL,3}'::int[]")).isEqualTo(new Integer[] {1, null, 3});
        assertThat(scalar(int[].class, "SELECT '{1,2,3}'::int[]")).containsExactly(1, 2, 3);
        assertThat(scalar(long[].class, "SELECT '{1,2}'::int8[]")).containsExactly(1L, 2L);
        assertThat(scalar(List.class, "SELECT '{{1,2},{3,4}}'::int[]")).isEqualTo(List.of(List.of(1, 2), List.of(3, 4)));
        assertThat(scalar("SELECT '{{a,b},{c,d}}'::text[]")).isEqualTo(new String[][] {{"a", "b"}, {"c", "d"}});
        assertThat(scalar("SELECT '{}'::text[]")).isEqualTo(new String[0]);
        assertThat(scalar("SELECT '{1.50,NaN}'::numeric[]")).isEqualTo(new Number[] {new BigDecimal("1.50"), Double.NaN});
        assertThat(scalar(Mood[].class, "SELECT '{sad,happy}'::mood[]")).containsExactly(Mood.sad, Mood.happy);
    }

    @Test
    void arraysWithOtherLowerBoundsKeepThem() {
        PgArray a = (PgArray) scalar("SELECT '[0:2]={7,8,9}'::int[]");
        assertThat(a.lowerBounds()).containsExactly(0);
        assertThat(a.elements()).containsExactly(7, 8, 9);
        assertThat(scalar(int[].class, "SELECT '[0:2]={7,8,9}'::int[]")).containsExactly(7, 8, 9);
        PgArray sent = PgArray.of(new int[] {2, 1}, new int[] {-3, 5}, 1, 2);
        assertThat(scalar(String.class, "SELECT $1::int[]::text", sent)).isEqualTo("[-3:-2][5:5]={{1},{2}}");
    }

    @Test
    void arraysAreSentFromJavaArraysAndLists() {
        assertThat(scalar(String.class, "SELECT $1::int[]::text", new int[] {1, 2})).isEqualTo("{1,2}");
        assertThat(scalar(String.class, "SELECT $1::int[]::text", (Object) new Integer[] {1, null})).isEqualTo("{1,NULL}");
        assertThat(scalar(String.class, "SELECT $1::int[]::text", List.of(List.of(1, 2), List.of(3, 4))))
                .isEqualTo("{{1,2},{3,4}}");
        assertThat(scalar(String.class, "SELECT $1::bytea[]::text", (Object) new byte[][] {{1}, {}}))
                .isEqualTo("{\"\\\\x01\",\"\\\\x\"}");
        assertThat(scalar(String.class, "SELECT $1::mood[]::text", (Object) new Mood[] {Mood.ok})).isEqualTo("{ok}");
        assertThat(scalar(String.class, "SELECT $1::text[]::text", List.of())).isEqualTo("{}");
        assertThatThrownBy(() -> scalar("SELECT $1::int[]", List.of(List.of(1, 2), List.of(3))))
                .isInstanceOf(PgException.class).hasMessageContaining("parameter $1").hasMessageContaining("rectangular");
    }

    @Test
    void rangesAndMultiranges() {
        assertThat(scalar("SELECT int4range(1, 5)")).isEqualTo(Range.closedOpen(1, 5));
        assertThat(scalar("SELECT 'empty'::int4range")).isEqualTo(Range.empty());
        assertThat(scalar("SELECT '[2024-01-01,)'::daterange"))
                .isEqualTo(Range.of(LocalDate.of(2024, 1, 1), true, null, false));
        assertThat(scalar(String.class, "SELECT $1::int4range::text", Range.closed(1, 5))).isEqualTo("[1,6)");
        assertThat(scalar(String.class, "SELECT $1::numrange::text", Range.unbounded())).isEqualTo("(,)");
        assertThat(scalar("SELECT '{[1,3),[5,7)}'::int4multirange"))
                .isEqualTo(List.of(Range.closedOpen(1, 3), Range.closedOpen(5, 7)));
        assertThat(scalar(String.class, "SELECT $1::int8multirange::text",
                List.of(Range.closedOpen(1L, 2L), Range.closedOpen(2L, 4L)))).isEqualTo("{[1,4)}");
    }

    @Test
    void enumsAreStringsOrJavaEnums() {
        assertThat(scalar("SELECT 'ok'::mood")).isEqualTo("ok");
        assertThat(scalar(Mood.class, "SELECT 'happy'::mood")).isEqualTo(Mood.happy);
        assertThat(scalar(Boolean.class, "SELECT $1::mood = 'sad'", Mood.sad)).isTrue();
    }

    @Test
    void domainsTravelAsTheirBaseType() {
        try (Pg pg = db.pool.get()) {
            pg.exec("INSERT INTO people(id, age) VALUES ($1, $2)", 1, 30);
            assertThat(pg.exec("SELECT age FROM people WHERE id = 1").scalar()).isEqualTo(30);
            assertThatThrownBy(() -> pg.exec("INSERT INTO people(id, age) VALUES ($1, $2)", 2, -1))
                    .isInstanceOf(PgException.class).extracting(e -> ((PgException) e).code()).isEqualTo("23514");
            pg.exec("DELETE FROM people");
        }
    }

    @Test
    void compositesNestAndMapOntoJavaRecords() {
        try (Pg pg = db.pool.get()) {
            Person ann = new Person("Ann", new Address("Elm St", 7, new String[] {"x", null}), Mood.happy, 42);
            pg.exec("INSERT INTO people(id, p, moods) VALUES ($1, $2, $3)", 3, ann, List.of(Mood.ok, Mood.sad));
            Row row = pg.exec("SELECT p, moods, (p).home FROM people WHERE id = 3").one();
            PgRecord p = (PgRecord) row.get(0);
            assertThat(p.fieldNames()).containsExactly("name", "home", "mood", "age");
            assertThat(p.get("home")).isInstanceOf(PgRecord.class);
            assertThat(((PgRecord) p.get("home")).get("tags")).isEqualTo(new String[] {"x", null});
            Person back = row.get(0, Person.class);
            assertThat(back.name()).isEqualTo("Ann");
            assertThat(back.home().tags()).containsExactly("x", null);
            assertThat(back.mood()).isEqualTo(Mood.happy);
            assertThat(row.get(1, Mood[].class)).containsExactly(Mood.ok, Mood.sad);
            assertThat(row.get(2, Address.class).street()).isEqualTo("Elm St");
            assertThat(pg.exec("SELECT count(*) FROM people WHERE p = $1::person", PgRecord.of(p.fieldNames(), p.values()))
                    .scalar(Long.class)).isEqualTo(1L);
            pg.exec("DELETE FROM people");
        }
    }

    @Test
    void anonymousRecordsNameTheirFieldsLikePostgres() {
        PgRecord r = (PgRecord) scalar("SELECT ROW(1, 'a', NULL::text, ROW(2.5::float8))");
        assertThat(r.fieldNames()).containsExactly("f1", "f2", "f3", "f4");
        assertThat(r.values()).containsExactly(1, "a", null, PgRecord.of(2.5));
    }

    @Test
    void hstoreIsAMapFoundByNameInThisDatabase() {
        @SuppressWarnings("unchecked") Map<String, String> m = (Map<String, String>) scalar("SELECT 'a=>1, b=>NULL'::public.hstore");
        assertThat(m).containsEntry("a", "1").containsEntry("b", null).hasSize(2);
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("k 😀", "v");
        sent.put("n", null);
        assertThat(scalar(Boolean.class, "SELECT public.exist($1::public.hstore, 'k 😀')", sent)).isTrue();
    }

    @Test
    void typesCreatedAfterTheConnectionOpenedAreLookedUpWhenFirstSeen() {
        try (Pg pg = db.pool.get()) {
            pg.exec("SELECT 1");
            pg.script("CREATE TYPE late AS ENUM ('x', 'y'); CREATE TYPE late_pair AS (a late, b late[])");
            PgRecord r = pg.exec("SELECT ROW('x', '{y,x}')::late_pair").scalar(PgRecord.class);
            assertThat(r.get(0)).isEqualTo("x");
            assertThat(r.get(1)).isEqualTo(new String[] {"y", "x"});
        }
    }

    @Test
    void pipelinedStatementsStayInOrderAroundATypeLookup() {
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE TYPE piped AS ENUM ('a', 'b')");
            List<io.fasterapi.core.Future<QueryResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(i % 2 == 0 ? pg.execAsync("SELECT $1::piped, $2::int", i % 4 == 0 ? "a" : "b", i)
                        : pg.execAsync("SELECT $1::int", i));
            }
            for (int i = 0; i < 20; i++) {
                try (QueryResult r = futures.get(i).await()) {
                    Row row = r.one();
                    if (i % 2 == 0) {
                        assertThat(row.get(0)).isEqualTo(i % 4 == 0 ? "a" : "b");
                        assertThat(row.get(1)).isEqualTo(i);
                    } else {
                        assertThat(row.get(0)).isEqualTo(i);
                    }
                }
            }
        }
    }

    @Test
    void unknownTypesStayText() {
        assertThat(scalar("SELECT 'a:1 b:2'::tsvector")).isEqualTo("'a':1 'b':2");
        assertThat(scalar("SELECT ARRAY['a'::tsvector]")).isEqualTo("{'a'}");
        assertThat(Arrays.asList((Object[]) scalar("SELECT ARRAY[ROW(1)]"))).containsExactly(PgRecord.of(1));
    }
}
