package io.fasterapi.web.security;

import java.util.Objects;

/**
 * The user name and password of an {@code Authorization: Basic} header, as {@link HTTPBasic} decodes
 * it: FastAPI's {@code HTTPBasicCredentials}. Compare them in constant time
 * ({@link java.security.MessageDigest#isEqual}), as FastAPI's docs advise with
 * {@code secrets.compare_digest}.
 *
 * @param username the text before the first {@code ':'}
 * @param password the text after it (may hold further colons, may be empty)
 */
public record HTTPBasicCredentials(String username, String password) {
    public HTTPBasicCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Masks the password: it never reaches a log line. */
    @Override
    public String toString() {
        return "HTTPBasicCredentials[username=" + username + ", password=***]";
    }
}
