package io.fasterapi.web.internal.openapi;

import io.fasterapi.web.Response;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ReDoc from the {@code org.webjars:redoc} jar: the page FastAPI's {@code get_redoc_html} writes
 * (pointing at the app's {@code /openapi.json}), and the one script it loads, its standalone bundle,
 * served from the class path under the ReDoc URL instead of a CDN. FastAPI's page also loads Google
 * Fonts and a favicon from the web; this one loads nothing from elsewhere, so it works offline and
 * under a strict content security policy (ReDoc falls back to the browser's fonts). Only that one
 * file is served, by fixed name.
 *
 * <p>Immutable; the bundle is read on first use and kept (a benign race may read it twice).
 */
public final class Redoc {
    /** The file the page loads, under the ReDoc URL. */
    public static final String SCRIPT = "redoc.standalone.js";

    private static final AtomicReference<byte[]> CACHE = new AtomicReference<>();

    private final String root;

    private Redoc(String root) {
        this.root = root;
    }

    /** The webjar on the class path, or null when it is missing (the ReDoc page is then not served). */
    public static Redoc find() {
        String root = Webjar.root("redoc");
        return root == null ? null : new Redoc(root);
    }

    /** The HTML page that renders the document at {@code openapiUrl} with the script under {@code assetBase}. */
    public Response page(String assetBase, String openapiUrl, String title) {
        String html = """
                <!DOCTYPE html>
                <html>
                <head>
                <title>%2$s</title>
                <!-- needed for adaptive design -->
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <!--
                ReDoc doesn't change outer page styles
                -->
                <style>
                  body {
                    margin: 0;
                    padding: 0;
                  }
                </style>
                </head>
                <body>
                <noscript>
                    ReDoc requires Javascript to function. Please enable it to browse the documentation.
                </noscript>
                <redoc spec-url="%3$s"></redoc>
                <script src="%1$s/%4$s"> </script>
                </body>
                </html>
                """.formatted(Webjar.escapeHtml(assetBase), Webjar.escapeHtml(title + " - ReDoc"),
                        Webjar.escapeHtml(openapiUrl), SCRIPT);
        return Response.html(html);
    }

    /** The standalone bundle. Reads the class path on first use: not on a loop. */
    public Response script() {
        byte[] bytes = CACHE.get();
        if (bytes == null) {
            bytes = Webjar.read(root + SCRIPT, "ReDoc");
            CACHE.set(bytes);
        }
        return Response.bytes(200, "text/javascript; charset=utf-8", bytes)
                .header("Cache-Control", "public, max-age=3600");
    }

}
