package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.config.SslMode;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * Builds the client TLS context for an sslmode, as libpq interprets it: {@code allow},
 * {@code prefer} and {@code require} encrypt without checking the certificate unless
 * {@code sslrootcert} is given (then the chain is checked, as libpq does); {@code verify-ca} checks
 * the chain; {@code verify-full} also checks the host name. Direct negotiation advertises the ALPN
 * protocol {@code postgresql}, which PG17+ requires, and {@link #alpnRefusal} is the check, after the
 * handshake, that the server selected it. A client certificate ({@code sslcert}, {@code sslkey},
 * {@code sslpassword}) is read here too ({@link ClientKeyMaterial}) and offered when the server asks
 * ({@code cert} authentication, {@code clientcert=verify-ca|verify-full}).
 */
final class TlsContexts {
    /** The ALPN protocol id of PostgreSQL (IANA-registered; what PostgreSQL 17+ selects). */
    static final String POSTGRESQL_ALPN = "postgresql";

    private TlsContexts() {
    }

    /**
     * libpq's check after a direct handshake (fe-secure-openssl.c, "direct SSL connection was
     * established without ALPN protocol negotiation extension"): PostgreSQL 17+ selects
     * {@code postgresql}, so a server that selected nothing, or something else, is not one, or a TLS
     * proxy in between drops ALPN. Without an SSLRequest nothing else tells a PostgreSQL server from
     * a TLS server of another protocol, which could be made to read our StartupMessage, password or
     * cancel key (ALPACA-style cross-protocol attacks), so the caller must send nothing and close.
     * Only for direct negotiation: after an SSLRequest answered 'S' the server was asked in the
     * PostgreSQL protocol, and PostgreSQL does not require ALPN there. Runs on the event loop.
     *
     * @return null when the server selected {@code postgresql}, else the failure to report
     */
    static PgConnectionException alpnRefusal(SslHandler handshaken, HostPort host) {
        String selected = handshaken.applicationProtocol();
        if (POSTGRESQL_ALPN.equals(selected)) {
            return null;
        }
        String what = selected == null || selected.isEmpty()
                ? host + " did not select ALPN protocol \"postgresql\""
                : host + " selected ALPN protocol \"" + selected + "\", not \"postgresql\",";
        return new PgConnectionException(what + " on a direct TLS connection (sslnegotiation=direct); nothing was"
                + " sent. PostgreSQL 17 and newer select it: this server is not one, or something in between (a TLS"
                + " proxy or load balancer) strips ALPN. Use sslnegotiation=postgres for this server, or have the"
                + " proxy pass ALPN \"postgresql\" on");
    }

    static SslContext forConfig(ConnectionConfig config) {
        if (config.sslMode() == SslMode.DISABLE) {
            return null;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (config.sslRootCert() != null) {
                b.trustManager(new File(config.sslRootCert()));
            } else {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (config.clientCertificate() != null) {
                ClientKeyMaterial client = ClientKeyMaterial.load(config.clientCertificate());
                b.keyManager(client.key, client.chain);
            }
            b.endpointIdentificationAlgorithm(config.sslMode() == SslMode.VERIFY_FULL ? "HTTPS" : null);
            if (config.sslNegotiationDirect()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, POSTGRESQL_ALPN));
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new PgConnectionException("cannot set up TLS (sslrootcert " + config.sslRootCert() + "): "
                    + e.getMessage(), e);
        }
    }
}
