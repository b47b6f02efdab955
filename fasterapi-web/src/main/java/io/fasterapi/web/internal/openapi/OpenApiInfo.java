package io.fasterapi.web.internal.openapi;

import java.util.Objects;

/**
 * The {@code info} object of the document: FastAPI's {@code title}, {@code version} and
 * {@code description} (defaults {@code "FasterAPI"}, {@code "0.1.0"}, none).
 *
 * @param title the API's name
 * @param version the API's version (not the framework's, not OpenAPI's)
 * @param description Markdown shown under the title, or null
 */
public record OpenApiInfo(String title, String version, String description) {
    /** The info of an app that set none. */
    public static final OpenApiInfo DEFAULT = new OpenApiInfo("FasterAPI", "0.1.0", null);

    public OpenApiInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
    }
}
