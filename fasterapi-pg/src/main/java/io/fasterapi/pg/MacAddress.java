package io.fasterapi.pg;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A MAC address: 6 bytes for PostgreSQL's {@code macaddr}, 8 bytes (EUI-64) for {@code macaddr8}.
 * A 6-byte address may be sent to a {@code macaddr8} parameter (the server widens it). Immutable;
 * any thread.
 */
public final class MacAddress {
    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address of these 6 or 8 bytes (copied). */
    public static MacAddress of(byte[] bytes) {
        if (bytes.length != 6 && bytes.length != 8) {
            throw new IllegalArgumentException("a MAC address has 6 or 8 bytes, not " + bytes.length);
        }
        return new MacAddress(bytes.clone());
    }

    /** Parses {@code 08:00:2b:01:02:03} (colons or hyphens, 6 or 8 groups). */
    public static MacAddress parse(String text) {
        String hex = text.replace(":", "").replace("-", "");
        try {
            return of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a MAC address: " + text, e);
        }
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** 6 or 8. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower-case hex pairs separated by colons, as PostgreSQL prints it. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
