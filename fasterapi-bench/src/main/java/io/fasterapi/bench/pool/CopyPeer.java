package io.fasterapi.bench.pool;

import java.nio.file.Path;

/** One way to run COPY: loads a CSV file into {@link CopyTable} and unloads the table to a null sink. */
interface CopyPeer extends AutoCloseable {
    String name();


    void copyIn(Path csv) throws Exception;

    /** Returns the bytes received, or -1 when the peer does not say. */
    long copyOut() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
