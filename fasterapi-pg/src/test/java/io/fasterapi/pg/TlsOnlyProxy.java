package io.fasterapi.pg;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that lets through only connections opening with TLS, like a front that only
 * passes TLS: an SSLRequest (the first 8 bytes: length 8, code 80877103) or, for
 * {@code sslnegotiation=direct} (PostgreSQL 17+), a TLS handshake record (content type 22, major
 * version 3) carrying the ClientHello. It drops any other connection at once. PostgreSQL does not
 * check pg_hba.conf for a CancelRequest, so a hostssl-only server alone cannot tell a clear cancel
 * from an encrypted one; behind this proxy a clear cancel never reaches the server. One platform
 * thread per direction and connection.
 */
final class TlsOnlyProxy implements AutoCloseable {
    private static final int SSL_REQUEST_CODE = 80_877_103;
    private static final int TLS_HANDSHAKE_RECORD = 22;

    private final LoopbackListener listener;
    private final int serverPort;
    /** Connections that opened with an SSLRequest. */
    final AtomicInteger tlsConnections = new AtomicInteger();
    /** Connections that opened with a TLS ClientHello straight away (direct negotiation). */
    final AtomicInteger directTlsConnections = new AtomicInteger();
    final AtomicInteger refusedConnections = new AtomicInteger();

    TlsOnlyProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new LoopbackListener(this::serve);
    }

    int port() {
        return listener.port();
    }

    private void serve(Socket client) {
        try {
            byte[] head = new byte[8];
            new DataInputStream(client.getInputStream()).readFully(head);
            ByteBuffer b = ByteBuffer.wrap(head);
            boolean sslRequest = b.getInt(0) == 8 && b.getInt(4) == SSL_REQUEST_CODE;
            boolean directHello = head[0] == TLS_HANDSHAKE_RECORD && head[1] == 3;
            if (!sslRequest && !directHello) {
                refusedConnections.incrementAndGet();
                client.close();
                return;
            }
            (sslRequest ? tlsConnections : directTlsConnections).incrementAndGet();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            upstream.getOutputStream().write(head);
            Thread.ofPlatform().daemon().start(() -> pump(client, upstream));
            pump(upstream, client);
        } catch (IOException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // either side went away: closing both ends tells the other pump
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
