package io.fasterapi.web.internal.openapi;

import java.util.Objects;

/**
 * A tag of the document's top-level {@code tags} list (FastAPI's {@code openapi_tags}): its name and
 * the Markdown description Swagger UI and ReDoc show above the tag's operations.
 *
 * @param name the tag, as routes name it
 * @param description Markdown, or null
 */
public record OpenApiTag(String name, String description) {
    public OpenApiTag {
        Objects.requireNonNull(name, "name");
    }
}
