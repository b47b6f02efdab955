package io.fasterapi.pg.internal.tracing;

import io.fasterapi.pg.PgException;
import io.fasterapi.pg.QueryResult;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@link PgTracer} through the OpenTelemetry API, after the stable database semantic conventions
 * (semconv 1.33 and later: {@code db.system.name}, {@code db.namespace}, {@code db.query.text},
 * {@code db.operation.name}, {@code db.response.status_code}; not the older {@code db.system},
 * {@code db.name}, {@code db.statement}). The only class of the driver that names OpenTelemetry
 * types: loaded when a pool is built with tracing on, never otherwise.
 *
 * <p>What a span never holds: a parameter's value, the password, an error's message (the server
 * may quote a value in it: {@code invalid input syntax for type integer: "..."}); the SQLSTATE and
 * the exception's class name stand for the error. Any thread.
 */
public final class OtelPgTracer implements PgTracer {
    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
    static final AttributeKey<Long> DB_RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");
    /** Not in the conventions (they name no attribute for it): rows inserted, updated, deleted or copied. */
    static final AttributeKey<Long> AFFECTED_ROWS = AttributeKey.longKey("fasterapi.pg.affected_rows");
    static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final String SYSTEM = "postgresql";

    private final Tracer tracer;
    private final String database;
    private final String host;
    private final long port;
    private final String poolName;

    private OtelPgTracer(Tracer tracer, String database, String host, int port, String poolName) {
        this.tracer = tracer;
        this.database = database;
        this.host = host;
        this.port = port;
        this.poolName = poolName;
    }

    /**
     * A tracer for a pool of {@code database} on {@code host:port} (the DSN's first host), whose
     * pool-wait spans carry {@code poolName}.
     *
     * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry}
     */
    public static PgTracer create(Object openTelemetry, String database, String host, int port, String poolName) {
        if (!(openTelemetry instanceof OpenTelemetry otel)) {
            throw new IllegalArgumentException("tracing(...) wants an io.opentelemetry.api.OpenTelemetry, got "
                    + openTelemetry.getClass().getName());
        }
        return new OtelPgTracer(otel.getTracer("io.fasterapi.pg"), database, host, port, poolName);
    }

    @Override
    public Object current() {
        return Context.current();
    }

    @Override
    public Object currentOr(Object fallback) {
        Context current = Context.current();
        return Span.fromContext(current).getSpanContext().isValid() || fallback == null ? current : fallback;
    }

    @Override
    public <T> T inContext(Object context, Supplier<T> call) {
        try (Scope ignored = ((Context) context).makeCurrent()) {
            return call.get();
        }
    }

    @Override
    public DbSpan statement(String sql, boolean batch) {
        String operation = SqlOperation.of(sql);
        if (operation != null && batch) {
            operation = "BATCH " + operation;
        }
        SpanBuilder b = builder(operation == null ? target() : operation + ' ' + target(), SpanKind.CLIENT)
                .setAttribute(DB_QUERY_TEXT, sql);
        if (operation != null) {
            b.setAttribute(DB_OPERATION_NAME, operation);
        }
        return new OtelDbSpan(b.startSpan());
    }

    @Override
    public DbSpan copy(String sql) {
        return new OtelDbSpan(builder("COPY " + target(), SpanKind.CLIENT).setAttribute(DB_QUERY_TEXT, sql)
                .setAttribute(DB_OPERATION_NAME, "COPY").startSpan());
    }

    @Override
    public DbSpan transaction() {
        return new OtelDbSpan(builder("transaction " + target(), SpanKind.INTERNAL).startSpan());
    }

    @Override
    public DbSpan poolWait() {
        return new OtelDbSpan(builder("pool wait " + target(), SpanKind.INTERNAL)
                .setAttribute(POOL_NAME, poolName).startSpan());
    }

    /** The conventions' span target: the database, else the server. */
    private String target() {
        return database != null ? database : host + ':' + port;
    }

    private SpanBuilder builder(String name, SpanKind kind) {
        SpanBuilder b = tracer.spanBuilder(name).setSpanKind(kind).setAttribute(DB_SYSTEM_NAME, SYSTEM);
        if (database != null) {
            b.setAttribute(DB_NAMESPACE, database);
        }
        if (host != null) {
            b.setAttribute(SERVER_ADDRESS, host).setAttribute(SERVER_PORT, port);
        }
        return b;
    }

    /** One span; ended once, from any thread. */
    private static final class OtelDbSpan extends AtomicBoolean implements DbSpan {
        private final Span span;

        OtelDbSpan(Span span) {
            this.span = span;
        }

        @Override
        public void end(Object outcome, Throwable failure) {
            if (!compareAndSet(false, true)) {
                return;
            }
            if (failure != null) {
                String code = sqlState(failure);
                if (code != null) {
                    span.setAttribute(DB_STATUS_CODE, code);
                }
                String type = code != null ? code : failure.getClass().getName();
                span.setAttribute(ERROR_TYPE, type);
                span.setStatus(StatusCode.ERROR, type);
            } else if (outcome instanceof QueryResult r) {
                if (!r.columns().isEmpty()) {
                    span.setAttribute(DB_RETURNED_ROWS, r.size());
                } else if (r.affected() >= 0) {
                    span.setAttribute(AFFECTED_ROWS, r.affected());
                }
            } else if (outcome instanceof Long n) {
                span.setAttribute(AFFECTED_ROWS, n);
            }
            span.end();
        }

        @Override
        public TraceScope makeCurrent() {
            return span.makeCurrent()::close;
        }

        private static String sqlState(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof PgException pe && pe.code() != null) {
                    return pe.code();
                }
            }
            return null;
        }
    }
}
