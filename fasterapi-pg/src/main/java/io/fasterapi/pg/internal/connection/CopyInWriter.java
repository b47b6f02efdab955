package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Shard;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.PgCanceledException;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.internal.codec.Utf8Text;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The user's end of a {@link CopyInCommand}: gathers bytes into CopyData messages of up to
 * {@link #CHUNK} bytes and writes them to the channel from the calling (virtual) thread, parking
 * while the channel is not writable. Confined to one writer thread.
 *
 * <p>The deadline ({@link CopyInCommand#timeoutNanos}) bounds each wait on the server or the
 * network, never the time the caller takes to produce data: a write parked longer than that on a
 * socket that takes nothing closes the connection (see {@link #abandonStuckCopy}); the
 * wait for the answer to CopyDone or CopyFail times out as a statement does (cancel, then the pool
 * replaces the connection if the answer never comes).
 */
final class CopyInWriter implements CopyIn {
    /** Payload of one CopyData message: large enough to amortise the per-write cost, small enough to bound memory. */
    static final int CHUNK = 64 * 1024;

    private final PgConnection connection;
    private final CopyInCommand command;
    private final Channel channel;
    private ByteBuf buf;
    private long bytes;
    private boolean ended;

    CopyInWriter(PgConnection connection, CopyInCommand command) {
        this.connection = connection;
        this.command = command;
        this.channel = connection.channel();
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("this COPY was already finished or aborted");
        }
        PgException e = command.error;
        if (e != null) {
            releaseBuf();
            ended = true;
            throw e;
        }
        if (command.state == CopyInCommand.State.DONE || !connection.isUsable()) {
            releaseBuf();
            ended = true;
            PgException cause = connection.brokenCause();
            throw new PgConnectionException("connection lost during COPY" + (cause != null ? ": " + cause.getMessage() : ""),
                    cause);
        }
    }

    private ByteBuf buffer() {
        if (buf == null) {
            buf = channel.alloc().directBuffer(CHUNK + FrontendMessages.COPY_DATA_HEADER);
            buf.writerIndex(FrontendMessages.COPY_DATA_HEADER);
        }
        return buf;
    }

    @Override
    public CopyIn write(byte[] b) {
        return write(b, 0, b.length);
    }

    @Override
    public CopyIn write(byte[] b, int offset, int length) {
        checkOpen();
        while (length > 0) {
            ByteBuf out = buffer();
            int n = Math.min(length, out.writableBytes());
            out.writeBytes(b, offset, n);
            offset += n;
            length -= n;
            bytes += n;
            if (!out.isWritable()) {
                send();
            }
        }
        return this;
    }

    @Override
    public CopyIn write(ByteBuffer src) {
        checkOpen();
        while (src.hasRemaining()) {
            ByteBuf out = buffer();
            int n = Math.min(src.remaining(), out.writableBytes());
            ByteBuffer slice = src.slice(src.position(), n);
            out.writeBytes(slice);
            src.position(src.position() + n);
            bytes += n;
            if (!out.isWritable()) {
                send();
            }
        }
        return this;
    }

    @Override
    public CopyIn write(CharSequence text) {
        checkOpen();
        ByteBuf utf8 = Unpooled.buffer(text.length());
        try {
            Utf8Text.write(text, utf8);
            return write(utf8.array(), utf8.arrayOffset() + utf8.readerIndex(), utf8.readableBytes());
        } catch (IllegalArgumentException e) {
            throw new PgException("CopyIn.write: " + e.getMessage() + "; nothing of this text was sent", null,
                    java.util.Map.of('C', Utf8Text.SQLSTATE));
        } finally {
            utf8.release();
        }
    }

    @Override
    public long from(InputStream in) {
        checkOpen();
        long total = 0;
        try {
            for (;;) {
                ByteBuf out = buffer();
                int n = out.writeBytes(in, out.writableBytes());
                if (n < 0) {
                    return total;
                }
                total += n;
                bytes += n;
                if (!out.isWritable()) {
                    send();
                    checkOpen();
                }
            }
        } catch (IOException e) {
            abort("reading the input failed: " + e.getMessage());
            throw new UncheckedIOException("COPY aborted: reading its input failed", e);
        }
    }

    @Override
    public long from(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return from(in);
        } catch (IOException e) {
            if (!ended) {
                abort("cannot read " + file + ": " + e.getMessage());
            }
            throw new UncheckedIOException("COPY aborted: cannot read " + file, e);
        }
    }

    /** Writes the gathered CopyData, after waiting until the channel can take it. */
    private void send() {
        ByteBuf out = buf;
        buf = null;
        FrontendMessages.copyDataHeader(out, 0);
        if (!connection.backpressure().await(connection, channel, command.timeoutNanos)) {
            out.release();
            ended = true;
            throw abandonStuckCopy(new PgTimeoutException("the connection took no COPY data for "
                    + TimeUnit.NANOSECONDS.toMillis(command.timeoutNanos) + " ms (the deadline): " + command.describe()));
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /**
     * A write waited past its deadline for the socket to take more: the network or the server
     * stalled with our data half-sent. Nothing can end that COPY cleanly (a CopyFail would queue
     * behind the stuck data, and a server waiting for COPY data does not act on a cancel), so the
     * COPY fails with {@code timeout} and the connection is closed; the server rolls the COPY back
     * when it sees the connection end. Returns what the COPY failed with (the timeout, unless the
     * server's error came first) once that is settled.
     */
    private PgException abandonStuckCopy(PgTimeoutException timeout) {
        connection.onLoop(() -> {
            if (!command.isDone()) {
                command.fail(timeout);
                connection.breakWith(new PgConnectionException("connection to " + connection.host()
                        + " closed: COPY FROM STDIN stalled past its deadline"));
            }
        });
        try {
            command.done.await(); // fails once the loop ran the above
            return timeout;
        } catch (PgException e) {
            return e;
        }
    }

    private void releaseBuf() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    @Override
    public long finish() {
        Shard.checkMayBlock("CopyIn.finish()");
        checkOpen();
        if (buf != null && buf.writerIndex() > FrontendMessages.COPY_DATA_HEADER) {
            send();
        } else {
            releaseBuf();
        }
        ended = true;
        ByteBuf done = channel.alloc().ioBuffer(5);
        FrontendMessages.copyDone(done);
        channel.writeAndFlush(done, channel.voidPromise());
        command.state = CopyInCommand.State.ENDING;
        connection.cancellation().timeOutAfter(command, command.timeoutNanos, "the server's answer to CopyDone");
        return command.done.await();
    }

    @Override
    public void abort(String reason) {
        Shard.checkMayBlock("CopyIn.abort()");
        if (ended) {
            return;
        }
        ended = true;
        releaseBuf();
        if (command.state == CopyInCommand.State.COPYING && connection.isUsable()) {
            ByteBuf fail = channel.alloc().ioBuffer(64);
            FrontendMessages.copyFail(fail, reason == null ? "aborted by the client" : reason);
            channel.writeAndFlush(fail, channel.voidPromise());
            command.state = CopyInCommand.State.ENDING;
            connection.cancellation().timeOutAfter(command, command.timeoutNanos, "the server's answer to CopyFail");
        }
        try {
            command.done.await();
        } catch (PgCanceledException expected) {
            // 57014 "COPY from stdin failed: <reason>": the server discarded the data, as asked.
        } catch (PgConnectionException gone) {
            // The session ended: an unfinished COPY is rolled back with it.
        } catch (PgTimeoutException stalled) {
            // No answer in time: no CopyDone was sent, so nothing can commit; the pool replaces the connection.
        } catch (PgException other) {
            // The server had already rejected the data: nothing was copied either way.
        }
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    @Override
    public void close() {
        if (!ended) {
            finish();
        }
    }

    @Override
    public String toString() {
        return "CopyIn[" + command.describe() + ", " + bytes + " bytes, " + command.state + "]";
    }
}
