package io.fasterapi.pg.internal.config;

/** One server address of a DSN. */
public record HostPort(String host, int port) {
    // equals and hashCode written out: a record's generated ones link an invokedynamic call site on first
    // use, milliseconds of the first connection's login (HostHealth looks its host up then)
    @Override
    public boolean equals(Object o) {
        return o instanceof HostPort other && port == other.port && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return 31 * host.hashCode() + port;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
