package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgNotice;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.TargetSessionAttrs;
import io.fasterapi.pg.internal.protocol.SessionMessageHandler;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server session is, apart from any one exchange: what the login settled (protocol
 * version, authentication, TLS, the cancel key), the server parameters it reports
 * (ParameterStatus), the transaction status of the last ReadyForQuery, its notification and
 * notice listeners, and whether a statement left state behind for the pool to reset. Receives the
 * asynchronous messages of 55.2.7 from the decoder.
 *
 * <p>Thread ownership: confined to the connection's event loop, except the fields marked volatile
 * (read by any thread once login is over) and the notice listeners (a copy-on-write list).
 */
public final class SessionState implements SessionMessageHandler {
    private static final Logger log = LoggerFactory.getLogger(SessionState.class);

    private final PgConnection connection;
    private final PreparedStatements statements;
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, List<Consumer<PgNotification>>> listeners = new HashMap<>();
    private final List<Consumer<PgNotice>> noticeListeners = new CopyOnWriteArrayList<>();
    private volatile char transactionStatus = 'I';
    /** A statement changed session state that a pool must reset before reuse (SET, LISTEN...). */
    private boolean touched;
    private int processId;
    private byte[] secretKey;
    private volatile int protocolVersion = ConnectionConfig.PROTOCOL_3_0;
    private volatile String authMechanism = "trust";
    /** The session's TLS context when it runs over TLS (its cancels do too), else null. */
    private volatile SslContext tls;
    private boolean tlsDirect;
    /** The server's {@code in_hot_standby} and the session's read-only state as last reported (PostgreSQL 14+). */
    private volatile boolean hotStandby;
    private volatile boolean readOnly;

    SessionState(PgConnection connection, PreparedStatements statements) {
        this.connection = connection;
        this.statements = statements;
    }

    // ------------------------------------------------------------------ what the login settled

    /** The protocol version the session runs on, {@code "3.0"} or {@code "3.2"}. Any thread, after login. */
    public String protocolVersion() {
        return ConnectionConfig.protocolName(protocolVersion);
    }

    int protocolVersionNumber() {
        return protocolVersion;
    }

    void protocolVersion(int version) {
        protocolVersion = version;
    }

    /**
     * How the login authenticated: {@code trust}, {@code password}, {@code md5},
     * {@code SCRAM-SHA-256} or {@code SCRAM-SHA-256-PLUS}. Any thread, after login.
     */
    public String authMechanism() {
        return authMechanism;
    }

    void authMechanism(String mechanism) {
        authMechanism = mechanism;
    }

    /** The TLS handshake succeeded: later cancels negotiate TLS the same way. Loop only. */
    void tlsEstablished(SslContext context, boolean direct) {
        tls = context;
        tlsDirect = direct;
    }

    /** True when the session runs over TLS. Any thread, after login. */
    public boolean usesTls() {
        return tls != null;
    }

    SslContext tls() {
        return tls;
    }

    boolean tlsDirect() {
        return tlsDirect;
    }

    /** BackendKeyData, accepted by the login: what a CancelRequest names. Loop only. */
    void cancelKey(int pid, byte[] key) {
        processId = pid;
        secretKey = key;
    }

    int processId() {
        return processId;
    }

    /** The cancel key, or null before BackendKeyData. Loop only. */
    byte[] secretKey() {
        return secretKey;
    }

    /** Length of the cancel key from BackendKeyData (4 on 3.0; PG18 on 3.2 sends 32). Loop only. */
    public int cancelKeyLength() {
        return secretKey == null ? 0 : secretKey.length;
    }

    // ------------------------------------------------------------------ as the session goes on

    /** A server parameter reported by ParameterStatus (server_version, TimeZone...). Loop only. */
    String parameter(String name) {
        return parameters.get(name);
    }

    /** Transaction status from the last ReadyForQuery: I idle, T in a transaction, E failed transaction. */
    char transactionStatus() {
        return transactionStatus;
    }

