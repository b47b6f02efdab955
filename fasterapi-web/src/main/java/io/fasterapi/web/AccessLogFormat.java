package io.fasterapi.web;

/**
 * How the access log ({@link ServerOptions.Builder#accessLog}) writes its line per request to the
 * SLF4J logger {@code io.fasterapi.web.access}, at {@link ServerOptions.Builder#accessLogLevel}.
 *
 * <p>Neither form ever holds the query string, a request header other than {@code User-Agent} (so
 * no {@code Authorization} or {@code Cookie}) or a body. The line is built only when the logger
 * would write it at that level.
 */
public enum AccessLogFormat {
    /**
     * One human-readable line, {@code GET /items/42 200 312us [request 3f1c0b7a9e2d4c15]}: method,
     * path without the query string, status, time from the request's arrival to its response
     * written, and request id.
     */
    TEXT,

    /**
     * One JSON object per line, for a log pipeline (Loki, Elasticsearch, CloudWatch) to parse, with
     * these fields in this order:
     *
     * <table>
     * <caption>The fields of a JSON access-log line</caption>
     * <tr><th>field</th><th>value</th></tr>
     * <tr><td>{@code time}</td><td>when the response was written, UTC, milliseconds:
     * {@code "2026-12-07T05:31:37.123Z"}</td></tr>
     * <tr><td>{@code request_id}</td><td>the request id, as in the response's {@code X-Request-Id}</td></tr>
     * <tr><td>{@code trace_id}</td><td>the trace id of the request's W3C {@code traceparent} header (32 hex
     * digits), or {@code null} when it sent none or a malformed one</td></tr>
     * <tr><td>{@code method}</td><td>{@code "GET"}</td></tr>
     * <tr><td>{@code route}</td><td>the template of the route that answered, {@code "/items/{item_id}"},
     * or {@code null} when none did (404, 405, a middleware's answer, a malformed request)</td></tr>
     * <tr><td>{@code path}</td><td>{@code null} when a route answered (its variables may be secrets, a
     * reset token in {@code /reset/{token}}); otherwise the percent-decoded path without the query
     * string, at most 1,024 characters, so that what was probed shows</td></tr>
     * <tr><td>{@code status}</td><td>{@code 200}</td></tr>
     * <tr><td>{@code duration_ms}</td><td>from the request's arrival to its response written, in
     * milliseconds with three decimals</td></tr>
     * <tr><td>{@code bytes}</td><td>the response body's length as sent (gzipped when it was; 0 for
     * {@code HEAD}), or {@code null} for a streamed body</td></tr>
     * <tr><td>{@code remote}</td><td>the peer's IP address (the proxy's, behind one)</td></tr>
     * <tr><td>{@code user_agent}</td><td>the {@code User-Agent} header, at most 256 characters, or
     * {@code null}</td></tr>
     * </table>
     *
     * <p>Strings are escaped as RFC 8259 requires ({@code "}, {@code \}, control characters as
     * {@code \}{@code uXXXX}), so a path or user agent cannot break the line or forge another;
     * non-ASCII characters are written as they are.
     */
    JSON
}
