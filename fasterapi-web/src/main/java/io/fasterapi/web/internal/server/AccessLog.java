package io.fasterapi.web.internal.server;

import io.fasterapi.web.AccessLogFormat;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.internal.observability.JsonLine;
import io.fasterapi.web.internal.observability.TraceIdSource;
import io.fasterapi.web.internal.request.RequestContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The access log: one line per request whose response was written, to the SLF4J logger
 * {@value #LOGGER}, in the form and at the level of {@link ServerOptions} (fields in
 * {@link AccessLogFormat}). One per server, immutable; {@link #log} runs on the connection's event
 * loop when the write completed, and builds nothing unless the logger would write at that level.
 *
 * <p>What it never writes, whatever the route: the query string (its values may be passwords or
 * tokens), request headers other than {@code User-Agent} ({@code Authorization}, {@code Cookie}),
 * bodies, and — in the JSON form — the path of a request a route answered, whose variables may be
 * secrets: the route's template stands for it. Client-chosen strings are cut to
 * {@value #MAX_PATH_CHARS} characters (path) and {@value #MAX_USER_AGENT_CHARS} (user agent).
 */
final class AccessLog {
    static final String LOGGER = "io.fasterapi.web.access";
    static final int MAX_PATH_CHARS = 1024;
    static final int MAX_USER_AGENT_CHARS = 256;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Logger logger;
    private final Level level;
    private final AccessLogFormat format;
    private final TraceIdSource traceIds;

    private AccessLog(Logger logger, Level level, AccessLogFormat format, TraceIdSource traceIds) {
        this.logger = logger;
        this.level = level;
        this.format = format;
        this.traceIds = traceIds;
    }

    /** The access log {@code options} ask for, or null when it is off (nothing to call per request). */
    static AccessLog of(ServerOptions options, TraceIdSource traceIds) {
        return options.accessLog() ? new AccessLog(LoggerFactory.getLogger(LOGGER), options.accessLogLevel(),
                options.accessLogFormat(), traceIds) : null;
    }

    /**
     * Whether the logger would write a line now: when not, a response needs no write listener for the
     * access log's sake. Any thread.
     */
    boolean writes() {
        return logger.isEnabledForLevel(level);
    }

    /** Logs the exchange whose response was just written (or failed to be). Loop only. */
    void log(Exchange ex) {
        if (!writes()) {
            return;
        }
        long nanos = System.nanoTime() - ex.startNanos;
        String line = format == AccessLogFormat.JSON ? json(ex, nanos) : text(ex, nanos);
        switch (level) {
            case ERROR -> logger.error(line);
            case WARN -> logger.warn(line);
            case INFO -> logger.info(line);
            case DEBUG -> logger.debug(line);
            case TRACE -> logger.trace(line);
        }
    }

    private static String text(Exchange ex, long nanos) {
        return ex.request.method() + ' ' + printable(ex.request.path()) + ' ' + status(ex) + ' ' + nanos / 1000
                + "us [request " + ex.request.requestId() + ']';
    }

    /**
     * {@code s} with control characters, DEL and the Unicode line and paragraph separators written as a
     * backslash, {@code u} and four hex digits, and backslashes doubled, so that a client's {@code %0A}
     * cannot start a forged line of its own.
     */
    static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = c < 0x20 || c == 0x7F || c == '\\' || c == '\u2028' || c == '\u2029';
            if (escape && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private String json(Exchange ex, long nanos) {
        RequestContext request = ex.request;
        JsonLine line = new JsonLine(256);
        line.name("time").raw().append('"');
        TIME.formatTo(Instant.now(), line.raw());
        line.raw().append('"');
        line.string("request_id", request.requestId())
                .string("trace_id", traceIds.traceId(request))
                .string("method", request.method())
                .string("route", ex.route == null ? null : ex.route.template())
                .string("path", ex.route == null ? request.path() : null, MAX_PATH_CHARS)
                .number("status", status(ex))
                .millis("duration_ms", nanos);
        long bytes = bodyBytes(ex);
        if (bytes >= 0) {
            line.number("bytes", bytes);
        } else {
            line.nullField("bytes");
        }
        return line.string("remote", address(request.remoteAddress()))
                .string("user_agent", request.header("user-agent"), MAX_USER_AGENT_CHARS)
                .end();
    }

    private static int status(Exchange ex) {
        return ex.response == null ? 0 : ex.response.status();
    }

    /** The body's length on the wire; -1 when unknown (streamed). */
    private static long bodyBytes(Exchange ex) {
        EncodedResponse r = ex.response;
        if (r == null) {
            return 0;
        }
        return r.streamed() != null || r.streamedHead() != null ? (ex.head ? 0 : -1) : r.sentBodyLength();
    }

    private static String address(InetSocketAddress remote) {
        if (remote == null) {
            return null;
        }
        InetAddress address = remote.getAddress();
        return address == null ? remote.getHostString() : address.getHostAddress();
    }
}
