package io.fasterapi.web.security;

import io.fasterapi.web.Request;
import java.util.Map;

/**
 * HTTP Digest authentication (RFC 7616), FastAPI's {@code HTTPDigest}: as there, only the plumbing.
 * It gives the {@code Authorization: Digest <credentials>} header as
 * {@link HTTPAuthorizationCredentials} and documents the scheme in OpenAPI; checking the digest is
 * the job of the dependency that takes them.
 *
 * {@snippet :
 * app.provide(HTTPAuthorizationCredentials.class, HTTPDigest.create());
 * }
 *
 * <p>No header, a header without a scheme and credentials, or another scheme answers 401
 * {@code {"detail":"Not authenticated"}} with {@code WWW-Authenticate: Digest}, as FastAPI 0.141
 * does (FastAPI before 0.122 answered 403), or gives {@code null} with
 * {@link #autoError(boolean) autoError(false)}. Published as {@code {"type":"http","scheme":"digest"}}.
 * Immutable.
 */
public final class HTTPDigest extends SecurityScheme<HTTPAuthorizationCredentials> {
    private HTTPDigest(String schemeName, String description, boolean autoError) {
        super(schemeName, description, autoError);
    }

    /** The scheme, named {@code "HTTPDigest"} in OpenAPI. */
    public static HTTPDigest create() {
        return new HTTPDigest("HTTPDigest", null, true);
    }

    /** The same scheme under another name in OpenAPI. */
    public HTTPDigest schemeName(String name) {
        return new HTTPDigest(name, description(), autoError());
    }

    /** The same scheme with a description in OpenAPI. */
    public HTTPDigest description(String description) {
        return new HTTPDigest(schemeName(), description, autoError());
    }

    /** The same scheme answering missing credentials with 401 ({@code true}) or {@code null} ({@code false}). */
    public HTTPDigest autoError(boolean autoError) {
        return new HTTPDigest(schemeName(), description(), autoError);
    }

    @Override
    public HTTPAuthorizationCredentials provide(Request request) {
        String authorization = request.header("Authorization");
        String[] schemeParam = authorizationSchemeParam(authorization);
        if (authorization == null || authorization.isEmpty() || schemeParam[0].isEmpty() || schemeParam[1].isEmpty()
                || !schemeParam[0].equalsIgnoreCase("digest")) {
            if (autoError()) {
                throw notAuthenticated("Digest");
            }
            return null;
        }
        return new HTTPAuthorizationCredentials(schemeParam[0], schemeParam[1]);
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> m = openApiBase("http");
        m.put("scheme", "digest");
        return m;
    }
}
