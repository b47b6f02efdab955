package io.fasterapi.web.internal.server;

import io.fasterapi.web.internal.router.PercentDecoder;

/** The path and query of a request-target (RFC 9112 §3.2): origin form or absolute form. */
final class RequestTarget {
    private RequestTarget() {
    }

    /** The percent-decoded path, without the query. */
    static String path(String uri) {
        int q = uri.indexOf('?');
        return PercentDecoder.decodePath(stripAbsoluteForm(q < 0 ? uri : uri.substring(0, q)));
    }

    /** The raw query, without {@code '?'}; empty when there is none. */
    static String rawQuery(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }

    // RFC 9112 §3.2.2: a server must accept the absolute form "http://host/path".
    private static String stripAbsoluteForm(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        int scheme = path.indexOf("://");
        if (scheme < 0) {
            return path;
        }
        int slash = path.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : path.substring(slash);
    }
}
