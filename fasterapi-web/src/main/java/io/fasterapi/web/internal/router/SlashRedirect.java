package io.fasterapi.web.internal.router;

import io.fasterapi.web.Response;
import io.fasterapi.web.internal.request.RequestContext;

/**
 * Starlette's answer when only the other form of a path has a route: {@code 307} to the absolute
 * URL of that form ({@code RedirectResponse(url=str(URL(scope=redirect_scope)))}), the query string
 * kept, no body. The path is the request's own bytes with its trailing slashes stripped or one
 * added, so a percent-encoded path stays encoded. Runs on the connection's event loop.
 */
public final class SlashRedirect {
    private SlashRedirect() {
    }

    /** The redirect of {@code request} to the form of its path that has a route. */
    public static Response to(RequestContext request, String decodedOther) {
        String uri = request.nettyRequest().uri();
        int query = uri.indexOf('?');
        String rawPath = query < 0 ? uri : uri.substring(0, query);
        if (rawPath.startsWith("http://") || rawPath.startsWith("https://")) {
            int slash = rawPath.indexOf('/', rawPath.indexOf("//") + 2);
            rawPath = slash < 0 ? "/" : rawPath.substring(slash);
        }
        String other = decodedOther.endsWith("/") ? rawPath + "/" : RouteTable.stripTrailingSlashes(rawPath);
        String host = request.header("host");
        String location = (host == null ? "" : "http://" + host) + other
                + (query < 0 ? "" : uri.substring(query));
        return Response.redirect(location);
    }
}
