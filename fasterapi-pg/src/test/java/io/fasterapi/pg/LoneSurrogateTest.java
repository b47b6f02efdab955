package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.internal.codec.Utf8Text;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Java string holding a lone UTF-16 surrogate has no UTF-8 form; it used to reach the server as
 * {@code ?}. Now it is refused before anything is sent, naming the parameter, in every encoder of
 * strings (text, text[], json/jsonb, text-format parameters, COPY), and the connection goes on.
 * The seeds derive from {@code -Dfasterapi.seed=N}; a failure names the one that replays it.
 */
class LoneSurrogateTest {
    private static final long BASE_SEED = Long.getLong("fasterapi.seed", System.nanoTime());
    static PgTestDb db;
    static Pg pg;

    @BeforeAll
    static void setUp() {
        System.out.println("LoneSurrogateTest base seed " + BASE_SEED + " (replay with -Dfasterapi.seed=" + BASE_SEED + ")");
        db = new PgTestDb(LoneSurrogateTest.class);
        pg = db.pool.get();
        pg.script("CREATE TABLE notes(id int, body text, tags text[], doc jsonb)");
    }

    @AfterAll
    static void tearDown() {
        pg.close();
        db.close();
    }

    static LongStream seeds() {
        return LongStream.range(0, 6).map(i -> BASE_SEED + i);
    }

