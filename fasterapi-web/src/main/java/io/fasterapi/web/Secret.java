package io.fasterapi.web;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A text value that must not be printed: a password, a signing key, a token (pydantic's
 * {@code SecretStr}). {@link #toString()} shows {@value #MASK}, so a settings record holding it can be
 * logged; {@link #reveal()} gives the value to the code that needs it.
 *
 * {@snippet :
 * public record AppSettings(Secret jwtSecret) {}
 * sign(settings.jwtSecret().reveal());
 * }
 */
public final class Secret {
    /** What {@link #toString()} shows instead of the value, as pydantic does. */
    public static final String MASK = "**********";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret holding {@code value}. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** The value itself; keep it out of logs and messages. */
    public String reveal() {
        return value;
    }

    /** Whether the value is empty. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Always {@value #MASK}, never the value. */
    @Override
    public String toString() {
        return MASK;
    }

    /** Equal when the values are, compared in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
