package io.fasterapi.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Cross-Origin Resource Sharing as a ready {@link Middleware}, with Starlette's
 * {@code CORSMiddleware} behaviour (and its defaults), following the Fetch standard's CORS protocol.
 *
 * {@snippet :
 * app.middleware(Cors.builder()
 *         .allowOrigins("https://app.example.com")
 *         .allowMethods("GET", "POST")
 *         .allowHeaders("Authorization")
 *         .allowCredentials(true)
 *         .maxAge(Duration.ofMinutes(10))
 *         .build());
 * }
 *
 * <ul>
 * <li>A request without {@code Origin} is not a CORS request: it passes untouched.</li>
 * <li>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered here,
 *     without reaching the router: 200 {@code OK} with {@code Access-Control-Allow-Methods},
 *     {@code -Allow-Headers}, {@code -Max-Age} (and {@code -Allow-Credentials}) when origin, method and
 *     every requested header are allowed, else 400 {@code Disallowed CORS origin, method, headers}
 *     (naming what failed).</li>
 * <li>Any other request from an allowed origin gets {@code Access-Control-Allow-Origin} (and
 *     {@code -Allow-Credentials}, {@code -Expose-Headers}) on its response, whatever its status.</li>
 * <li>{@code "*"} origins answer {@code *}, except when credentials are allowed (the Fetch standard
 *     forbids {@code *} with credentials): then the request's origin is echoed with
 *     {@code Vary: Origin}.</li>
 * </ul>
 *
 * <p>Defaults as Starlette's: no origin allowed, methods {@code GET} only, only the CORS-safelisted
 * request headers ({@code Accept}, {@code Accept-Language}, {@code Content-Language},
 * {@code Content-Type}), no credentials, no exposed headers, max age 600 seconds. Immutable and
 * thread-safe; its hooks run on the event loop and never block.
 */
public final class Cors implements Middleware {
    private static final List<String> ALL_METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");
    private static final List<String> SAFELISTED_HEADERS = List.of("accept", "accept-language", "content-language",
            "content-type");

    private final boolean anyOrigin;
    private final Set<String> origins;
    private final Pattern originPattern;
    private final Set<String> methods;
    private final boolean anyHeader;
    private final Set<String> headers;
    private final boolean credentials;
    private final String exposeHeaders;
    private final String allowMethodsValue;
    private final String allowHeadersValue;
    private final String maxAgeValue;

    private Cors(Builder b) {
        this.anyOrigin = b.origins.contains("*");
        this.origins = Set.copyOf(b.origins);
        this.originPattern = b.originPattern;
        this.methods = b.methods.contains("*") ? new LinkedHashSet<>(ALL_METHODS) : new LinkedHashSet<>(b.methods);
        this.anyHeader = b.headers.contains("*");
        TreeSet<String> h = new TreeSet<>(SAFELISTED_HEADERS);
        for (String header : b.headers) {
            h.add(header.toLowerCase(Locale.ROOT));
        }
        this.headers = h;
        this.credentials = b.credentials;
        this.exposeHeaders = b.exposeHeaders.isEmpty() ? null : String.join(", ", b.exposeHeaders);
        this.allowMethodsValue = String.join(", ", methods);
        this.allowHeadersValue = String.join(", ", headers);
        this.maxAgeValue = Long.toString(b.maxAge.toSeconds());
    }

    /** A builder with Starlette's defaults (see the class description). */
    public static Builder builder() {
        return new Builder();
    }

    /** Answers preflight requests; leaves every other request to the router. Runs on the event loop. */
    @Override
    public Response before(Request request) {
        String origin = request.header("Origin");
        if (origin == null || !isPreflight(request)) {
            return null;
        }
        List<String> failures = new ArrayList<>(3);
        Response r = Response.text("OK");
        boolean explicit = !anyOrigin || credentials;
        if (isAllowedOrigin(origin)) {
            r.header("Access-Control-Allow-Origin", explicit ? origin : "*");
        } else {
            failures.add("origin");
        }
        if (explicit) {
            r.header("Vary", "Origin");
        }
        if (!methods.contains(request.header("Access-Control-Request-Method"))) {
            failures.add("method");
        }
        r.header("Access-Control-Allow-Methods", allowMethodsValue);
        r.header("Access-Control-Max-Age", maxAgeValue);
        String requested = request.header("Access-Control-Request-Headers");
        if (anyHeader) {
            if (requested != null) {
                r.header("Access-Control-Allow-Headers", requested);
            }
        } else {
            r.header("Access-Control-Allow-Headers", allowHeadersValue);
            if (requested != null && !headersAllowed(requested)) {
                failures.add("headers");
            }
        }
        if (credentials) {
            r.header("Access-Control-Allow-Credentials", "true");
        }
        if (!failures.isEmpty()) {
            return copyHeaders(r, Response.text(400, "Disallowed CORS " + String.join(", ", failures)));
        }
        return r;
    }

