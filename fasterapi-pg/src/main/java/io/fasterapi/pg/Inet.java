package io.fasterapi.pg;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A value of PostgreSQL's {@code inet} or {@code cidr}: an IPv4 or IPv6 address with a network
 * prefix length ({@code 192.168.0.1/24}; a host address has the full length, 32 or 128). For a
 * {@code cidr} the bits after the prefix are zero (the server rejects others). A plain
 * {@link InetAddress} may also be sent as a parameter, as a host address.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:1.2.3.4}) stay IPv6, as in PostgreSQL, even though
 * {@link InetAddress#getByAddress(byte[])} would turn them into IPv4. Immutable; any thread.
 *
 * @param address      the address (its bytes give the family)
 * @param prefixLength the network prefix, 0..32 for IPv4, 0..128 for IPv6
 */
public record Inet(InetAddress address, int prefixLength) {
    public Inet {
        Objects.requireNonNull(address, "address");
        int max = maxPrefix(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0.." + max);
        }
    }

    /** A host address: the prefix is the whole address. */
    public static Inet of(InetAddress address) {
        return new Inet(address, maxPrefix(address));
    }

    /**
     * Parses {@code address} or {@code address/prefix} in numeric form. Host names are refused, so
     * this never does a DNS lookup.
     */
    public static Inet parse(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            throw new IllegalArgumentException("not a numeric IP address: " + text);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
            if (host.contains(":") && address instanceof Inet4Address v4) {
                address = mappedV6(v4);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric IP address: " + text, e);
        }
        int prefix = slash < 0 ? maxPrefix(address) : Integer.parseInt(text, slash + 1, text.length(), 10);
        return new Inet(address, prefix);
    }

    /** The address of {@code bytes} (4 or 16), keeping IPv4-mapped IPv6 addresses IPv6. */
    public static InetAddress address(byte[] bytes) {
        try {
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    private static InetAddress mappedV6(Inet4Address v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xFF;
        b[11] = (byte) 0xFF;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        return address(b);
    }

    private static int maxPrefix(InetAddress address) {
        return address.getAddress().length * 8;
    }

    /** True for IPv6. */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** {@code address/prefix}, as PostgreSQL writes a cidr. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
