package io.fasterapi.web.security;

import io.fasterapi.web.Request;
import java.util.Map;

/**
 * HTTP Bearer authentication (RFC 6750), FastAPI's {@code HTTPBearer}: gives the
 * {@code Authorization: Bearer <credentials>} header as {@link HTTPAuthorizationCredentials}.
 *
 * {@snippet :
 * app.provide(HTTPAuthorizationCredentials.class, HTTPBearer.create().bearerFormat("JWT"));
 * }
 *
 * <p>No header, a header without a scheme and credentials, or another scheme answers 401
 * {@code {"detail":"Not authenticated"}} with {@code WWW-Authenticate: Bearer}, as FastAPI 0.141
 * does (FastAPI before 0.122 answered 403), or gives {@code null} with
 * {@link #autoError(boolean) autoError(false)}. Published as {@code {"type":"http","scheme":"bearer"}}
 * (with {@code bearerFormat} when given). Immutable.
 */
public final class HTTPBearer extends SecurityScheme<HTTPAuthorizationCredentials> {
    private final String bearerFormat;

    private HTTPBearer(String schemeName, String description, boolean autoError, String bearerFormat) {
        super(schemeName, description, autoError);
        this.bearerFormat = bearerFormat;
    }

    /** The scheme, named {@code "HTTPBearer"} in OpenAPI. */
    public static HTTPBearer create() {
        return new HTTPBearer("HTTPBearer", null, true, null);
    }

    /** The same scheme documenting the tokens' format ({@code "JWT"}) in OpenAPI. */
    public HTTPBearer bearerFormat(String format) {
        return new HTTPBearer(schemeName(), description(), autoError(), format);
    }

    /** The same scheme under another name in OpenAPI. */
    public HTTPBearer schemeName(String name) {
        return new HTTPBearer(name, description(), autoError(), bearerFormat);
    }

    /** The same scheme with a description in OpenAPI. */
    public HTTPBearer description(String description) {
        return new HTTPBearer(schemeName(), description, autoError(), bearerFormat);
    }

    /** The same scheme answering missing credentials with 401 ({@code true}) or {@code null} ({@code false}). */
    public HTTPBearer autoError(boolean autoError) {
        return new HTTPBearer(schemeName(), description(), autoError, bearerFormat);
    }

    @Override
    public HTTPAuthorizationCredentials provide(Request request) {
        String authorization = request.header("Authorization");
        String[] schemeParam = authorizationSchemeParam(authorization);
        if (authorization == null || authorization.isEmpty() || schemeParam[0].isEmpty() || schemeParam[1].isEmpty()
                || !schemeParam[0].equalsIgnoreCase("bearer")) {
            if (autoError()) {
                throw notAuthenticated("Bearer");
            }
            return null;
        }
        return new HTTPAuthorizationCredentials(schemeParam[0], schemeParam[1]);
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> m = openApiBase("http");
        m.put("scheme", "bearer");
        if (bearerFormat != null) {
            m.put("bearerFormat", bearerFormat);
        }
        return m;
    }
}
