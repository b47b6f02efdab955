package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.SslMode;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * Builds the client TLS context for an sslmode, as libpq interprets it: {@code allow},
 * {@code prefer} and {@code require} encrypt without checking the certificate unless
 * {@code sslrootcert} is given (then the chain is checked, as libpq does); {@code verify-ca} checks
 * the chain; {@code verify-full} also checks the host name. Direct negotiation advertises the ALPN
 * protocol {@code postgresql}, which PG17+ requires.
 */
final class TlsContexts {
    private TlsContexts() {
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
            b.endpointIdentificationAlgorithm(config.sslMode() == SslMode.VERIFY_FULL ? "HTTPS" : null);
            if (config.sslNegotiationDirect()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "postgresql"));
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new PgConnectionException("cannot set up TLS (sslrootcert " + config.sslRootCert() + "): "
                    + e.getMessage(), e);
        }
    }
}
