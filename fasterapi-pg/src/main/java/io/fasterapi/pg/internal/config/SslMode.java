package io.fasterapi.pg.internal.config;

import java.util.Locale;

/** libpq's {@code sslmode} values, in increasing order of protection. */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** Parses a libpq spelling ({@code verify-full}); null when unknown. */
    static SslMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The libpq spelling, as a DSN writes it ({@code verify-full}). */
    public String libpqName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the connection fails rather than fall back to plaintext. */
    public boolean requiresTls() {
        return compareTo(REQUIRE) >= 0;
    }

    /** True when the server certificate chain must be checked against a root certificate. */
    public boolean verifiesChain() {
        return compareTo(VERIFY_CA) >= 0;
    }
}
