package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One raw keep-alive connection for wire tests: writes bytes as given and reads responses framed by
 * their {@code content-length} (FasterAPI's full responses always carry one).
 */
final class RawHttp implements AutoCloseable {
    /** A response read off the wire: status, head (lower-cased names) and body. */
    record Reply(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean closes() {
            return head.contains("\r\nconnection: close");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;

    RawHttp(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends {@code bytes} from a new platform thread, so that the test can read while the server
     * holds the upload back; a failed send shows as a failed read.
     */
    Thread sendInBackground(byte[] bytes) {
        return sendInBackground(bytes, new AtomicLong());
    }

    /**
     * Sends {@code bytes} from a new platform thread in 64 KiB slices, adding each slice's length to
     * {@code written} once it is sent (a test sees the sender stall); sets it to -1 when a send fails.
     */
    Thread sendInBackground(byte[] bytes, AtomicLong written) {
        return Thread.ofPlatform().start(() -> {
            try {
                for (int off = 0; off < bytes.length; off += 64 * 1024) {
                    int end = Math.min(bytes.length, off + 64 * 1024);
                    send(java.util.Arrays.copyOfRange(bytes, off, end));
                    written.addAndGet(end - off);
                }
            } catch (IOException e) {
                written.set(-1);
            }
        });
    }

    /**
     * Connects, sends {@code head} and {@code partOfBody}, gives the server 100 ms to start reading the
     * body, then resets the connection (SO_LINGER 0): a client that disconnects mid-body.
     */
    static void disconnectMidBody(int port, String head, byte[] partOfBody)
            throws IOException, InterruptedException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(partOfBody);
            out.flush();
            Thread.sleep(100);
            s.setSoLinger(true, 0);
        }
    }

    /**
     * Waits until a {@link #sendInBackground(byte[], AtomicLong) sender}'s {@code written} has not
     * moved for 600 ms (the server stopped reading); returns its value then. Fails after 20 s.
     */
    static long awaitStall(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -2;
        int still = 0;
        while (still < 3) {
            assertThat(System.nanoTime()).as("the sender never stalled").isLessThan(deadline);
            Thread.sleep(200);
            long now = written.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        return last;
    }

    /** Sends and reads one response. */
    Reply exchange(String ascii) throws IOException {
        send(ascii);
        return read();
    }

    /** Reads the next response; throws when the connection closes before one arrives. */
    Reply read() throws IOException {
        int headEnd;
        while ((headEnd = indexOfHeadEnd()) < 0) {
            fill();
        }
        String head = new String(buf, start, headEnd - start, StandardCharsets.ISO_8859_1);
        start = headEnd + 4;
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length);
        while (body.size() < length) {
            if (start == end) {
                fill();
            }
            int n = Math.min(end - start, length - body.size());
            body.write(buf, start, n);
            start += n;
        }
        return new Reply(status, head.toLowerCase(Locale.ROOT), body.toByteArray());
    }

    /** Whether the server closed the connection (reads nothing more before EOF). */
    boolean closedByPeer() throws IOException {
        try {
            return start == end && in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset: closed with unread input
        }
    }

    private int indexOfHeadEnd() {
        for (int i = start; i + 3 < end; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            throw new IOException("response head larger than " + buf.length + " bytes");
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            throw new java.io.EOFException("connection closed by the server");
        }
        end += n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
