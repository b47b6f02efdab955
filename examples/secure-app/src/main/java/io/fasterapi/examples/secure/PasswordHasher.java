package io.fasterapi.examples.secure;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes passwords with the JDK's PBKDF2WithHmacSHA256 and a random 16-byte salt per password, and
 * checks them in constant time ({@link MessageDigest#isEqual}). A hash is stored as
 * {@code pbkdf2_sha256$<iterations>$<salt>$<hash>} (base64), so the iteration count can grow
 * without invalidating stored hashes. Thread-safe.
 */
public final class PasswordHasher {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2_sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    /** A hasher using {@code iterations} rounds for new hashes (tests use fewer to stay fast). */
    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
        this.dummyHash = noPasswordsHash();
    }

    /**
     * A stored hash in the form {@link #hash} writes, with random bytes where a derived key goes: checking a
     * password against it costs one derivation with this hasher's iterations, as against a real hash, and
     * matches nothing; building it costs nothing (hashing a password took ~0.4 s of every start).
     */
    private String noPasswordsHash() {
        return stored(randomBytes(SALT_BYTES), randomBytes(HASH_BITS / 8));
    }

    /** The hash {@link #verifyDummy} checks against (for tests). */
    String dummyHash() {
        return dummyHash;
    }

    /** The stored form of {@code password}, with a fresh salt. */
    public String hash(String password) {
        byte[] salt = randomBytes(SALT_BYTES);
        return stored(salt, derive(password, salt, iterations));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The stored form: {@code pbkdf2_sha256$<iterations>$<salt>$<key>}, base64 without padding. */
    private String stored(byte[] salt, byte[] key) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed hash. */
    public boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return rounds > 0 && MessageDigest.isEqual(derive(password, salt, rounds), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Spends the time of one verification for nothing, so that an unknown user name takes as long
     * to refuse as a wrong password (FastAPI's tutorial verifies against a dummy hash the same way).
     */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
