package io.fasterapi.web.internal.tracing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Set;

/**
 * {@link RequestTracer} through the OpenTelemetry API, after the stable HTTP server conventions: a
 * SERVER span named {@code "{method} {route}"} ({@code GET /items/{itemId}}; the method alone when no
 * route answered), with {@code http.request.method}, {@code http.route}, {@code http.response.status_code},
 * {@code url.scheme}, {@code server.address} and {@code server.port} (from the {@code Host} header),
 * {@code network.protocol.version}, and from 500 on status ERROR and {@code error.type} (the
 * exception's class, else the status). The only class of the server that names OpenTelemetry types.
 *
 * <p>What a span never holds, as the access log: the path ({@code url.path}, which the conventions
 * require, is left out: a path's variables may be secrets, its route template stands for it), the
 * query string, headers other than {@code traceparent}/{@code tracestate} (read by the propagators),
 * bodies, an exception's message.
 */
public final class OtelRequestTracer implements RequestTracer {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** The methods the conventions know; any other is reported as {@code _OTHER}. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH", "QUERY");
    private static final int MAX_HOST_CHARS = 255;

    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders carrier) {
            return carrier.names();
        }

        @Override
        public String get(HttpHeaders carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    private OtelRequestTracer(OpenTelemetry otel) {
        this.tracer = otel.getTracer("io.fasterapi.web");
        this.propagator = otel.getPropagators().getTextMapPropagator();
    }

    /** @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry} */
    public static RequestTracer create(Object openTelemetry) {
        if (!(openTelemetry instanceof OpenTelemetry otel)) {
            throw new IllegalArgumentException("tracing(...) wants an io.opentelemetry.api.OpenTelemetry, got "
                    + openTelemetry.getClass().getName());
        }
        return new OtelRequestTracer(otel);
    }

    @Override
    public RequestSpan start(String method, HttpHeaders headers, boolean http10) {
        Context parent = propagator.extract(Context.root(), headers, HEADERS);
        boolean known = KNOWN_METHODS.contains(method);
        var b = tracer.spanBuilder(known ? method : "HTTP").setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, known ? method : "_OTHER")
                .setAttribute(SCHEME, "http")
                .setAttribute(PROTOCOL_VERSION, http10 ? "1.0" : "1.1");
        if (!known) {
            b.setAttribute(METHOD_ORIGINAL, method);
        }
        String host = headers.get(HttpHeaderNames.HOST);
        if (host != null && host.length() <= MAX_HOST_CHARS) {
            hostAndPort(b, host);
        }
        return new OtelRequestSpan(b.startSpan(), known ? method : "HTTP");
    }

    /** {@code Host: name[:port]} or {@code [v6]:port} into server.address and server.port (80 when absent). */
    private static void hostAndPort(io.opentelemetry.api.trace.SpanBuilder b, String host) {
        int colon = host.lastIndexOf(':');
        int bracket = host.lastIndexOf(']');
        String name = colon > bracket ? host.substring(0, colon) : host;
        long port = 80;
        if (colon > bracket) {
            try {
                port = Long.parseLong(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return; // not a Host header worth reporting
            }
        }
        if (!name.isEmpty()) {
            b.setAttribute(SERVER_ADDRESS, name).setAttribute(SERVER_PORT, port);
        }
    }

    private static final class OtelRequestSpan implements RequestSpan {
        private final Span span;
        private final String method;
        private Throwable failure;

        OtelRequestSpan(Span span, String method) {
            this.span = span;
            this.method = method;
        }

        @Override
        public void route(String template) {
            span.updateName(method + ' ' + template);
            span.setAttribute(ROUTE, template);
        }

        @Override
        public void failed(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void end(int status) {
            span.setAttribute(STATUS, status);
            if (status >= 500) {
                String type = failure != null ? failure.getClass().getName() : Integer.toString(status);
                span.setAttribute(ERROR_TYPE, type);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }

        @Override
        public TraceScope makeCurrent() {
            return span.makeCurrent()::close;
        }

        @Override
        public String traceId() {
            SpanContext c = span.getSpanContext();
            return c.isValid() ? c.getTraceId() : null;
        }
    }
}
