package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Codecs users register by type name ({@link PgPool.Builder#codec}): a text codec for an enum whose
 * labels are not Java names, a binary codec for the citext extension type (and a domain over it),
 * and what happens when a codec throws, when its type is not in the database and when it names a
 * built-in type. Real server, the test's own schema; PostGIS's geometry is in
 * {@link UserCodecPostgisTest}.
 */
class UserCodecTest {
    enum Mood { SAD, SO_SO, HAPPY }

    /** A citext value: compared without case by the server, kept as written here. */
    record Email(String address) {
    }

    record Visit(int id, Mood mood, Email email) {
    }

    record Contact(String name, Email email) {
    }

    /** citext's send and receive functions are text's: the UTF-8 bytes. */
    static final class EmailCodec implements PgCodec.Binary<Email> {
        @Override
        public Class<Email> javaType() {
            return Email.class;
        }

        @Override
        public Email decodeBinary(ByteBuffer value) {
            return new Email(StandardCharsets.UTF_8.decode(value).toString());
        }

        @Override
        public byte[] encodeBinary(Email value) {
            if (value.address().isEmpty()) {
                throw new IllegalStateException("empty address");
            }
            return value.address().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Email decodeText(String text) {
            if (text.startsWith("!")) {
                throw new IllegalStateException("bang");
            }
            return new Email(text);
        }

        @Override
        public String encodeText(Email value) {
            return value.address();
        }
    }

    static final PgCodec<Mood> MOOD = PgCodec.text(Mood.class,
            label -> Mood.valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_')),
            mood -> mood.name().toLowerCase(Locale.ROOT).replace('_', '-'));

    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(UserCodecTest.class, PgPool.builder(PgTestDb.dsnWithSearchPath(
                io.fasterapi.testing.TestPostgres.uniqueSchema(UserCodecTest.class))).threads(2).maxSize(2)
                .codec("mood", MOOD)
                .codec("citext", new EmailCodec())
                .codec("no_such_type_here", MOOD)
                .codec("int4", PgCodec.text(String.class, s -> "never " + s, s -> s)));
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE EXTENSION IF NOT EXISTS citext SCHEMA public");
            pg.script("""
                    CREATE TYPE mood AS ENUM ('sad', 'so-so', 'happy');
                    CREATE DOMAIN email AS public.citext CHECK (VALUE LIKE '%@%');
                    CREATE TABLE visits (id int PRIMARY KEY, mood mood, email email);
                    CREATE TYPE contact AS (name text, email public.citext);
                    """);
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void textCodecReadsAndSendsAnEnumWithItsOwnLabels() {
        try (Pg pg = db.pool.get()) {
            Row row = pg.exec("SELECT 'so-so'::mood AS m, $1::mood::text AS label, $1::mood = 'so-so' AS same",
                    Mood.SO_SO).one();
            assertThat(row.get("m")).isEqualTo(Mood.SO_SO);
            assertThat(row.getString("label")).isEqualTo("so-so");
            assertThat(row.getBoolean("same")).isTrue();
            assertThat(pg.exec("SELECT 'happy'::mood").scalar(Mood.class)).isEqualTo(Mood.HAPPY);
            assertThat(pg.exec("SELECT ARRAY['sad', 'so-so']::mood[]").scalar())
                    .as("a text codec's arrays arrive as their text").isEqualTo("{sad,so-so}");
        }
    }

    @Test
    void binaryCodecServesTheTypeItsArraysAndDomainsOverIt() {
        try (Pg pg = db.pool.get()) {
            Row row = pg.exec("SELECT 'Ann@Example.org'::public.citext AS e, $1::public.citext OPERATOR(public.=) 'ANN@example.ORG' AS same,"
                    + " ARRAY['a@b', NULL]::public.citext[] AS arr", new Email("ann@example.org")).one();
            assertThat(row.get("e")).isEqualTo(new Email("Ann@Example.org"));
            assertThat(row.getBoolean("same")).isTrue();
            assertThat((Email[]) row.get("arr")).containsExactly(new Email("a@b"), null);
            assertThat(pg.exec("SELECT $1::email::text", new Email("x@y")).scalar(String.class)).isEqualTo("x@y");
            assertThatThrownBy(() -> pg.exec("SELECT $1::email", new Email("no-at-sign")))
                    .isInstanceOf(CheckViolationException.class);
        }
    }

    @Test
    void compositesWithAFieldOfTheTypeUseTheBinaryCodecBothWays() {
        try (Pg pg = db.pool.get()) {
            PgRecord r = pg.exec("SELECT row('Ann', 'ann@x')::contact").scalar(PgRecord.class);
            assertThat(r.get("email")).isEqualTo(new Email("ann@x"));
            assertThat(r.as(Contact.class)).isEqualTo(new Contact("Ann", new Email("ann@x")));
            assertThat(pg.exec("SELECT ($1::contact).email::text", new Contact("Bob", new Email("bob@x")))
                    .scalar(String.class)).isEqualTo("bob@x");
        }
    }

    @Test
    void rowsMapCodecValuesIntoRecordsAndSingleColumns() {
        try (Pg pg = db.pool.get()) {
            pg.exec("INSERT INTO visits VALUES ($1, $2, $3), ($4, $5, $6)", 1, Mood.HAPPY, new Email("a@x.org"),
                    2, "sad", "b@x.org");
            assertThat(pg.exec("SELECT id, mood, email FROM visits ORDER BY id").as(Visit.class)).containsExactly(
                    new Visit(1, Mood.HAPPY, new Email("a@x.org")), new Visit(2, Mood.SAD, new Email("b@x.org")));
            assertThat(pg.exec("SELECT email FROM visits WHERE id = 2").one(Email.class)).isEqualTo(new Email("b@x.org"));
            assertThat(pg.exec("SELECT email FROM visits ORDER BY id").as(Email.class))
                    .containsExactly(new Email("a@x.org"), new Email("b@x.org"));
            pg.exec("DELETE FROM visits");
        }
    }

    @Test
    void aCodecThatThrowsFailsOneReadNamingTypeAndColumnAndTheConnectionGoesOn() {
        try (Pg pg = db.pool.get()) {
            Row row = pg.exec("SELECT '!oops'::public.citext::text::public.citext AS addr").one();
            // Binary columns never reach decodeText: force the text path through the simple protocol.
            assertThat(row.get(0)).isEqualTo(new Email("!oops"));
            QueryResult script = pg.script("SELECT '!oops'::public.citext AS addr").get(0);
            assertThatThrownBy(() -> script.one().get(0))
                    .isInstanceOf(PgException.class)
                    .hasMessageContaining("column 'addr' (citext)")
                    .hasMessageContaining("the codec of type citext failed to decode")
                    .hasRootCauseMessage("bang");
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void aCodecThatThrowsWhileEncodingFailsTheStatementNamingTheParameter() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT $1::int, $2::public.citext", 1, new Email("")))
                    .isInstanceOf(PgException.class)
                    .hasMessageContaining("parameter $2")
                    .hasMessageContaining("the codec of type citext failed to encode")
                    .hasRootCauseMessage("empty address");
            PgCodec<Mood> failing = PgCodec.text(Mood.class, Mood::valueOf, m -> {
                throw new IllegalStateException("no label for " + m);
            });
            try (PgTestDb other = new PgTestDb(UserCodecTest.class, PgPool.builder(PgTestDb.dsnWithSearchPath(
                    io.fasterapi.testing.TestPostgres.uniqueSchema(UserCodecTest.class))).threads(1).maxSize(1)
                    .codec("mood2", failing))) {
                try (Pg pg2 = other.pool.get()) {
                    pg2.script("CREATE TYPE mood2 AS ENUM ('SAD')");
                    assertThatThrownBy(() -> pg2.exec("SELECT $1::mood2", Mood.SAD))
                            .isInstanceOf(PgException.class)
                            .hasMessageContaining("parameter $1: the codec of type mood2 failed to encode")
                            .hasRootCauseMessage("no label for SAD");
                    assertThat(pg2.exec("SELECT 'SAD'::mood2").scalar()).isEqualTo(Mood.SAD);
                }
            }
            assertThat(pg.exec("SELECT $1::public.citext", new Email("ok@x")).scalar()).isEqualTo(new Email("ok@x"));
        }
    }

    @Test
    void aCodecWhoseTypeTheDatabaseLacksIsUnusedAndTheServerNamesTheType() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT $1::no_such_type_here", Mood.SAD))
                    .isInstanceOf(PgException.class)
                    .hasMessageContaining("no_such_type_here")
                    .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("42704"));
            assertThat(pg.exec("SELECT 'sad'::mood").scalar()).isEqualTo(Mood.SAD);
        }
    }

    @Test
    void readingAColumnOfAnotherTypeAsTheCodecsClassNamesTheColumnsType() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT 'a@b'::text AS t").one().get(0, Email.class))
                    .isInstanceOf(PgException.class)
                    .hasMessageContaining("column 't' (text)")
                    .hasMessageContaining(Email.class.getName());
        }
    }

    @Test
    void builtInTypesKeepTheirCodecs() {
        try (Pg pg = db.pool.get()) {
            assertThat(pg.exec("SELECT 42::int4").scalar()).isEqualTo(42);
        }
    }

    @Test
    void builderRejectsBlankNamesAndMissingCodecs() {
        PgPool.Builder b = PgPool.builder("postgres://u@h/db");
        assertThatThrownBy(() -> b.codec(" ", MOOD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.codec("mood", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.codec("mood", PgCodec.text(null, s -> s, s -> s)))
                .isInstanceOf(NullPointerException.class);
    }
}