    /** Adds the CORS headers to the response of an actual (non-preflight) cross-origin request. */
    @Override
    public void after(Request request, Response response) {
        String origin = request.header("Origin");
        if (origin == null || isPreflight(request)) {
            return;
        }
        if (!anyOrigin || credentials) {
            response.header("Vary", "Origin");
        }
        if (!isAllowedOrigin(origin)) {
            return;
        }
        // Starlette echoes "*" origins only when a cookie is sent; the Fetch standard rejects "*" for any
        // credentialed request (Authorization too), so with credentials allowed the origin is always echoed.
        response.header("Access-Control-Allow-Origin", !anyOrigin || credentials ? origin : "*");
        if (credentials) {
            response.header("Access-Control-Allow-Credentials", "true");
        }
        if (exposeHeaders != null) {
            response.header("Access-Control-Expose-Headers", exposeHeaders);
        }
    }

    private static boolean isPreflight(Request request) {
        return "OPTIONS".equals(request.method()) && request.header("Access-Control-Request-Method") != null;
    }

    private boolean isAllowedOrigin(String origin) {
        if (anyOrigin || origins.contains(origin)) {
            return true;
        }
        return originPattern != null && originPattern.matcher(origin).matches();
    }

    private boolean headersAllowed(String requested) {
        for (String h : requested.split(",")) {
            String name = h.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !headers.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static Response copyHeaders(Response from, Response to) {
        List<String> h = from.headerList();
        for (int i = 0; i < h.size(); i += 2) {
            to.header(h.get(i), h.get(i + 1));
        }
        return to;
    }

    /** Builds a {@link Cors} middleware; each setter replaces the earlier value. Not thread-safe. */
    public static final class Builder {
        private List<String> origins = List.of();
        private Pattern originPattern;
        private List<String> methods = List.of("GET");
        private List<String> headers = List.of();
        private boolean credentials;
        private List<String> exposeHeaders = List.of();
        private Duration maxAge = Duration.ofSeconds(600);

        private Builder() {
        }

        /** Origins allowed ({@code "https://app.example.com"}, exact match), or {@code "*"} for any. */
        public Builder allowOrigins(String... origins) {
            this.origins = List.of(origins);
            return this;
        }

        /** Also allows every origin that matches {@code regex} entirely ({@code "https://.*\\.example\\.com"}). */
        public Builder allowOriginPattern(String regex) {
            this.originPattern = Pattern.compile(regex);
            return this;
        }

        /** Methods allowed in preflights ({@code "GET", "POST"}), or {@code "*"} for every standard method. */
        public Builder allowMethods(String... methods) {
            List<String> upper = new ArrayList<>();
            for (String m : methods) {
                upper.add(m.toUpperCase(Locale.ROOT));
            }
            this.methods = List.copyOf(upper);
            return this;
        }

        /** Request headers allowed in preflights (case-insensitive), or {@code "*"} for any. */
        public Builder allowHeaders(String... headers) {
            this.headers = List.of(headers);
            return this;
        }

        /** Whether the browser may send cookies and credentials ({@code Access-Control-Allow-Credentials}). */
        public Builder allowCredentials(boolean allow) {
            this.credentials = allow;
            return this;
        }

        /** Response headers the browser lets scripts read ({@code Access-Control-Expose-Headers}). */
        public Builder exposeHeaders(String... headers) {
            this.exposeHeaders = List.of(headers);
            return this;
        }

        /** How long the browser may cache a preflight's answer ({@code Access-Control-Max-Age}). */
        public Builder maxAge(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative, got " + maxAge);
            }
            this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        /** The middleware. */
        public Cors build() {
            return new Cors(this);
        }
    }
}
