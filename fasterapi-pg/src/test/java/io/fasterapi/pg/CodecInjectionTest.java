package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7, security: injection strings through every codec that can carry a string — text,
 * varchar, bpchar, name, json and jsonb (as {@link Json} and as String), text[], an enum label, a
 * composite (as {@link PgRecord} and as a Java record), hstore keys and values, a range over text,
 * and the text-format fallback (citext, refcursor: no codec). Each value is stored and read back
 * byte for byte, found again by equality in a WHERE clause, and the canary tables {@code t} and
 * {@code stored} the strings try to drop are still there. Strings sent to {@code inet} fail with
 * the server's 22P02, and the connection goes on.
 *
 * <p>The random cases draw a fresh seed per run, printed in the case name; replay one with
 * {@code -Dinjection.seed=<seed>}.
 */
class CodecInjectionTest {
    static final List<String> ATTACKS = List.of(
            "'; DROP TABLE t; --",
            "1 OR 1=1",
            "' OR '1'='1' --",
            "$1",
            "$$x$$",
            "$tag$ ); DROP TABLE stored; $tag$",
            "\\",
            "\\'; DROP TABLE t; --",
            "\\\\x27",
            "E'\\x27'",
            "\u2019; DROP TABLE t; --",
            "\u02bc OR \u02bc\u02bc=\u02bc",
            "\uff07 UNION SELECT current_user --",
            "Robert'); DROP TABLE stored;--",
            "\"; DROP TABLE \"t\"; --",
            "{\"a\",NULL}",
            "NULL",
            "a=>b, \"c\"=>NULL",
            "(x,y)",
            "[a,b)",
            "é😀\u202e' --",
            "line1\nline2\r\n\ttab'",
            "trailing spaces '  ");
    static final long SEED = Long.getLong("injection.seed", System.nanoTime());
    /** Pieces the random strings are made of, besides whole attacks. */
    static final String DANGEROUS = "'\"\\;-$(){}[],=>%_*/`:#\n\r\t \u2019\u02bc\uff07\u202e\u00a0é😀abc01";

    static PgTestDb db;
    static int inserted;

    public record Pair(String a, String b) {
    }

