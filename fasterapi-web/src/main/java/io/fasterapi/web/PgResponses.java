package io.fasterapi.web;

import io.fasterapi.pg.Pg;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Responses streamed straight from PostgreSQL: the seed's {@code copy_out_response}.
 *
 * {@snippet :
 * @Get("/items.csv")
 * public Response export(Pg pg) {
 *     return PgResponses.copyOut(pg, "COPY items TO STDOUT CSV HEADER", "items.csv");
 * }
 * }
 *
 * <p>The COPY runs once the response head is written, and its chunks go to the socket as they
 * arrive, with backpressure: the server is read only as fast as the client takes the bytes, so an
 * export of any size holds about one chunk (64 KiB) in memory. The {@code Pg} must stay open until
 * the body is complete: the request-scoped one of {@link PgDepends} is (it is released after the
 * response). The client going away cancels the COPY. A failure after the head was sent (a bad
 * statement, the server gone) cannot change the status any more: it closes the connection, so the
 * client sees a truncated body rather than a complete-looking one; the error is logged.
 */
public final class PgResponses {
    private PgResponses() {
    }

    /**
     * A 200 download of {@code COPY ... TO STDOUT} named {@code filename}
     * ({@code Content-Disposition: attachment}), typed from the file name's extension
     * ({@code .csv} is {@code text/csv}, {@code .tsv}/{@code .txt} text, else
     * {@code application/octet-stream}). Call on the handler's thread.
     */
    public static Response copyOut(Pg pg, String sql, String filename) {
        return copyOut(pg, sql, filename, contentTypeOf(filename));
    }

    /** {@link #copyOut(Pg, String, String)} with an explicit {@code contentType}. */
    public static Response copyOut(Pg pg, String sql, String filename, String contentType) {
        Objects.requireNonNull(pg, "pg");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(contentType, "contentType");
        return Response.streamFrom(contentType, pg.copyOut(sql))
                .header("Content-Disposition", contentDisposition(Objects.requireNonNull(filename, "filename")));
    }

    static String contentTypeOf(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (lower.endsWith(".tsv")) {
            return "text/tab-separated-values; charset=utf-8";
        }
        if (lower.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    // RFC 6266: a quoted ASCII fallback plus the exact name in RFC 8187's filename*.
    static String contentDisposition(String filename) {
        StringBuilder ascii = new StringBuilder(filename.length());
        StringBuilder encoded = new StringBuilder(filename.length() * 2);
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            encoded.append(attrChar ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
