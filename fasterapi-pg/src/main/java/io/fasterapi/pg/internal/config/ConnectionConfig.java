package io.fasterapi.pg.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to open a connection, parsed once from a DSN by {@link DsnParser}. Immutable.
 * {@link #toString()} masks the password.
 *
 * @param hosts               servers to try, in order
 * @param user                login role
 * @param password            password, or null
 * @param database            database name
 * @param applicationName     reported to the server, or null
 * @param connectTimeout      per-host connect-and-login timeout
 * @param sslMode             TLS policy
 * @param sslRootCert         PEM file of trusted roots, or null
 * @param sslNegotiationDirect TLS handshake without SSLRequest (PG17+), needs sslmode require or stronger
 * @param targetSessionAttrs  which host is acceptable
 * @param statementCacheSize  prepared statements kept per connection (0 = off, for PgBouncer)
 * @param extraStartupParams  other server settings sent in the StartupMessage (from {@code options} and unknown GUC-like keys)
 */
public record ConnectionConfig(
        List<HostPort> hosts,
        String user,
        String password,
        String database,
        String applicationName,
        Duration connectTimeout,
        SslMode sslMode,
        String sslRootCert,
        boolean sslNegotiationDirect,
        TargetSessionAttrs targetSessionAttrs,
        int statementCacheSize,
        Map<String, String> extraStartupParams) {

    /** The default size of the per-connection prepared statement cache. */
    public static final int DEFAULT_STATEMENT_CACHE_SIZE = 256;

    public ConnectionConfig {
        hosts = List.copyOf(hosts);
        extraStartupParams = Map.copyOf(extraStartupParams);
    }

    /** A copy with another statement cache size. */
    public ConnectionConfig withStatementCacheSize(int size) {
        return new ConnectionConfig(hosts, user, password, database, applicationName, connectTimeout, sslMode,
                sslRootCert, sslNegotiationDirect, targetSessionAttrs, size, extraStartupParams);
    }

    /** A copy pointing at one host only (used when a connector settles on it). */
    public ConnectionConfig withHosts(List<HostPort> only) {
        return new ConnectionConfig(only, user, password, database, applicationName, connectTimeout, sslMode,
                sslRootCert, sslNegotiationDirect, targetSessionAttrs, statementCacheSize, extraStartupParams);
    }

    @Override
    public String toString() {
        return "postgres://" + user + (password != null ? ":***" : "") + "@" + String.join(",",
                hosts.stream().map(HostPort::toString).toList()) + "/" + database + "?sslmode="
                + sslMode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
