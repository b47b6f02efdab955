package io.fasterapi.web.security;

import io.fasterapi.web.HttpException;
import io.fasterapi.web.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP Basic authentication (RFC 7617), FastAPI's {@code HTTPBasic}: decodes
 * {@code Authorization: Basic <base64 of user:password>} into {@link HTTPBasicCredentials}.
 *
 * {@snippet :
 * app.provide(HTTPBasicCredentials.class, HTTPBasic.create().realm("simple"));
 * }
 *
 * <p>As FastAPI 0.141: no header or another scheme answers 401 {@code {"detail":"Not authenticated"}}
 * with {@code WWW-Authenticate: Basic} (or {@code Basic realm="<realm>"} when a realm is set), or
 * gives {@code null} with {@link #autoError(boolean) autoError(false)}; a Basic header whose value is
 * not base64 of ASCII text holding a {@code ':'} answers that 401 whatever {@code autoError} says.
 * Characters outside the base64 alphabet are skipped, as Python's {@code b64decode} does. Published
 * as {@code {"type":"http","scheme":"basic"}}. Immutable.
 */
public final class HTTPBasic extends SecurityScheme<HTTPBasicCredentials> {
    private final String realm;

    private HTTPBasic(String schemeName, String description, boolean autoError, String realm) {
        super(schemeName, description, autoError);
        this.realm = realm;
    }

    /** The scheme, named {@code "HTTPBasic"} in OpenAPI, without a realm. */
    public static HTTPBasic create() {
        return new HTTPBasic("HTTPBasic", null, true, null);
    }

    /** The same scheme naming {@code realm} in its challenge ({@code Basic realm="<realm>"}). */
    public HTTPBasic realm(String realm) {
        return new HTTPBasic(schemeName(), description(), autoError(), realm);
    }

    /** The same scheme under another name in OpenAPI. */
    public HTTPBasic schemeName(String name) {
        return new HTTPBasic(name, description(), autoError(), realm);
    }

    /** The same scheme with a description in OpenAPI. */
    public HTTPBasic description(String description) {
        return new HTTPBasic(schemeName(), description, autoError(), realm);
    }

    /** The same scheme answering missing credentials with 401 ({@code true}) or {@code null} ({@code false}). */
    public HTTPBasic autoError(boolean autoError) {
        return new HTTPBasic(schemeName(), description(), autoError, realm);
    }

    @Override
    public HTTPBasicCredentials provide(Request request) {
        String authorization = request.header("Authorization");
        String[] schemeParam = authorizationSchemeParam(authorization);
        if (authorization == null || authorization.isEmpty() || !schemeParam[0].equalsIgnoreCase("basic")) {
            if (autoError()) {
                throw notAuthenticated();
            }
            return null;
        }
        String data;
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(schemeParam[1]);
            for (byte b : bytes) {
                if (b < 0) {
                    throw notAuthenticated(); // Python's .decode("ascii") fails on any byte above 0x7F
                }
            }
            data = new String(bytes, StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw notAuthenticated();
        }
        int colon = data.indexOf(':');
        if (colon < 0) {
            throw notAuthenticated();
        }
        return new HTTPBasicCredentials(data.substring(0, colon), data.substring(colon + 1));
    }

    private HttpException notAuthenticated() {
        return notAuthenticated(realm == null || realm.isEmpty() ? "Basic" : "Basic realm=\"" + realm + "\"");
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> m = openApiBase("http");
        m.put("scheme", "basic");
        return m;
    }
}
