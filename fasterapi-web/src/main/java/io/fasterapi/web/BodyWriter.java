package io.fasterapi.web;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a streamed response body ({@link Response#stream(String, BodyWriter)}). Runs on a virtual
 * thread; {@code write} calls on the stream block while the client is slower than the writer
 * (backpressure), so memory stays bounded.
 */
@FunctionalInterface
public interface BodyWriter {
    /** Writes the whole body to {@code out}; the stream is closed (the response ended) afterwards. */
    void writeTo(OutputStream out) throws IOException;
}
