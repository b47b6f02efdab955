package io.fasterapi.pg;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random values of every scalar type (and a few containers), each round-tripped through the
 * real server in binary. The seeds derive from {@code -Dfasterapi.seed=N} (a fresh one each run
 * otherwise); a failure message names the seed that replays it.
 */
class CodecRandomRoundTripTest {
    private static final long BASE_SEED = Long.getLong("fasterapi.seed", System.nanoTime());
    private static final int VALUES_PER_TYPE = 8;
    static PgTestDb db;
    static Pg pg;

    @BeforeAll
    static void setUp() {
        System.out.println("CodecRandomRoundTripTest base seed " + BASE_SEED + " (replay with -Dfasterapi.seed="
                + BASE_SEED + ")");
        db = new PgTestDb(CodecRandomRoundTripTest.class);
        pg = db.pool.get();
    }

    @AfterAll
    static void tearDown() {
        pg.close();
        db.close();
    }

    static LongStream seeds() {
        return LongStream.range(0, 4).map(i -> BASE_SEED + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomValuesRoundTrip(long seed) {
        Random random = new Random(seed);
        for (RandomValues.Generator g : RandomValues.all()) {
            for (int i = 0; i < VALUES_PER_TYPE; i++) {
                RoundTrip.check(pg, g.type(), g.literal().apply(random),
                        "seed " + seed + ", value " + i + "; replay with -Dfasterapi.seed=" + BASE_SEED);
            }
        }
    }
}
