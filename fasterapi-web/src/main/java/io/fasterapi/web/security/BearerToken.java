package io.fasterapi.web.security;

import java.util.Objects;

/**
 * The token of an {@code Authorization: Bearer <token>} header, as {@link OAuth2PasswordBearer}
 * reads it (FastAPI gives it as a plain string; Java injects by type, hence this wrapper). The
 * token may be empty ({@code "Bearer "}), as in FastAPI: verifying it is the caller's job.
 *
 * @param token the text after {@code "Bearer "}, trimmed
 */
public record BearerToken(String token) {
    public BearerToken {
        Objects.requireNonNull(token, "token");
    }

    /** Masks the token: credentials never reach a log line. */
    @Override
    public String toString() {
        return "BearerToken[***]";
    }
}
