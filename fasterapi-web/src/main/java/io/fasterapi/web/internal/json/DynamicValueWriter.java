package io.fasterapi.web.internal.json;

import java.io.OutputStream;

/**
 * Writes the values of a map, list or set class: each value that is plain ({@link PlainJson#isPlain}:
 * the framework's {@code {"detail": ...}} bodies among them) with the generator alone, any other with
 * databind's writer of the class, built on first need.
 */
final class DynamicValueWriter implements JsonValueWriter {
    private final Class<?> type;
    private final JsonMapping mapping;
    private volatile JsonValueWriter databind;

    DynamicValueWriter(Class<?> type, JsonMapping mapping) {
        this.type = type;
        this.mapping = mapping;
    }

    @Override
    public void write(OutputStream out, Object value) {
        if (PlainJson.isPlain(value, mapping)) {
            PlainJson.write(out, value, mapping);
            return;
        }
        JsonValueWriter w = databind;
        if (w == null) {
            w = new JacksonValueWriter(mapping.mapper().writerFor(type));
            databind = w;
        }
        w.write(out, value);
    }
}
