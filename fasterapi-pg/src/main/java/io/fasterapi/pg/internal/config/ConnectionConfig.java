package io.fasterapi.pg.internal.config;

import io.fasterapi.pg.internal.codec.UserCodec;
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
 * @param minProtocolVersion  lowest protocol version accepted from NegotiateProtocolVersion, as
 *                            {@code major << 16 | minor} ({@code min_protocol_version}, default 3.0)
 * @param maxProtocolVersion  the version asked for in the StartupMessage ({@code max_protocol_version},
 *                            default 3.0; 3.2 brings PG18's long cancel keys)
 * @param extraStartupParams  other server settings sent in the StartupMessage (from {@code options} and unknown GUC-like keys)
 * @param channelBinding      whether SCRAM is bound to the TLS channel ({@code channel_binding}, default prefer)
 * @param keepalives          TCP keepalive and user-timeout settings of the session sockets ({@code keepalives*},
 *                            {@code tcp_user_timeout})
 * @param clientCertificate   the certificate to present to the server ({@code sslcert}, {@code sslkey},
 *                            {@code sslpassword}), or null
 * @param poolTimeouts        the pool's default deadlines given in the DSN ({@code command_timeout},
 *                            {@code acquire_timeout}); not used by a connection
 * @param codecs              users' codecs by type name ({@code PgPool.Builder.codec}); never from the DSN
 * @param loadBalanceHosts    whether each connection tries the hosts in a shuffled order ({@code load_balance_hosts=random})
 * @param transactionPooling  the hosts are a pooler in transaction mode, such as PgBouncer's {@code pool_mode=transaction}
 *                            ({@code pooler=transaction}): one unit (up to a Sync) in flight per connection, no
 *                            session features, no session reset ({@link TransactionPooling})
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
        int minProtocolVersion,
        int maxProtocolVersion,
        Map<String, String> extraStartupParams,
        ChannelBinding channelBinding,
        TcpKeepalives keepalives,
        TlsClientCertificate clientCertificate,
        PoolTimeouts poolTimeouts,
        Map<String, UserCodec> codecs,
        boolean loadBalanceHosts,
        boolean transactionPooling) {

    /** The default size of the per-connection prepared statement cache. */
    public static final int DEFAULT_STATEMENT_CACHE_SIZE = 256;
    /** Protocol 3.0, the only version before PostgreSQL 18. */
    public static final int PROTOCOL_3_0 = 3 << 16;
    /** Protocol 3.2 (PostgreSQL 18): cancel keys of up to 256 bytes. 3.1 was never used. */
    public static final int PROTOCOL_3_2 = 3 << 16 | 2;

    /** {@code "3.0"}, {@code "3.2"}: how libpq and the DSN keys spell a protocol version. */
    public static String protocolName(int version) {
        return (version >>> 16) + "." + (version & 0xFFFF);
    }

    public ConnectionConfig {
        hosts = List.copyOf(hosts);
        extraStartupParams = Map.copyOf(extraStartupParams);
        codecs = Map.copyOf(codecs);
    }

    /** A copy with another statement cache size. */
    public ConnectionConfig withStatementCacheSize(int size) {
        return new ConnectionConfig(hosts, user, password, database, applicationName, connectTimeout, sslMode,
                sslRootCert, sslNegotiationDirect, targetSessionAttrs, size, minProtocolVersion, maxProtocolVersion,
                extraStartupParams, channelBinding, keepalives, clientCertificate, poolTimeouts, codecs,
                loadBalanceHosts, transactionPooling);
    }

    /** A copy pointing at one host only (used when a connector settles on it). */
    public ConnectionConfig withHosts(List<HostPort> only) {
        return new ConnectionConfig(only, user, password, database, applicationName, connectTimeout, sslMode,
                sslRootCert, sslNegotiationDirect, targetSessionAttrs, statementCacheSize, minProtocolVersion,
                maxProtocolVersion, extraStartupParams, channelBinding, keepalives, clientCertificate, poolTimeouts,
                codecs, loadBalanceHosts, transactionPooling);
    }

    /** A copy whose connections use {@code byTypeName} for the types so named. */
    public ConnectionConfig withCodecs(Map<String, UserCodec> byTypeName) {
        return new ConnectionConfig(hosts, user, password, database, applicationName, connectTimeout, sslMode,
                sslRootCert, sslNegotiationDirect, targetSessionAttrs, statementCacheSize, minProtocolVersion,
                maxProtocolVersion, extraStartupParams, channelBinding, keepalives, clientCertificate, poolTimeouts,
                byTypeName, loadBalanceHosts, transactionPooling);
    }

    @Override
    public String toString() {
        return "postgres://" + user + (password != null ? ":***" : "") + "@" + String.join(",",
                hosts.stream().map(HostPort::toString).toList()) + "/" + database + "?sslmode="
                + sslMode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
