package io.fasterapi.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A file received in a {@code multipart/form-data} request (FastAPI's {@code UploadFile}). Parts up to
 * {@link ServerOptions#uploadMemoryThreshold()} (1 MiB by default) stay in memory; a larger part is
 * streamed to a temporary file while it arrives, so a request's memory stays bounded whatever the
 * file's size. Temporary files are deleted once the handler has returned and its response is being
 * written: read, copy or {@link #transferTo} the file in the handler.
 *
 * <p>Any thread may read it while the request is being handled; reading a spooled file is disk I/O,
 * so prefer a virtual-thread (non-{@code Future}) handler.
 */
public interface UploadFile {
    /** The form field's name. */
    String name();

    /**
     * The file name the client sent (possibly empty). Untrusted: never use it as a path as it is.
     */
    String filename();

    /** The part's {@code Content-Type}, {@code application/octet-stream} when the client sent none. */
    String contentType();

    /** The size in bytes. */
    long size();

    /** Whether the content is held in memory (else in a temporary file). */
    boolean inMemory();

    /** A new stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;

    /** The whole content; for small files (it is read into one array). */
    byte[] bytes() throws IOException;

    /**
     * Stores the content at {@code target}, replacing it: a spooled file is moved there (a rename when
     * on the same file system), an in-memory one written. Afterwards {@link #open()} reads
     * {@code target}, and the file is no longer deleted with the request.
     */
    void transferTo(Path target) throws IOException;
}
