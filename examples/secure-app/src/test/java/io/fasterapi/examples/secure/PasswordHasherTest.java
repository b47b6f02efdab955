package io.fasterapi.examples.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PBKDF2 hashes verify their own password and no other, with a fresh salt each time; random passwords, seeded. */
class PasswordHasherTest {
    static final PasswordHasher HASHER = new PasswordHasher(1_000);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void verifiesItsOwnPasswordOnly(long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(1, 40); i > 0; i--) {
            b.appendCodePoint(random.nextInt(0x20, 0x3000));
        }
        String password = b.toString();
        String hash = HASHER.hash(password);
        assertThat(HASHER.verify(password, hash)).as("seed %d", seed).isTrue();
        assertThat(HASHER.verify(password + "x", hash)).as("seed %d", seed).isFalse();
        assertThat(HASHER.hash(password)).as("salted, seed %d", seed).isNotEqualTo(hash);
        assertThat(hash).startsWith("pbkdf2_sha256$1000$").doesNotContain(password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "pbkdf2_sha256$x$AAAA$AAAA", "md5$1$AAAA$AAAA", "pbkdf2_sha256$0$AAAA$AAAA",
            "pbkdf2_sha256$1000$!!$AAAA"})
    void malformedHashesNeverVerify(String stored) {
        assertThat(HASHER.verify("secret", stored)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void theDummyHashIsAWellFormedHashOfThisHashersIterationsThatNothingMatches() {
        String dummy = HASHER.dummyHash();
        String real = HASHER.hash("not a password anybody has");
        // same shape as a real hash, so that checking against it derives a key as a real check does
        assertThat(dummy.split("\\$")).hasSize(4);
        assertThat(dummy).startsWith("pbkdf2_sha256$1000$").hasSameSizeAs(real);
        for (String password : new String[] {"", "secret", "not a password anybody has"}) {
            assertThat(HASHER.verify(password, dummy)).isFalse();
        }
        assertThat(new PasswordHasher(1_000).dummyHash()).as("random per hasher").isNotEqualTo(dummy);
    }
}
