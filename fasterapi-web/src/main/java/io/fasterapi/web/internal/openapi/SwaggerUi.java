package io.fasterapi.web.internal.openapi;

import io.fasterapi.web.Response;
import io.fasterapi.web.internal.json.JsonCodec;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Swagger UI from the {@code org.webjars:swagger-ui} jar: the page FastAPI's
 * {@code get_swagger_ui_html} writes (pointing at the app's {@code /openapi.json}), and the three
 * static files it loads, served from the class path under the docs URL. Only those files are
 * served, by fixed name: no path from the request ever reaches the class loader.
 *
 * <p>Immutable; the files are read on first use and kept (a benign race may read one twice).
 */
public final class SwaggerUi {
    /** The files the page loads, with their content types. */
    public static final List<String[]> ASSETS = List.of(
            new String[] {"swagger-ui-bundle.js", "text/javascript; charset=utf-8"},
            new String[] {"swagger-ui.css", "text/css; charset=utf-8"},
            new String[] {"favicon-32x32.png", "image/png"});

    private static final AtomicReferenceArray<byte[]> CACHE = new AtomicReferenceArray<>(ASSETS.size());

    private final String root;

    private SwaggerUi(String root) {
        this.root = root;
    }

    /** The webjar on the class path, or null when it is missing (the docs page is then not served). */
    public static SwaggerUi find() {
        String root = Webjar.root("swagger-ui");
        return root == null ? null : new SwaggerUi(root);
    }

    /**
     * The HTML page that renders the document at {@code openapiUrl}, loading the files of
     * {@link #ASSETS} from under {@code assetBase} ({@code "/docs"}).
     */
    public Response page(String assetBase, String openapiUrl, String title) {
        String html = """
                <!DOCTYPE html>
                <html>
                <head>
                <meta charset="utf-8">
                <link type="text/css" rel="stylesheet" href="%1$s/swagger-ui.css">
                <link rel="shortcut icon" href="%1$s/favicon-32x32.png">
                <title>%2$s</title>
                </head>
                <body>
                <div id="swagger-ui">
                </div>
                <script src="%1$s/swagger-ui-bundle.js"></script>
                <script>
                const ui = SwaggerUIBundle({
                    url: %3$s,
                    dom_id: "#swagger-ui",
                    layout: "BaseLayout",
                    deepLinking: true,
                    showExtensions: true,
                    showCommonExtensions: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]
                })
                </script>
                </body>
                </html>
                """.formatted(Webjar.escapeHtml(assetBase), Webjar.escapeHtml(title + " - Swagger UI"),
                        scriptString(openapiUrl));
        return Response.html(html);
    }

    /** Asset number {@code index} of {@link #ASSETS}. Reads the class path on first use: not on a loop. */
    public Response asset(int index) {
        byte[] bytes = CACHE.get(index);
        if (bytes == null) {
            bytes = Webjar.read(root + ASSETS.get(index)[0], "Swagger UI");
            CACHE.set(index, bytes);
        }
        return Response.bytes(200, ASSETS.get(index)[1], bytes).header("Cache-Control", "public, max-age=3600");
    }

    // A JSON string is a JavaScript string; "</" is escaped so it cannot end the script element.
    private static String scriptString(String s) {
        return JsonCodec.mapper().writeValueAsString(s).replace("</", "<\\/");
    }
}
