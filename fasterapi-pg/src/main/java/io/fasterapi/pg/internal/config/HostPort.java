package io.fasterapi.pg.internal.config;

/** One server address of a DSN. */
public record HostPort(String host, int port) {
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
