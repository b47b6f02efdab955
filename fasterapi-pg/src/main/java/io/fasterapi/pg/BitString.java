package io.fasterapi.pg;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A value of PostgreSQL's {@code bit(n)} or {@code bit varying}: a sequence of bits with an exact
 * length (which {@link BitSet} does not have). Bit 0 is the leftmost, as in {@code B'10110'}.
 * Immutable; any thread.
 */
public final class BitString {
    private final int length;
    private final byte[] bytes;

    private BitString(int length, byte[] bytes) {
        this.length = length;
        this.bytes = bytes;
    }

    /** Parses a string of {@code 0} and {@code 1}. */
    public static BitString of(String bits) {
        byte[] b = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            char c = bits.charAt(i);
            if (c == '1') {
                b[i >> 3] |= (byte) (0x80 >>> (i & 7));
            } else if (c != '0') {
                throw new IllegalArgumentException("not a bit string: " + bits);
            }
        }
        return new BitString(bits.length(), b);
    }

    /** The first {@code length} bits of {@code bits}. */
    public static BitString of(BitSet bits, int length) {
        byte[] b = new byte[(length + 7) / 8];
        for (int i = bits.nextSetBit(0); i >= 0 && i < length; i = bits.nextSetBit(i + 1)) {
            b[i >> 3] |= (byte) (0x80 >>> (i & 7));
        }
        return new BitString(length, b);
    }

    /**
     * The bit string of {@code length} bits packed most significant first in {@code bytes} (the
     * wire layout); bits past the length are cleared.
     */
    public static BitString ofPacked(int length, byte[] bytes) {
        if (length < 0 || bytes.length != (length + 7) / 8) {
            throw new IllegalArgumentException(bytes.length + " bytes cannot hold exactly " + length + " bits");
        }
        byte[] b = bytes.clone();
        if ((length & 7) != 0) {
            b[b.length - 1] &= (byte) (0xFF << (8 - (length & 7)));
        }
        return new BitString(length, b);
    }

    /** Number of bits. */
    public int length() {
        return length;
    }

    /** Bit {@code i}, from the left. */
    public boolean get(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("bit " + i + " of " + length);
        }
        return (bytes[i >> 3] & (0x80 >>> (i & 7))) != 0;
    }

    /** The bits, packed most significant first (a copy). */
    public byte[] toPackedBytes() {
        return bytes.clone();
    }

    /** The bits as a BitSet (index i is bit i from the left). */
    public BitSet toBitSet() {
        BitSet s = new BitSet(length);
        for (int i = 0; i < length; i++) {
            if (get(i)) {
                s.set(i);
            }
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitString b && b.length == length && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(bytes);
    }

    /** The bits as {@code 0} and {@code 1}, as PostgreSQL prints them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(get(i) ? '1' : '0');
        }
        return sb.toString();
    }
}
