package io.fasterapi.web.security;

import java.util.Objects;

/**
 * The {@code Authorization} header split at its first space, as {@link HTTPBearer} reads it:
 * FastAPI's {@code HTTPAuthorizationCredentials}. For {@code Authorization: Bearer deadbeef} the
 * scheme is {@code "Bearer"} (as sent) and the credentials {@code "deadbeef"}.
 *
 * @param scheme the authorization scheme, as the client wrote it
 * @param credentials the rest of the header, trimmed; never empty
 */
public record HTTPAuthorizationCredentials(String scheme, String credentials) {
    public HTTPAuthorizationCredentials {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Masks the credentials: they never reach a log line. */
    @Override
    public String toString() {
        return "HTTPAuthorizationCredentials[scheme=" + scheme + ", credentials=***]";
    }
}
