package io.fasterapi.pg;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-picked edge values of every type, each round-tripped through the real server in binary. */
class CodecEdgeCasesTest {
    static PgTestDb db;
    static Pg pg;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(CodecEdgeCasesTest.class);
        pg = db.pool.get();
        pg.script("CREATE EXTENSION IF NOT EXISTS hstore SCHEMA public");
        pg.script("""
                CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy 😀');
                CREATE DOMAIN posint AS int CHECK (VALUE > 0);
                CREATE TYPE address AS (street text, number int, tags text[]);
                CREATE TYPE person AS (name text, home address, mood mood, age posint);
                CREATE TYPE floatrange AS RANGE (subtype = float8);
                """);
    }

    @AfterAll
    static void tearDown() {
        pg.close();
        db.close();
    }

    static List<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        add(c, "bool", "true", "false");
        add(c, "int2", "-32768", "32767", "0");
        add(c, "int4", "-2147483648", "2147483647");
        add(c, "int8", "-9223372036854775808", "9223372036854775807");
        add(c, "oid", "0", "4294967295");
        add(c, "float4", "NaN", "Infinity", "-Infinity", "-0", "1.4e-45", "3.4028235e38");
        add(c, "float8", "NaN", "Infinity", "-Infinity", "-0", "4.9e-324", "1.7976931348623157e308");
        add(c, "numeric", "NaN", "Infinity", "-Infinity", "0", "0.000", "-1.50", "1e-300",
                "123456789012345678901234567890.123456789012345678901234567890", "-99999999999999999999.9999");
        add(c, "text", "", "emoji 😀👍🏽 family 👨‍👩‍👧", "combining e\u0301 a\u0308\u0304", "quote ' \" \\ {,}()",
                "x".repeat(1 << 20));
        add(c, "varchar", "ünïcödé");
        add(c, "bpchar", "padded  ");
        add(c, "name", "a_name");
        add(c, "\"char\"", "a", "", "\\377");
        add(c, "bytea", "\\x", "\\x00ff10", "\\x" + "ab".repeat(1 << 20));
        add(c, "uuid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");
        add(c, "date", "infinity", "-infinity", "2024-02-29", "2000-02-29", "1900-03-01", "4713-01-01 BC",
                "0001-01-01 BC", "5874897-12-31", "1970-01-01");
        add(c, "time", "00:00:00", "23:59:59.999999", "12:34:56.789");
        add(c, "timetz", "00:00:00+00", "23:59:59.999999-15:59", "12:00:00+05:30", "04:05:06.789-08");
        add(c, "timestamp", "infinity", "-infinity", "2024-02-29 23:59:59.999999", "4713-01-01 00:00:00 BC",
                "294276-12-31 23:59:59.999999", "1999-12-31 23:59:59");
        add(c, "timestamptz", "infinity", "-infinity", "2024-02-29 12:00:00+05:30", "4713-01-01 00:00:00+00 BC",
                "294276-12-31 23:59:59.999999+00");
        add(c, "interval", "0", "1 year 2 mons 3 days 04:05:06.789012", "-178000000 years",
                "178000000 years", "-2147483648 days", "2147483647 days 2562047788:00:54.775807",
                "-1 mons +1 days -00:00:00.000001");
        add(c, "money", "0", "-92233720368547758.08", "92233720368547758.07", "12.34");
        add(c, "json", "{\"a\": [1, 2.5, \"😀\"], \"b\": null}", "[]", "\"text\"");
        add(c, "jsonb", "{\"a\": [1, 2.5, \"😀\"], \"b\": null}", "{}", "null");
        add(c, "inet", "127.0.0.1", "10.1.2.3/8", "::1", "2001:db8::1/64", "::ffff:1.2.3.4", "0.0.0.0/0");
        add(c, "cidr", "10.0.0.0/8", "2001:db8::/32", "192.168.100.128/25", "::/0");
        add(c, "macaddr", "08:00:2b:01:02:03", "ff:ff:ff:ff:ff:ff");
        add(c, "macaddr8", "08:00:2b:01:02:03:04:05", "00:00:00:00:00:00:00:00");
        add(c, "bit(5)", "10101");
        add(c, "varbit", "", "1", "1011001110001111", "10110011100011110");
        add(c, "point", "(1.5,-2.5)", "(NaN,Infinity)");
        add(c, "line", "{1,-1,0}", "{0,2,3.5}");
        add(c, "lseg", "[(0,0),(1,1)]");
        add(c, "box", "(3,4),(1,2)", "(1,2),(3,4)");
        add(c, "path", "[(0,0),(1,1),(2,0)]", "((0,0),(1,1),(2,0))");
        add(c, "polygon", "((0,0),(1,1),(2,0))");
        add(c, "circle", "<(1,2),3>", "<(0,0),0>");
        // Arrays: empty, NULL elements, multi-dimensional, non-default lower bounds.
        add(c, "int4[]", "{}", "{1,NULL,3}", "{NULL}", "{{1,2,3},{4,5,6}}", "[0:2]={7,8,9}",
                "[-5:-4][3:4]={{1,2},{3,NULL}}", "{{{1},{2}},{{3},{4}}}");
        add(c, "text[]", "{}", "{\"a b\",NULL,\"\",\"NULL\",\"😀\",\"{,}\"}", "{{a,b},{c,d}}");
        add(c, "bytea[]", "{\"\\\\x00ff\",NULL}");
        add(c, "numeric[]", "{1.50,NaN,-Infinity,NULL}");
        add(c, "float8[]", "{NaN,-0,Infinity}");
        add(c, "bool[]", "{t,f,NULL}");
        add(c, "int2[]", "{1,2}");
        add(c, "int8[]", "[2:3]={1,2}");
        add(c, "date[]", "{infinity,2024-02-29,\"0044-03-15 BC\"}");
        add(c, "timestamptz[]", "{\"2024-01-01 00:00:00+00\",-infinity}");
        add(c, "interval[]", "{\"1 day\",\"-1 mons\"}");
        add(c, "uuid[]", "{00000000-0000-0000-0000-000000000001}");
        add(c, "jsonb[]", "{\"{\\\"a\\\": 1}\"}");
        add(c, "inet[]", "{127.0.0.1,::1/64}");
        add(c, "varbit[]", "{101,\"\"}");
        add(c, "point[]", "{\"(1,2)\",NULL}");
        add(c, "\"char\"[]", "{a,b}");
        add(c, "int4range[]", "{\"[1,5)\",empty}");
        // Ranges and multiranges.
        add(c, "int4range", "empty", "[1,5)", "(,5)", "[1,)", "(,)", "[-2147483648,2147483647)");
        add(c, "int8range", "[-9223372036854775808,9223372036854775807)", "empty");
        add(c, "numrange", "(1.5,2.50]", "[0,)", "empty");
        add(c, "daterange", "[2024-02-29,2024-03-01)", "[-infinity,infinity)", "(,2000-01-01)");
        add(c, "tsrange", "[2024-01-01 00:00,2024-01-02 00:00)", "(-infinity,)");
        add(c, "tstzrange", "[2024-01-01 00:00+00,2024-01-02 00:00+05:30]");
        add(c, "int4multirange", "{}", "{[1,3),[5,7)}", "{(,0),[10,)}");
        add(c, "int8multirange", "{[1,2)}");
        add(c, "nummultirange", "{[1.5,2.5],(3,4)}");
        add(c, "datemultirange", "{[2024-01-01,2024-02-01)}");
        add(c, "tsmultirange", "{[2024-01-01,2024-02-01)}");
        add(c, "tstzmultirange", "{[2024-01-01 00:00+00,2024-02-01 00:00+00)}");
        // Per-database types: enum, domain, composites (nested, with arrays), user ranges, hstore.
        add(c, "mood", "sad", "happy 😀");
        add(c, "mood[]", "{sad,NULL,\"happy 😀\"}");
        add(c, "posint", "1", "2147483647");
        add(c, "address", "(\"Main St\",5,\"{a,b}\")", "(,,)");
        add(c, "person", "(Ann,\"(\\\"Elm St\\\",7,\\\"{x}\\\")\",ok,42)", "(,,,)");
        add(c, "person[]", "{\"(Ann,,happy 😀,1)\",NULL}");
        add(c, "floatrange", "[1.5,2.5)", "empty");
        add(c, "public.hstore", "", "a=>1, b=>NULL, \"k 😀\"=>\"v,=>\"");
        add(c, "public.hstore[]", "{\"a=>1\",NULL}");
        return c;
    }

    private static void add(List<Arguments> cases, String type, String... literals) {
        for (String l : literals) {
            cases.add(Arguments.of(type, l, RoundTrip.abbreviate(l)));
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void roundTripsThroughTheServer(String type, String literal, String shown) {
        RoundTrip.check(pg, type, literal, "edge case");
    }
}
