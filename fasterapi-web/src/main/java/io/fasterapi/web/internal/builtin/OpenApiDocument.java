package io.fasterapi.web.internal.builtin;

import java.util.function.Supplier;

/**
 * The app's OpenAPI document, generated when first asked for and kept (FastAPI's {@code app.openapi()}
 * memoises {@code openapi_schema} the same way): a start does not pay for a document most processes never
 * serve. A generation that fails is tried again by the next request.
 */
final class OpenApiDocument {
    private final Supplier<byte[]> generate;
    private volatile byte[] document;

    OpenApiDocument(Supplier<byte[]> generate) {
        this.generate = generate;
    }

    /** The document's JSON bytes; generated on the first call (one caller generates, others wait for it). */
    byte[] get() {
        byte[] d = document;
        if (d == null) {
            synchronized (this) {
                d = document;
                if (d == null) {
                    d = generate.get();
                    document = d;
                }
            }
        }
        return d;
    }
}
