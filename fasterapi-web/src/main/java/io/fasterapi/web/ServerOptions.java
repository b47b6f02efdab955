package io.fasterapi.web;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * Limits and settings of the HTTP server, validated when built. Defaults:
 *
 * <table>
 * <caption>Defaults and what exceeding them does</caption>
 * <tr><th>setting</th><th>default</th><th>when exceeded</th></tr>
 * <tr><td>{@link Builder#host}</td><td>{@code 127.0.0.1}</td><td>the address listened on: loopback only unless told
 * otherwise, as uvicorn does; {@code 0.0.0.0} (or {@code ::}) listens on every interface</td></tr>
 * <tr><td>{@link Builder#maxInitialLineLength}</td><td>8 KiB</td><td>414 URI Too Long, connection closed (RFC 9110 §15.5.15)</td></tr>
 * <tr><td>{@link Builder#maxHeaderSize}</td><td>16 KiB</td><td>431, connection closed (RFC 6585 §5)</td></tr>
 * <tr><td>{@link Builder#maxBodySize}</td><td>10 MiB</td><td>413 (RFC 9110 §15.5.14)</td></tr>
 * <tr><td>{@link Builder#maxStreamedBodySize}</td><td>1 GiB</td><td>413; a chunked body growing past it fails the handler's stream, then 413 and the connection closed</td></tr>
 * <tr><td>{@link Builder#requestTimeout}</td><td>30 s</td><td>a request not fully received in time: connection closed</td></tr>
 * <tr><td>{@link Builder#handlerTimeout}</td><td>30 s</td><td>the handler has not answered: 504, its late result discarded; its queries through a request's {@code Pg} share the deadline</td></tr>
 * <tr><td>{@link Builder#idleTimeout}</td><td>60 s</td><td>a keep-alive connection with nothing in flight: closed</td></tr>
 * <tr><td>{@link Builder#maxConnections}</td><td>10,000</td><td>new connections closed at once</td></tr>
 * <tr><td>{@link Builder#compressionThreshold}</td><td>1 KiB</td><td>bodies at least this long are gzipped when the client accepts it; -1 disables</td></tr>
 * <tr><td>{@link Builder#uploadMemoryThreshold}</td><td>1 MiB</td><td>a multipart part this large continues in a temporary file</td></tr>
 * <tr><td>{@link Builder#maxFormParts}</td><td>1,000</td><td>400 (Starlette's limit on fields and files)</td></tr>
 * <tr><td>{@link Builder#maxWebSocketFrameSize}</td><td>1 MiB</td><td>the WebSocket is closed with 1009 (message too big)</td></tr>
 * <tr><td>{@link Builder#webSocketCloseTimeout}</td><td>2 s</td><td>a peer that does not answer the server's Close frame: TCP connection closed</td></tr>
 * <tr><td>{@link Builder#maxJsonNestingDepth}</td><td>64</td><td>422 {@code json_invalid}, read no further (no deep recursion, no stack overflow)</td></tr>
 * <tr><td>{@link Builder#maxPendingBackgroundTasks}</td><td>10,000 per core</td><td>{@link BackgroundTasks#add} answers 503</td></tr>
 * <tr><td>{@link Builder#drainDelay}</td><td>0</td><td>on a graceful stop, the time the server keeps serving (new
 * connections too) with {@code /ready} answering 503 before it closes its listener, so a load balancer sees the 503 first</td></tr>
 * <tr><td>{@link Builder#accessLog}</td><td>off</td><td>on: a line per request to the SLF4J logger
 * {@code io.fasterapi.web.access}, {@link Builder#accessLogFormat} ({@code TEXT} or {@code JSON}) at
 * {@link Builder#accessLogLevel} ({@code INFO})</td></tr>
 * </table>
 *
 * <p>{@code maxBodySize} bounds the bodies the server gathers before the handler runs (JSON, forms,
 * raw bytes). A route that takes its body as an {@code InputStream} (see {@link Body}) gets it while
 * it arrives, with at most about 128 KiB of it in memory whatever its size: {@code maxBodySize} does
 * not apply, {@code maxStreamedBodySize} does. While such a body arrives, the request timeout
 * measures the silence since its last bytes (not counting time the server paused reading for a slow
 * handler) instead of the whole request's time.
 *
 * <p>{@code maxBodySize} bounds multipart bodies too, but they are never held whole in memory: at
 * most {@code uploadMemoryThreshold} per part is (see {@link UploadFile}). Temporary files go to
 * {@link Builder#uploadDirectory} (default: {@code java.io.tmpdir}).
 *
 * <p>Timeouts are timers on the connection's event loop: a slow or stalled client never holds a
 * thread.
 */
public final class ServerOptions {
    private final String host;
    private final int maxInitialLineLength;
    private final int maxHeaderSize;
    private final int maxBodySize;
    private final long maxStreamedBodySize;
    private final Duration requestTimeout;
    private final Duration handlerTimeout;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final int compressionThreshold;
    private final boolean accessLog;
    private final AccessLogFormat accessLogFormat;
    private final Level accessLogLevel;
    private final String serverName;
    private final long uploadMemoryThreshold;
    private final int maxFormParts;
    private final java.nio.file.Path uploadDirectory;
    private final int maxWebSocketFrameSize;
    private final Duration webSocketCloseTimeout;
    private final int maxJsonNestingDepth;
    private final int maxPendingBackgroundTasks;
    private final Duration drainDelay;

    private ServerOptions(Builder b) {
        this.host = b.host;
        this.maxInitialLineLength = b.maxInitialLineLength;
        this.maxHeaderSize = b.maxHeaderSize;
        this.maxBodySize = b.maxBodySize;
        this.maxStreamedBodySize = b.maxStreamedBodySize;
        this.requestTimeout = b.requestTimeout;
        this.handlerTimeout = b.handlerTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxConnections = b.maxConnections;
        this.compressionThreshold = b.compressionThreshold;
        this.accessLog = b.accessLog;
        this.accessLogFormat = b.accessLogFormat;
        this.accessLogLevel = b.accessLogLevel;
        this.serverName = b.serverName;
        this.uploadMemoryThreshold = b.uploadMemoryThreshold;
        this.maxFormParts = b.maxFormParts;
        this.uploadDirectory = b.uploadDirectory;
        this.maxWebSocketFrameSize = b.maxWebSocketFrameSize;
        this.webSocketCloseTimeout = b.webSocketCloseTimeout;
        this.maxPendingBackgroundTasks = b.maxPendingBackgroundTasks;
        this.maxJsonNestingDepth = b.maxJsonNestingDepth;
        this.drainDelay = b.drainDelay;
    }

    /** The defaults listed above. */
    public static ServerOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address to bind; default {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** Longest accepted request line, in bytes. */
    public int maxInitialLineLength() {
        return maxInitialLineLength;
    }

    /** Largest accepted header block, in bytes. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** Largest accepted request body, in bytes. */
    public int maxBodySize() {
        return maxBodySize;
    }

    /** Largest accepted request body of a route that reads it as a stream, in bytes. */
    public long maxStreamedBodySize() {
        return maxStreamedBodySize;
    }

    /** Time allowed from a request's first byte to its last. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Time a handler has to answer, from when the request was received; {@link Duration#ZERO} for none. */
    public Duration handlerTimeout() {
        return handlerTimeout;
    }

    /** Time a connection with nothing in flight may stay silent. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Most open connections at once. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Smallest body gzipped, in bytes; -1 when compression is off. */
    public int compressionThreshold() {
        return compressionThreshold;
    }

    /** Whether each request is logged to the SLF4J logger {@code io.fasterapi.web.access}. */
    public boolean accessLog() {
        return accessLog;
    }

    /** The access log's form: a text line, or a JSON object per line. */
    public AccessLogFormat accessLogFormat() {
        return accessLogFormat;
    }

    /** The level the access log writes at. */
    public Level accessLogLevel() {
        return accessLogLevel;
    }

    /** The {@code Server} header's value. */
    public String serverName() {
        return serverName;
    }

    /** Largest multipart part kept in memory, in bytes; larger parts continue in a temporary file. */
    public long uploadMemoryThreshold() {
        return uploadMemoryThreshold;
    }

    /** Most parts (fields and files) of a multipart body. */
    public int maxFormParts() {
        return maxFormParts;
    }

    /** Where uploads' temporary files go, or null for {@code java.io.tmpdir}. */
    public java.nio.file.Path uploadDirectory() {
        return uploadDirectory;
    }

    /** Largest WebSocket message (a frame, or fragments joined), in bytes. */
    public int maxWebSocketFrameSize() {
        return maxWebSocketFrameSize;
    }

    /** How long the server waits for the peer's Close frame after sending its own. */
    public Duration webSocketCloseTimeout() {
        return webSocketCloseTimeout;
    }

    /** Deepest nesting of arrays and objects accepted in a JSON request body. */
    public int maxJsonNestingDepth() {
        return maxJsonNestingDepth;
    }

    /** Most background tasks one core holds added and not yet finished. */
    public int maxPendingBackgroundTasks() {
        return maxPendingBackgroundTasks;
    }

    /** How long a graceful stop keeps serving with {@code /ready} at 503 before it closes the listener. */
    public Duration drainDelay() {
        return drainDelay;
    }

    /** A builder holding these options, to change some of them (every setting is copied). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.maxInitialLineLength = maxInitialLineLength;
        b.maxHeaderSize = maxHeaderSize;
        b.maxBodySize = maxBodySize;
        b.maxStreamedBodySize = maxStreamedBodySize;
        b.requestTimeout = requestTimeout;
        b.handlerTimeout = handlerTimeout;
        b.idleTimeout = idleTimeout;
        b.maxConnections = maxConnections;
        b.compressionThreshold = compressionThreshold;
        b.accessLog = accessLog;
        b.accessLogFormat = accessLogFormat;
        b.accessLogLevel = accessLogLevel;
        b.serverName = serverName;
        b.uploadMemoryThreshold = uploadMemoryThreshold;
        b.maxFormParts = maxFormParts;
        b.uploadDirectory = uploadDirectory;
        b.maxWebSocketFrameSize = maxWebSocketFrameSize;
        b.webSocketCloseTimeout = webSocketCloseTimeout;
        b.maxJsonNestingDepth = maxJsonNestingDepth;
        b.maxPendingBackgroundTasks = maxPendingBackgroundTasks;
        b.drainDelay = drainDelay;
        return b;
    }

    /** Builds {@link ServerOptions}; every setter checks its argument. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int maxInitialLineLength = 8 * 1024;
        private int maxHeaderSize = 16 * 1024;
        private int maxBodySize = 10 * 1024 * 1024;
        private long maxStreamedBodySize = 1L << 30;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration handlerTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxConnections = 10_000;
        private int compressionThreshold = 1024;
        private boolean accessLog;
        private AccessLogFormat accessLogFormat = AccessLogFormat.TEXT;
        private Level accessLogLevel = Level.INFO;
        private String serverName = "FasterAPI";
        private long uploadMemoryThreshold = 1024 * 1024;
        private int maxFormParts = 1000;
        private java.nio.file.Path uploadDirectory;
        private int maxWebSocketFrameSize = 1024 * 1024;
        private Duration webSocketCloseTimeout = Duration.ofSeconds(2);
        private int maxJsonNestingDepth = 64;
        private int maxPendingBackgroundTasks = 10_000;
        private Duration drainDelay = Duration.ZERO;

        private Builder() {
        }

        /**
         * The address to listen on (default {@code 127.0.0.1}: only this machine can connect, as with
         * uvicorn's default {@code --host}). {@code "0.0.0.0"} listens on every IPv4 interface (in a
         * container, or behind no proxy), {@code "::"} on every interface; a name is resolved once,
         * when the server starts.
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Longest accepted request line, in bytes (at least 64). */
        public Builder maxInitialLineLength(int bytes) {
            this.maxInitialLineLength = atLeast("maxInitialLineLength", bytes, 64);
            return this;
        }

        /** Largest accepted header block, in bytes (at least 256). */
        public Builder maxHeaderSize(int bytes) {
            this.maxHeaderSize = atLeast("maxHeaderSize", bytes, 256);
            return this;
        }

        /** Largest accepted request body, in bytes (at least 0). */
        public Builder maxBodySize(int bytes) {
            this.maxBodySize = atLeast("maxBodySize", bytes, 0);
            return this;
        }

        /**
         * Largest accepted body of a route that reads it as a stream ({@code InputStream}), in bytes
         * (at least 0; default 1 GiB, {@code Long.MAX_VALUE} for no limit). Such bodies are never held
         * whole in memory, so this bounds what a client may push through, not memory.
         */
        public Builder maxStreamedBodySize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxStreamedBodySize must be at least 0, got " + bytes);
            }
            this.maxStreamedBodySize = bytes;
            return this;
        }

        /** Time allowed to receive a whole request once its first byte arrived. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /**
         * The request's deadline: time a handler has to answer once the request has been received
         * (default 30 s; {@link Duration#ZERO} for none). Past it the client gets 504
         * {@code {"detail":"Gateway Timeout: the request was not answered in time"}} (the status a
         * FastAPI timeout middleware or a proxy in front of uvicorn answers), and whatever the handler
         * returns or throws later is discarded. A handler is not interrupted (a Java thread cannot be
         * stopped safely), but its way out is bounded: the deadline is the request's
         * {@link Request#deadline()}, and a {@code Pg} from {@link PgDepends#from} acquires and queries
         * within it, so a database that stops answering fails the handler's calls at the deadline (the
         * statement is cancelled) instead of parking its virtual thread. A handler returning a future
         * is answered at the deadline; its future is abandoned and its request's dependencies closed
         * then. The time to stream a response out is not counted (only the time to produce it), and
         * routes that read their body as a stream while it arrives have no handler deadline (the
         * request timeout watches them: see {@link #requestTimeout}).
         */
        public Builder handlerTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("handlerTimeout must be zero (none) or positive, got " + timeout);
            }
            this.handlerTimeout = timeout;
            return this;
        }

        /** Time an idle keep-alive connection stays open. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /** Most open connections at once (at least 1). */
        public Builder maxConnections(int connections) {
            this.maxConnections = atLeast("maxConnections", connections, 1);
            return this;
        }

        /** Smallest body worth gzipping, in bytes; -1 turns compression off. */
        public Builder compressionThreshold(int bytes) {
            this.compressionThreshold = atLeast("compressionThreshold", bytes, -1);
            return this;
        }

        /**
         * Logs one line per request to the SLF4J logger {@code io.fasterapi.web.access} (default
         * off), when its response was written: in the form of {@link #accessLogFormat}, at
         * {@link #accessLogLevel}. Off, it costs nothing; on, a request whose line the logger would
         * not write (its level is below the logger's) costs one level check. The query string,
         * request headers other than {@code User-Agent} and bodies are never logged.
         */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /**
         * The access log's form (default {@link AccessLogFormat#TEXT}); {@link AccessLogFormat#JSON}
         * writes one JSON object per line with the request and trace ids, for a log pipeline. Does not
         * switch the access log on: see {@link #accessLog}.
         */
        public Builder accessLogFormat(AccessLogFormat format) {
            this.accessLogFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * The level the access log writes at (default {@link Level#INFO}): {@code DEBUG} keeps it out
         * of a production log at {@code INFO} until the logger's level is lowered, without a restart
         * when the logging backend reloads its configuration.
         */
        public Builder accessLogLevel(Level level) {
            this.accessLogLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** The {@code Server} header's value (default {@code FasterAPI}). */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Largest multipart part kept in memory, in bytes (at least 0); larger parts spool to disk. */
        public Builder uploadMemoryThreshold(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("uploadMemoryThreshold must be at least 0, got " + bytes);
            }
            this.uploadMemoryThreshold = bytes;
            return this;
        }

        /** Most parts of a multipart body (at least 1). */
        public Builder maxFormParts(int parts) {
            this.maxFormParts = atLeast("maxFormParts", parts, 1);
            return this;
        }

        /** The directory of uploads' temporary files (it must exist); null for {@code java.io.tmpdir}. */
        public Builder uploadDirectory(java.nio.file.Path directory) {
            this.uploadDirectory = directory;
            return this;
        }

        /** Largest WebSocket message, in bytes (at least 125, a control frame's payload). */
        public Builder maxWebSocketFrameSize(int bytes) {
            this.maxWebSocketFrameSize = atLeast("maxWebSocketFrameSize", bytes, 125);
            return this;
        }

        /**
         * How long the server waits, after sending a WebSocket Close frame (a handler's
         * {@code close}, 1001 on stop, 1009, 1011), for the peer's Close frame before it closes the
         * TCP connection (RFC 6455 §7.1.1: the closing handshake completes before TCP closes, so the
         * peer sees a clean close rather than a reset). Positive; default 2 s.
         */
        public Builder webSocketCloseTimeout(Duration timeout) {
            this.webSocketCloseTimeout = positive("webSocketCloseTimeout", timeout);
            return this;
        }

        /**
         * Deepest nesting of arrays and objects in a JSON request body (at least 1; default 64). The
         * parser stops at the first level past it (Jackson's {@code StreamReadConstraints}), so a body
         * of 10,000 {@code [} costs microseconds and no stack; the answer is 422 {@code json_invalid}.
         */
        public Builder maxJsonNestingDepth(int depth) {
            this.maxJsonNestingDepth = atLeast("maxJsonNestingDepth", depth, 1);
            return this;
        }

        /**
         * Most {@link BackgroundTasks background tasks} one core holds added and not yet finished
         * (at least 1; default 10,000); {@link BackgroundTasks#add} past it throws 503, so a burst the
         * server cannot keep up with is refused at once instead of queueing without bound.
         */
        public Builder maxPendingBackgroundTasks(int tasks) {
            this.maxPendingBackgroundTasks = atLeast("maxPendingBackgroundTasks", tasks, 1);
            return this;
        }

        /**
         * How long a graceful stop ({@link Server#stop}, SIGTERM under {@code App.run}) goes on serving
         * before it closes the listener (zero or positive; default zero). During the delay
         * {@code /ready} answers 503 while everything else is served as before, new connections and
         * keep-alive ones alike, so a load balancer polling {@code /ready} takes the instance out of
         * rotation before any request of its finds the port closed; then the stop proceeds as without
         * it (listener closed, in-flight requests finished within the stop's deadline, which starts
         * after the delay). Set it to more than the balancer's time to notice: its check interval
         * times the failures it needs, plus a check's timeout (docs/deployment.md).
         */
        public Builder drainDelay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("drainDelay must be zero or positive, got " + delay);
            }
            this.drainDelay = delay;
            return this;
        }

        /** The options. */
        public ServerOptions build() {
            return new ServerOptions(this);
        }

        private static int atLeast(String what, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
            }
            return value;
        }

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