    /** One way a string can travel: the column it lands in, the parameter sent, the value expected back. */
    record Carrier(String name, String column, Function<String, Object> param, Function<String, Object> expected) {
    }

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(CodecInjectionTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE EXTENSION IF NOT EXISTS hstore SCHEMA public");
            pg.script("CREATE EXTENSION IF NOT EXISTS citext SCHEMA public");
            pg.script("""
                    CREATE TYPE inj_mood AS ENUM ('seed');
                    CREATE TYPE inj_pair AS (a text, b varchar);
                    CREATE TYPE inj_textrange AS RANGE (subtype = text);
                    CREATE TABLE t (id int PRIMARY KEY);
                    INSERT INTO t VALUES (1);
                    CREATE TABLE stored (id int PRIMARY KEY);
                    INSERT INTO stored VALUES (1);
                    CREATE TABLE vals (id bigserial PRIMARY KEY, v_text text, v_varchar varchar, v_bpchar bpchar,
                        v_name name, v_json json, v_jsonb jsonb, v_arr text[], v_mood inj_mood, v_pair inj_pair,
                        v_hstore public.hstore, v_range inj_textrange, v_citext public.citext, v_cursor refcursor,
                        v_inet inet);
                    CREATE FUNCTION add_mood(label text) RETURNS void LANGUAGE plpgsql AS $f$
                    BEGIN
                        EXECUTE format('ALTER TYPE inj_mood ADD VALUE IF NOT EXISTS %L', label);
                    END $f$;
                    """);
        }
    }

    @AfterAll
    static void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    static List<Carrier> carriers() {
        return List.of(
                new Carrier("text", "v_text", s -> s, s -> s),
                new Carrier("varchar", "v_varchar", s -> s, s -> s),
                new Carrier("bpchar", "v_bpchar", s -> s, s -> s),
                new Carrier("name", "v_name", CodecInjectionTest::label, CodecInjectionTest::label),
                new Carrier("json as String", "v_json", CodecInjectionTest::jsonObject, CodecInjectionTest::jsonObject),
                new Carrier("json as Json", "v_json", s -> Json.of(jsonObject(s)), CodecInjectionTest::jsonObject),
                new Carrier("jsonb as String", "v_jsonb->>'k'", CodecInjectionTest::jsonObject, s -> s),
                new Carrier("jsonb as Json", "v_jsonb->>'k'", s -> Json.of(jsonObject(s)), s -> s),
                new Carrier("jsonb key", "(SELECT min(k) FROM jsonb_object_keys(v_jsonb) k)",
                        s -> Json.of("{" + jsonString(s) + ": 1}"), s -> s),
                new Carrier("text[]", "v_arr", CodecInjectionTest::array, CodecInjectionTest::array),
                new Carrier("enum label", "v_mood", CodecInjectionTest::label, CodecInjectionTest::label),
                new Carrier("composite as PgRecord", "v_pair", s -> PgRecord.of(s, "b" + s),
                        s -> List.of(s, "b" + s)),
                new Carrier("composite as record", "v_pair", s -> new Pair("a" + s, s), s -> List.of("a" + s, s)),
                new Carrier("hstore", "v_hstore", CodecInjectionTest::map, CodecInjectionTest::map),
                new Carrier("range of text", "v_range", s -> Range.closed(s, s), s -> Range.closed(s, s)),
                new Carrier("citext (text fallback)", "v_citext", s -> s, s -> s),
                new Carrier("refcursor (text fallback)", "v_cursor", s -> s, s -> s));
    }

    /** A label fits in NAMEDATALEN - 1 = 63 bytes and enum labels may not be empty. */
    static String label(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            String next = b + new String(Character.toChars(cp));
            if (next.getBytes(StandardCharsets.UTF_8).length <= 63) {
                b.appendCodePoint(cp);
            }
        });
        return b.isEmpty() ? "empty" : b.toString();
    }

    static String jsonObject(String s) {
        return "{\"k\": " + jsonString(s) + "}";
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String[] array(String s) {
        return new String[] {s, null, "NULL", s + ",", "{" + s + "}", "\"" + s};
    }

    static Map<String, String> map(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(s, s + "=>");
        m.put("k" + s, null);
        m.put("\"" + s + "\"", "v");
        return m;
    }

    private static void storeAndReadBack(Pg pg, String s, String context) {
        for (Carrier c : carriers()) {
            String why = c.name() + " carrying " + RoundTrip.abbreviate(s) + " (" + context + ")";
            if (c.name().equals("enum label")) {
                pg.exec("SELECT add_mood($1)", label(s));
            }
            String column = c.column().startsWith("v_jsonb") || c.column().startsWith("(") ? "v_jsonb"
                    : c.column().startsWith("v_json") ? "v_json" : c.column();
            long id = pg.exec("INSERT INTO vals(" + column + ") VALUES ($1) RETURNING id", c.param().apply(s))
                    .scalar(Long.class);
            inserted++;
            Object back = pg.exec("SELECT " + c.column() + " FROM vals WHERE id = $1", id).scalar();
            Object expected = c.expected().apply(s);
            if (back instanceof PgRecord r) {
                back = r.values();
            }
            assertThat(back).as(why).isEqualTo(expected);
            if (back instanceof String str) {
                assertThat(str.getBytes(StandardCharsets.UTF_8)).as(why).isEqualTo(
                        ((String) expected).getBytes(StandardCharsets.UTF_8));
            }
            // The same parameter finds the row again by equality (or, for JSON, containment).
            String where = switch (c.name()) {
                case "json as String", "json as Json" -> "v_json::text = $2::json::text";
                case "jsonb as String", "jsonb as Json", "jsonb key" -> "v_jsonb = $2::jsonb";
                case "composite as PgRecord", "composite as record" -> "v_pair = $2::inj_pair";
                // The extensions' operators live in public, outside the test's search_path.
                case "hstore" -> "v_hstore OPERATOR(public.=) $2::public.hstore";
                case "citext (text fallback)" -> "v_citext OPERATOR(public.=) $2::public.citext";
                case "refcursor (text fallback)" -> "v_cursor::text = $2::refcursor::text"; // refcursor has no =
                default -> column + " = $2";
            };
            assertThat(pg.exec("SELECT count(*) FROM vals WHERE id = $1 AND " + where, id, c.param().apply(s))
                    .scalar(Long.class)).as(why + " found by " + where).isEqualTo(1L);
        }
        assertCanariesStand(pg, context);
    }

    private static void assertCanariesStand(Pg pg, String context) {
        for (String table : List.of("t", "stored")) {
            assertThat(pg.exec("SELECT count(*) FROM " + table).scalar(Long.class)).as(table + " after " + context)
                    .isEqualTo(1L);
        }
        assertThat(pg.exec("SELECT count(*) FROM vals").scalar(Long.class)).as("rows after " + context)
                .isEqualTo((long) inserted);
    }

    @Test
    void classicAttacksAreStoredVerbatimThroughEveryCodec() {
        try (Pg pg = db.pool.get()) {
            for (String s : ATTACKS) {
                storeAndReadBack(pg, s, "fixed list");
            }
        }
    }

    @Test
    void stringsSentToInetFailCleanlyAndTheConnectionGoesOn() {
        try (Pg pg = db.pool.get()) {
            for (String s : ATTACKS) {
                assertThatThrownBy(() -> pg.exec("INSERT INTO vals(v_inet) VALUES ($1)", s))
                        .as(s).isInstanceOf(PgException.class)
                        .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("22P02"));
                assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            }
            assertThat(pg.exec("SELECT count(*) FROM vals WHERE v_inet IS NOT NULL").scalar(Long.class)).isZero();
            assertCanariesStand(pg, "inet");
        }
    }

    static Stream<String> seeds() {
        return IntStream.range(0, 3).mapToObj(i -> "seed=" + (SEED + i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void randomAttackStringsAreStoredVerbatimThroughEveryCodec(String name) {
        long seed = Long.parseLong(name.substring(5));
        Random random = new Random(seed);
        try (Pg pg = db.pool.get()) {
            for (int i = 0; i < 40; i++) {
                storeAndReadBack(pg, randomAttack(random), name + " #" + i + ", replay with -Dinjection.seed=" + seed);
            }
        }
    }

    static String randomAttack(Random random) {
        StringBuilder b = new StringBuilder();
        int pieces = 1 + random.nextInt(5);
        for (int p = 0; p < pieces; p++) {
            if (random.nextInt(3) == 0) {
                b.append(ATTACKS.get(random.nextInt(ATTACKS.size())));
            } else {
                int[] cps = DANGEROUS.codePoints().toArray();
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    b.appendCodePoint(cps[random.nextInt(cps.length)]);
                }
            }
        }
        List<Integer> cps = new ArrayList<>();
        b.codePoints().limit(120).forEach(cps::add);
        StringBuilder out = new StringBuilder();
        cps.forEach(out::appendCodePoint);
        return out.toString();
    }
}