    void transactionStatus(char status) {
        transactionStatus = status;
    }

    /**
     * A CommandComplete tag that may have changed the session (the caller filters on the first
     * letter, so SELECT and INSERT stay cheap).
     */
    void noteCommand(String tag) {
        switch (tag) {
            case "DISCARD ALL", "DEALLOCATE ALL" -> statements.clearAll();
            case "SET", "RESET", "LISTEN", "DECLARE CURSOR" -> touched = true;
            default -> { }
        }
    }

    /** See {@link PgConnection#sessionTouched()}. */
    boolean touched() {
        return touched || !listeners.isEmpty() || !noticeListeners.isEmpty();
    }

    /** Forgets the listeners of the previous user; the pool has reset the server side. Loop only. */
    void reset() {
        listeners.clear();
        noticeListeners.clear();
        touched = false;
    }

    /** Adds a notification handler for {@code channel}; true when it is the first (LISTEN is to be sent). Loop only. */
    boolean addListener(String channel, Consumer<PgNotification> handler) {
        List<Consumer<PgNotification>> list = listeners.computeIfAbsent(channel, k -> new ArrayList<>());
        list.add(handler);
        return list.size() == 1;
    }

    /** Drops the handlers of {@code channel}. Loop only. */
    void removeListeners(String channel) {
        listeners.remove(channel);
    }

    /** Adds a notice listener. Any thread. */
    void addNoticeListener(Consumer<PgNotice> listener) {
        noticeListeners.add(listener);
    }

    /**
     * Whether the session, as the server last reported it, still matches the connection's
     * {@code target_session_attrs} (a standby promoted, a primary turned read-only by
     * {@code default_transaction_read_only} or demoted): always for {@code any} and
     * {@code prefer-standby}. Any thread.
     */
    public boolean fitsTarget() {
        TargetSessionAttrs attrs = connection.config().targetSessionAttrs();
        return attrs == TargetSessionAttrs.ANY || attrs == TargetSessionAttrs.PREFER_STANDBY
                || attrs.accepts(hotStandby, readOnly);
    }

    // ------------------------------------------------------------------ asynchronous messages (55.2.7)

    @Override
    public void parameterStatus(String name, String value) {
        parameters.put(name, value);
        if (name.equals("in_hot_standby") || name.equals("default_transaction_read_only")) {
            hotStandby = "on".equals(parameters.get("in_hot_standby"));
            readOnly = hotStandby || "on".equals(parameters.get("default_transaction_read_only"));
        }
        if (name.equals("client_encoding") && !value.equalsIgnoreCase("UTF8")) {
            connection.breakWith(new PgConnectionException("the server set client_encoding to " + value
                    + "; this driver only speaks UTF8, so the connection is closed"));
        } else if (name.equals("DateStyle") && !value.startsWith("ISO")) {
            connection.breakWith(new PgConnectionException("the server set DateStyle to " + value
                    + "; this driver needs ISO, so the connection is closed"));
        }
    }

    @Override
    public void noticeResponse(Map<Character, String> fields) {
        PgNotice notice = new PgNotice(fields.getOrDefault('V', fields.get('S')), fields.get('C'), fields.get('M'),
                Map.copyOf(fields));
        log.info("server notice {} {}: {}", notice.severity(), notice.code(), notice.message());
        for (Consumer<PgNotice> l : noticeListeners) {
            try {
                l.accept(notice);
            } catch (RuntimeException ex) {
                log.warn("notice listener failed", ex);
            }
        }
    }

    @Override
    public void notification(int pid, String channelName, String payload) {
        List<Consumer<PgNotification>> list = listeners.get(channelName);
        if (list == null) {
            return;
        }
        PgNotification n = new PgNotification(pid, channelName, payload);
        for (Consumer<PgNotification> l : List.copyOf(list)) {
            try {
                l.accept(n);
            } catch (RuntimeException ex) {
                log.warn("notification handler for {} failed", channelName, ex);
            }
        }
    }
}
