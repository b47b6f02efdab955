package io.fasterapi.pg.internal.config;

import java.util.Locale;

/**
 * libpq's {@code channel_binding}: whether SCRAM must be bound to the TLS channel
 * (SCRAM-SHA-256-PLUS), which detects a proxy that terminates TLS with a certificate of its own.
 */
public enum ChannelBinding {
    /** Never use SCRAM-SHA-256-PLUS. */
    DISABLE,
    /** Use it when the session is TLS and the server offers it (the default). */
    PREFER,
    /** Refuse to log in without it: no TLS, no -PLUS offered, or a non-SCRAM method all fail. */
    REQUIRE;

    /** Parses a libpq spelling; null when unknown. */
    static ChannelBinding parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "disable" -> DISABLE;
            case "prefer" -> PREFER;
            case "require" -> REQUIRE;
            default -> null;
        };
    }
}
