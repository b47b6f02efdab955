package io.fasterapi.pg;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The sending end of {@code COPY ... FROM STDIN}, from {@link Pg#copyIn(String)}: write the data in
 * the format the COPY statement names (text, CSV or binary — see {@link CopyBinaryWriter}), then
 * {@link #finish()} (or close) to commit it, or {@link #abort(String)} to discard it.
 *
 * {@snippet :
 * try (CopyIn pipe = pg.copyIn("COPY items(name, price) FROM STDIN CSV")) {
 *     pipe.write("Widget,9.99\n");
 *     pipe.from(Path.of("more-items.csv"));
 * }                                   // close(): CopyDone, waits for the server's count
 * }
 *
 * <p>Flow control: writes are gathered into 64 KiB CopyData messages; while the socket cannot take
 * more (Netty's write-buffer high-water mark), the writing thread parks, so memory stays bounded
 * whatever the size of the input. A server-side error (a malformed row, a constraint) fails the next
 * write, {@code finish()} or close with that error, and the server discards the whole COPY.
 *
 * @apiNote {@link #close()} commits what was written. If your code fails half-way, call
 *     {@link #abort(String)} before the CopyIn is closed (try/catch, not only try-with-resources),
 *     or the rows written so far are kept. {@link #from(InputStream)} aborts by itself when reading
 *     its input fails.
 *
 * <p>Deadline ({@link Pg#withDeadline}, or the pool's default): it bounds each wait on the server
 * or the network, never the time your code takes to produce the data. A write that parks longer
 * than that because the socket takes nothing more (the network or the server stalled) throws
 * {@link PgTimeoutException} and closes the connection: the data is half-sent, so nothing else can
 * end the COPY, and the server rolls it back when it sees the connection end (a pool replaces the
 * connection). {@link #finish()} waiting longer than that for the server's answer throws
 * {@link PgTimeoutException} and cancels the COPY; as with any statement whose answer did not come,
 * the rows may or may not have been committed if the server had them all.
 *
 * <p>Threads: blocking — from a virtual thread; one writer at a time. The connection runs nothing
 * else until the COPY ends.
 */
public interface CopyIn extends AutoCloseable {

    /** Appends bytes. */
    CopyIn write(byte[] bytes);

    /** Appends {@code length} bytes of {@code bytes} from {@code offset}. */
    CopyIn write(byte[] bytes, int offset, int length);

    /** Appends the remaining bytes of {@code buffer} (its position moves to its limit). */
    CopyIn write(ByteBuffer buffer);

    /**
     * Appends text as UTF-8 (the connection's client_encoding). Text holding a lone UTF-16 surrogate has
     * no UTF-8 form: it is refused with a {@link PgException} and nothing of it is sent.
     */
    CopyIn write(CharSequence text);

    /** Copies {@code in} to the end (it is not closed); aborts the COPY if reading fails. Returns the bytes read. */
    long from(InputStream in);

    /** Copies the file; aborts the COPY if reading fails. Returns the bytes read. */
    long from(Path file);

    /**
     * Sends CopyDone and waits for the server: returns the number of rows copied.
     *
     * @throws PgException the server's error if it rejected the data (nothing was copied)
     */
    long finish();

    /** Sends CopyFail: the server discards everything written, and the table is left unchanged. */
    void abort(String reason);

    /** Bytes written so far. */
    long bytesWritten();

    /** {@link #finish()} unless finished or aborted already. */
    @Override
    void close();
}
