package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Promise;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.auth.Md5Password;
import io.fasterapi.pg.internal.auth.ScramClient;
import io.fasterapi.pg.internal.config.ChannelBinding;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.config.TargetSessionAttrs;
import io.fasterapi.pg.internal.config.TransactionPooling;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login (55.2.1, "Start-up"), the first exchange on every connection: optional TLS
 * (SSLRequest or direct), StartupMessage, authentication (trust, cleartext, MD5,
 * SCRAM-SHA-256[-PLUS]), then the ParameterStatus/BackendKeyData burst until the first
 * ReadyForQuery, when the session is checked against {@code target_session_attrs}. Its
 * {@link #command()} is the first in the connection's queue and holds the writes until the login
 * is over; meanwhile the decoder hands it the server's answers as to any head exchange.
 *
 * <pre>
 *   QUEUED ──► [SSL_REQUESTED ──'S'──►] [TLS_HANDSHAKE ──►] AUTHENTICATING
 *          ──AuthenticationOk──► STARTING (ParameterStatus, BackendKeyData) ──ReadyForQuery──► DONE
 *   any phase ──ErrorResponse, refused TLS or authentication, broken connection──► FAILED
 * </pre>
 *
 * <p>Each login message is written and flushed at once: the server answers it before anything else
 * can be sent. Once failed, the login ignores what the decoder still has buffered (no password
 * goes out after a failure). Runs on the connection's event loop.
 */
final class Login extends Exchange {
    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);
    private static final int AUTH_OK = 0;
    private static final int AUTH_CLEARTEXT = 3;
    private static final int AUTH_MD5 = 5;
    private static final int AUTH_SASL = 10;
    private static final int AUTH_SASL_CONTINUE = 11;
    private static final int AUTH_SASL_FINAL = 12;

    private enum Phase { QUEUED, SSL_REQUESTED, TLS_HANDSHAKE, AUTHENTICATING, STARTING, DONE, FAILED }

    private final ConnectionConfig config;
    private final HostPort host;
    private final ClientTlsContext tls;
    private final boolean useTls;
    private final TargetSessionAttrs attrs;
    private final HostHealth health;
    private final Promise<PgConnection> promise;
    private final Start start = new Start();
    private Phase phase = Phase.QUEUED;
    private PgConnection connection;
    private SessionState session;
    private Channel channel;
    private X509Certificate serverCert;
    private ScramClient scram;

    /**
     * @param tls    the pool's client TLS context, built when this login first asks for TLS
     * @param useTls whether to ask for TLS (prefer and stronger, or allow on its second try)
     */
    Login(ConnectionConfig config, HostPort host, ClientTlsContext tls, boolean useTls, TargetSessionAttrs attrs,
            HostHealth health, Promise<PgConnection> promise) {
        this.config = config;
        this.host = host;
        this.tls = tls;
        this.useTls = useTls;
        this.attrs = attrs;
        this.health = health;
        this.promise = promise;
    }

    /** The command that queues the login first on its connection. */
    @Override
    Command command() {
        return start;
    }

    /** Whether the login opens with an SSLRequest, so that the server's first byte answers it. */
    boolean sendsSslRequest() {
        return useTls && !config.sslNegotiationDirect();
    }

    /** The login's turn in the queue: the channel is active. */
    private final class Start extends Command {
        Start() {
            super(0);
        }

        @Override
        void write(PgConnection c) {
            connection = c;
            session = c.session();
            channel = c.channel();
            c.pipeline().sent(Login.this);
            c.pipeline().holdWritesFor(this);
            if (useTls && config.sslNegotiationDirect()) {
                startTls();
            } else if (useTls) {
                phase = Phase.SSL_REQUESTED;
                send(FrontendMessages::sslRequest);
            } else {
                sendStartup();
            }
        }

        @Override
        void fail(Throwable cause) {
            Login.this.fail(cause);
        }

        @Override
        boolean isDone() {
            return promise.isDone();
        }

        @Override
        String describe() {
            return "login to " + host;
        }
    }

    @Override
    public void sslResponse(byte answer, boolean moreBytesBuffered) {
        if (moreBytesBuffered) {
            // Bytes after the answer and before the handshake could be injected by a man in the middle (CVE-2021-23222).
            fail(new PgConnectionException("server sent unencrypted data after its SSL response; refusing to continue"));
        } else if (answer == 'S') {
            startTls();
        } else if (answer == 'N') {
            if (config.sslMode().requiresTls()) {
                fail(new PgConnectionException(host + " does not accept TLS, but sslmode=" + config.sslMode().libpqName()
                        + " requires it"));
            } else {
                sendStartup();
            }
        } else {
            fail(new PgConnectionException("unexpected answer '" + (char) answer + "' to SSLRequest from " + host));
        }
    }

    // The context is built on first use, off the loop: a login that comes before it is ready resumes on its
    // loop once it is (unless the login failed meanwhile: the connect timeout, the channel closed).
    private void startTls() {
        phase = Phase.TLS_HANDSHAKE;
        CompletableFuture<SslContext> context = tls.get();
        if (context.isDone()) {
            handshake(context);
        } else {
            context.whenComplete((ctx, e) -> channel.eventLoop().execute(() -> {
                if (!promise.isDone()) {
                    handshake(context);
                }
            }));
        }
    }

    private void handshake(CompletableFuture<SslContext> context) {
        SslContext ctx;
        try {
            ctx = ClientTlsContext.join(context);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        SslHandler handler = ctx.newHandler(channel.alloc(), host.host(), host.port());
        channel.pipeline().addFirst("tls", handler);
        handler.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                fail(new PgConnectionException(tlsFailure(f.cause()), f.cause()));
                return;
            }
            // Before the StartupMessage: not one byte of ours may reach a server of another protocol.
            PgConnectionException refused = config.sslNegotiationDirect() ? TlsContexts.alpnRefusal(handler, host) : null;
            if (refused != null) {
                fail(refused);
                return;
            }
            Certificate[] certs = handler.engine().getSession().getPeerCertificates();
            if (certs.length > 0 && certs[0] instanceof X509Certificate x) {
                serverCert = x;
            }
            session.tlsEstablished(ctx, config.sslNegotiationDirect());
            sendStartup();
        });
    }

    private String tlsFailure(Throwable cause) {
        boolean closed = cause instanceof java.nio.channels.ClosedChannelException || cause.getMessage() == null;
        String why = closed ? "the server closed the connection during the handshake" : cause.getMessage();
        String msg = "TLS handshake with " + host + " failed: " + why;
        if (config.sslNegotiationDirect() && closed) {
            // A server before 17 reads the ClientHello as a startup packet of absurd length and hangs up.
            msg += "; sslnegotiation=direct needs PostgreSQL 17 or newer (older servers hang up on a direct"
                    + " TLS hello): use sslnegotiation=postgres for this server";
        } else if (config.sslNegotiationDirect() && noApplicationProtocolAlert(cause)) {
            // An ALPN-aware server of another protocol (an HTTPS server, a TLS proxy set up for one) turns
            // "postgresql" down with alert 120 (RFC 7301, section 3.2) instead of selecting nothing.
            msg += "; the server refused ALPN protocol \"postgresql\", which sslnegotiation=direct offers and"
                    + " PostgreSQL 17+ selects: it, or a TLS proxy in front of it, serves another protocol. Check the"
                    + " host and port, or have the proxy accept ALPN \"postgresql\"";
        }
        return msg;
    }

    /** The JDK says "(no_application_protocol) Received fatal alert: ...", OpenSSL "no application protocol". */
    private static boolean noApplicationProtocolAlert(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.replace('_', ' ').contains("no application protocol")) {
                return true;
            }
        }
        return false;
    }

    private void sendStartup() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", config.user());
        params.put("database", config.database());
        if (config.applicationName() != null) {
            params.put("application_name", config.applicationName());
        }
        params.put("client_encoding", "UTF8");
        params.put("DateStyle", "ISO");
        params.putAll(config.extraStartupParams());
        phase = Phase.AUTHENTICATING;
        session.protocolVersion(config.maxProtocolVersion());
        send(b -> FrontendMessages.startup(b, config.maxProtocolVersion(), params));
    }

    /**
     * NegotiateProtocolVersion (55.2.1): the server speaks an older minor version than we asked
     * for. Continue on it when {@code min_protocol_version} allows, as libpq 18 does; anything else
     * in the message (another major version, a newer minor, options we never sent) is a protocol
     * violation.
     */
    @Override
    public void negotiateProtocolVersion(int newestVersion, List<String> unsupportedOptions) {
        log.debug("{} answered NegotiateProtocolVersion {} (unsupported options {})", host,
                ConnectionConfig.protocolName(newestVersion), unsupportedOptions);
        if (phase == Phase.FAILED) {
            return;
        }
        int asked = config.maxProtocolVersion();
        // Every released server sends major << 16 | minor; the documentation long said "minor": take both.
        int offered = newestVersion >= 0 && newestVersion < 0x10000 ? 3 << 16 | newestVersion : newestVersion;
        if (!unsupportedOptions.isEmpty()) {
            fail(new PgConnectionException("protocol error: " + host + " reports unsupported protocol options "
                    + unsupportedOptions + ", but this driver sent none"));
        } else if (offered >>> 16 != 3 || offered > asked || offered == (3 << 16 | 1)) {
            fail(new PgConnectionException("protocol error: " + host + " offered protocol version "
                    + ConnectionConfig.protocolName(offered) + " in NegotiateProtocolVersion after we asked for "
                    + ConnectionConfig.protocolName(asked)));
        } else if (offered < config.minProtocolVersion()) {
            fail(new PgConnectionException(host + " speaks protocol " + ConnectionConfig.protocolName(offered)
                    + " at most, but min_protocol_version=" + ConnectionConfig.protocolName(config.minProtocolVersion())
                    + " (max_protocol_version=" + ConnectionConfig.protocolName(asked) + ") requires more;"
                    + " protocol 3.2 needs PostgreSQL 18 or newer. Lower min_protocol_version to 3.0 to connect."));
        } else {
            session.protocolVersion(offered);
        }
    }

    /** BackendKeyData: a 3.0 session's key is exactly 4 bytes (3.2 allows 4 to 256). */
    @Override
    public void backendKeyData(int processId, byte[] key) {
        if (session.protocolVersionNumber() == ConnectionConfig.PROTOCOL_3_0 && key.length != 4) {
            fail(new PgConnectionException("protocol error: " + host + " sent a " + key.length
                    + "-byte cancel key on protocol 3.0, which has 4-byte keys"));
            return;
        }
        session.cancelKey(processId, key);
    }

    @Override
    public void authentication(int code, ByteBuf body) {
        if (phase == Phase.FAILED) {
            return;
        }
        try {
            if (config.channelBinding() == ChannelBinding.REQUIRE) {
                requireChannelBinding(code);
            }
            switch (code) {
                case AUTH_OK -> phase = Phase.STARTING;
                case AUTH_CLEARTEXT -> {
                    session.authMechanism("password");
                    send(b -> FrontendMessages.password(b, password().getBytes(StandardCharsets.UTF_8)));
                }
                case AUTH_MD5 -> {
                    session.authMechanism("md5");
                    byte[] salt = new byte[4];
                    body.readBytes(salt);
                    send(b -> FrontendMessages.password(b, Md5Password.hash(config.user(), password(), salt)));
                }
                case AUTH_SASL -> {
                    List<String> mechanisms = new ArrayList<>();
                    while (body.isReadable()) {
                        int nul = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
                        String m = body.toString(body.readerIndex(), nul - body.readerIndex(), StandardCharsets.UTF_8);
                        body.readerIndex(nul + 1);
                        if (!m.isEmpty()) {
                            mechanisms.add(m);
                        }
                    }
                    scram = new ScramClient(password(), mechanisms, serverCert, config.channelBinding());
                    session.authMechanism(scram.mechanism());
                    byte[] first = scram.clientFirstMessage();
                    send(b -> FrontendMessages.saslInitialResponse(b, scram.mechanism(), first));
                }
                case AUTH_SASL_CONTINUE -> {
                    byte[] serverFirst = new byte[body.readableBytes()];
                    body.readBytes(serverFirst);
                    byte[] fin = scram.clientFinalMessage(serverFirst);
                    send(b -> FrontendMessages.saslResponse(b, fin));
                }
                case AUTH_SASL_FINAL -> {
                    byte[] serverFinal = new byte[body.readableBytes()];
                    body.readBytes(serverFinal);
                    scram.verifyServerFinal(serverFinal);
                }
                default -> throw new PgConnectionException("the server asks for authentication method " + code
                        + " (Kerberos/GSSAPI/SSPI), which this driver does not support");
            }
        } catch (PgException e) {
            fail(e);
        }
    }

    /**
     * libpq's checks for {@code channel_binding=require}: no password, MD5 hash or trust login may
     * stand in for a SCRAM-SHA-256-PLUS exchange, which is what proves no proxy holds the TLS session.
     */
    private void requireChannelBinding(int code) {
        if (code == AUTH_CLEARTEXT || code == AUTH_MD5) {
            throw new PgConnectionException("channel_binding=require, but " + host + " asks for "
                    + (code == AUTH_MD5 ? "an MD5" : "a cleartext") + " password instead of SCRAM-SHA-256-PLUS;"
                    + " nothing was sent");
        }
        boolean bound = scram != null && scram.mechanism().equals(ScramClient.SCRAM_SHA_256_PLUS);
        if (code == AUTH_OK && !bound) {
            throw new PgConnectionException("channel_binding=require, but " + host
                    + " accepted the login without SCRAM-SHA-256-PLUS (trust or another method)");
        }
    }

    private String password() {
        if (config.password() == null) {
            throw new PgConnectionException(host + " asks user " + config.user() + " for a password, but none was given");
        }
        return config.password();
    }

    private void send(Consumer<ByteBuf> writer) {
        ByteBuf b = channel.alloc().ioBuffer(128);
        writer.accept(b);
        channel.writeAndFlush(b);
    }

    @Override
    void error(PgException e) {
        fail(TransactionPooling.explainLoginError(e));
    }

    @Override
    void readyForQuery(PgConnection c, char status) {
        if (phase == Phase.FAILED) {
            return;
        }
        boolean hotStandby = "on".equals(session.parameter("in_hot_standby"));
        boolean readOnly = hotStandby || "on".equals(session.parameter("default_transaction_read_only"));
        health.loggedIn(host, hotStandby, readOnly);
        if (!attrs.accepts(hotStandby, readOnly)) {
            fail(new TargetMismatchException(host + " does not match target_session_attrs="
                    + attrs.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
            return;
        }
        phase = Phase.DONE;
        c.loggedIn();
        c.pipeline().releaseWrites(start);
        if (!promise.complete(c)) {
            c.close(); // the connect timeout won the race
        }
    }

    /**
     * Fails the login and closes the channel; called at most once effectively. Messages the
     * decoder still has buffered are ignored from here on (no password goes out after a failure).
     */
    @Override
    void fail(Throwable e) {
        phase = Phase.FAILED;
        promise.fail(e);
        if (channel != null) {
            channel.close();
        }
    }
}
