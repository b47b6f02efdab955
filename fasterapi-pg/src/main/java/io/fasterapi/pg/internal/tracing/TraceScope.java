package io.fasterapi.pg.internal.tracing;

/** A span made current on one thread; {@link #close()} restores what was current before. Same thread only. */
public interface TraceScope extends AutoCloseable {
    @Override
    void close();
}
