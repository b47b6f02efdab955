package io.fasterapi.web;

import java.util.Map;

/**
 * Ends the request with an error status, like FastAPI's {@code HTTPException}: the response is
 * {@code {"detail": detail}} with the given status and headers. The detail may be any JSON-encodable
 * value. Thrown from handlers, dependencies or middleware on any thread.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Object detail;
    private final transient Map<String, String> headers;

    /** An error with the status' standard reason phrase as detail. */
    public HttpException(int status) {
        this(status, io.fasterapi.web.internal.server.StatusReasons.reason(status), Map.of());
    }

    /** An error with {@code detail} (any JSON-encodable value). */
    public HttpException(int status, Object detail) {
        this(status, detail, Map.of());
    }

    /** An error with {@code detail} and extra response headers (for example {@code WWW-Authenticate}). */
    public HttpException(int status, Object detail, Map<String, String> headers) {
        super(status + ": " + detail, null, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599, got " + status);
        }
        this.status = status;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The {@code detail} value of the error body. */
    public Object detail() {
        return detail;
    }

    /** Extra response headers. */
    public Map<String, String> headers() {
        return headers;
    }
}