    /** A random string of ASCII, 2-byte, 3-byte characters and whole surrogate pairs. */
    private static String wellFormed(Random r, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0, 1 -> sb.append((char) (0x20 + r.nextInt(0x5F)));
                case 2 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 3 -> {
                    char c;
                    do {
                        c = (char) (0x800 + r.nextInt(0x10000 - 0x800));
                    } while (Character.isSurrogate(c));
                    sb.append(c);
                }
                default -> sb.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000));
            }
        }
        return sb.toString();
    }

    /** {@code s} with a lone surrogate put at a random char index (never completing a pair). */
    private static String withLoneSurrogate(Random r, String s) {
        int at = r.nextInt(s.length() + 1);
        while (at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at))) {
            at--; // do not split an existing pair
        }
        boolean high = r.nextBoolean();
        char lone = (char) ((high ? 0xD800 : 0xDC00) + r.nextInt(0x400));
        // A high one must not be followed by a low one, nor a low one preceded by a high one.
        String after = s.substring(at);
        String before = s.substring(0, at);
        if (high && !after.isEmpty() && Character.isLowSurrogate(after.charAt(0))
                || !high && !before.isEmpty() && Character.isHighSurrogate(before.charAt(before.length() - 1))) {
            return before + "x" + lone + "x" + after;
        }
        return before + lone + after;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void wellFormedStringsEncodeAsTheJdkDoesAndRoundTrip(long seed) {
        Random r = new Random(seed);
        String replay = "seed " + seed + "; replay with -Dfasterapi.seed=" + BASE_SEED;
        for (int i = 0; i < 40; i++) {
            String s = wellFormed(r, i < 20 ? 12 : 3000);
            ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(1);
            CompositeByteBuf composite = Unpooled.compositeBuffer();
            try {
                direct.writeByte('>');
                int n = Utf8Text.write(s, direct);
                byte[] expected = s.getBytes(StandardCharsets.UTF_8);
                assertThat(n).as(replay).isEqualTo(expected.length);
                assertThat(ByteBufUtil.getBytes(direct, 1, n)).as(replay).isEqualTo(expected);
                composite.addComponent(true, Unpooled.buffer(2).writeByte('>'));
                composite.addComponent(true, Unpooled.buffer(2).writeByte('<'));
                Utf8Text.write(s, composite);
                assertThat(ByteBufUtil.getBytes(composite, 2, composite.readableBytes() - 2)).as(replay).isEqualTo(expected);
            } finally {
                direct.release();
                composite.release();
            }
            if (i % 8 == 0) {
                assertThat(pg.exec("SELECT $1::text", s).scalar()).as(replay).isEqualTo(s);
                assertThat(pg.exec("SELECT octet_length($1::text)", s).scalar(Integer.class)).as(replay)
                        .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aLoneSurrogateIsRefusedNamingTheParameterAndTheConnectionGoesOn(long seed) {
        Random r = new Random(seed);
        String replay = "seed " + seed + "; replay with -Dfasterapi.seed=" + BASE_SEED;
        for (int i = 0; i < 12; i++) {
            String bad = withLoneSurrogate(r, wellFormed(r, 40));
            ByteBuf buf = Unpooled.buffer();
            try {
                assertThatThrownBy(() -> Utf8Text.write(bad, buf)).as(replay).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("lone UTF-16 surrogate");
                assertThat(buf.writerIndex()).as(replay).isZero();
            } finally {
                buf.release();
            }
            Object[] args = switch (i % 3) {
                case 0 -> new Object[] {1, bad, null, null};
                case 1 -> new Object[] {1, "ok", new String[] {"fine", bad}, null};
                default -> new Object[] {1, "ok", null, Json.of("{\"k\":\"" + bad.replace("\\", "\\\\").replace("\"", "'") + "\"}")};
            };
            int parameter = i % 3 + 2;
            assertThatThrownBy(() -> pg.exec("INSERT INTO notes VALUES ($1, $2, $3, $4)", args)).as(replay)
                    .isInstanceOfSatisfying(PgException.class, e -> {
                        assertThat(e.code()).isEqualTo("22021"); // as the server's own refusal of bad text
                        assertThat(e.serverMessage()).isNull(); // but refused here: nothing was sent
                    })
                    .hasMessageContaining("parameter $" + parameter)
                    .hasMessageContaining("lone UTF-16 surrogate");
            assertThat(pg.exec("SELECT $1::text", "next").scalar()).as(replay).isEqualTo("next");
        }
        assertThat(pg.exec("SELECT count(*) FROM notes").scalar(Long.class)).isZero();
    }

    @Test
    void theIssuesExamplesAreRefusedAndNothingIsStored() {
        String bad = "a\ud800b";
        assertThatThrownBy(() -> pg.exec("INSERT INTO notes(id, body) VALUES (1, $1)", bad))
                .isInstanceOf(PgException.class).hasMessageContaining("parameter $1")
                .hasMessageContaining("\\uD800 at char index 1");
        assertThatThrownBy(() -> pg.exec("INSERT INTO notes(id, tags) VALUES (1, $1)", (Object) new String[] {bad}))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.code()).isEqualTo("22021"))
                .hasMessageContaining("parameter $1").hasMessageContaining("array element 0").hasMessageContaining("surrogate");
        assertThatThrownBy(() -> pg.exec("SELECT $1::json", Json.of("\"" + bad + "\"")))
                .isInstanceOf(PgException.class).hasMessageContaining("parameter $1").hasMessageContaining("surrogate");
        // A lone low surrogate, and one at the very end (a high one with nothing after it).
        assertThatThrownBy(() -> pg.exec("SELECT $1::text", "\udc00")).hasMessageContaining("\\uDC00 at char index 0");
        assertThatThrownBy(() -> pg.exec("SELECT $1::text", "ab\ud83d")).hasMessageContaining("\\uD83D at char index 2");
        // A type without a binary codec takes the string as text: checked there too.
        assertThatThrownBy(() -> pg.exec("SELECT $1::tsvector", "cat " + bad))
                .isInstanceOf(PgException.class).hasMessageContaining("parameter $1").hasMessageContaining("surrogate");
        // A whole pair is fine; a NUL is refused by the server (22021), as before.
        assertThat(pg.exec("SELECT $1::text", "a\ud83d\ude00b").scalar()).isEqualTo("a😀b");
        assertThatThrownBy(() -> pg.exec("SELECT $1::text", "a\u0000b"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.code()).isEqualTo("22021"));
        assertThat(pg.exec("SELECT count(*) FROM notes").scalar(Long.class)).isZero();
    }

    @Test
    void copyInRefusesALoneSurrogateAndTheCopyGoesOn() {
        pg.exec("TRUNCATE notes");
        try (CopyIn copy = pg.copyIn("COPY notes(id, body) FROM STDIN")) {
            copy.write("1\tfirst\n");
            assertThatThrownBy(() -> copy.write("2\ta\ud800b\n"))
                    .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.code()).isEqualTo("22021"))
                    .hasMessageContaining("lone UTF-16 surrogate").hasMessageContaining("nothing of this text was sent");
            copy.write("3\tthird\n");
            assertThat(copy.finish()).isEqualTo(2);
        }
        assertThat(pg.exec("SELECT string_agg(body, ',' ORDER BY id) FROM notes").scalar()).isEqualTo("first,third");
        pg.exec("TRUNCATE notes");
    }
}
