package io.fasterapi.web.internal.json;

import java.io.OutputStream;
import tools.jackson.databind.ObjectWriter;

/** A {@link JsonValueWriter} that is Jackson databind's writer of a type. */
final class JacksonValueWriter implements JsonValueWriter {
    private final ObjectWriter writer;

    JacksonValueWriter(ObjectWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(OutputStream out, Object value) {
        writer.writeValue(out, value);
    }
}
