package io.fasterapi.web.internal.json;

import java.io.OutputStream;

/**
 * Writes one response value as JSON into a stream: databind's writer of a type
 * ({@link JacksonValueWriter}), or one of {@link PlainJson}'s, which need no databind. Any thread.
 */
public interface JsonValueWriter {
    /** Writes {@code value} (not null) as JSON into {@code out}. */
    void write(OutputStream out, Object value);
}
