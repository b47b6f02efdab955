package io.fasterapi.web.security;

import java.util.Objects;

/**
 * An API key as {@link APIKeyHeader}, {@link APIKeyQuery} or {@link APIKeyCookie} read it (FastAPI
 * gives it as a plain string; Java injects by type, hence this wrapper). Never empty.
 *
 * @param value the key as sent
 */
public record APIKey(String value) {
    public APIKey {
        Objects.requireNonNull(value, "value");
    }

    /** Masks the key: credentials never reach a log line. */
    @Override
    public String toString() {
        return "APIKey[***]";
    }
}
