package io.fasterapi.pg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Random;

/**
 * A loopback TCP proxy in front of the test server that passes the server's bytes on in pieces of
 * random size (1 byte to 16 KiB, from a seed), with occasional pauses, so the client receives its
 * messages split across many receive buffers of different sizes; messages straddle buffers.
 * Client-to-server bytes pass unchanged. One platform thread per direction and connection (virtual ones would trip the pinning guard inside the JDK's poller).
 */
final class ChoppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final long seed;

    ChoppingProxy(String dsn, long seed) throws IOException {
        URI uri = URI.create(dsn);
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        this.seed = seed;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(this::accept);
    }

    /** {@code dsn} with its host and port replaced by this proxy's. */
    String dsn(String dsn) {
        URI uri = URI.create(dsn);
        String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return dsn.replace("@" + hostPort, "@127.0.0.1:" + listener.getLocalPort());
    }

    private void accept() {
        try {
            for (int n = 0; ; n++) {
                Socket client = listener.accept();
                Socket upstream = new Socket(server.getAddress(), server.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Random random = new Random(seed + n);
                Thread.ofPlatform().daemon().start(() -> pump(client, upstream, null));
                Thread.ofPlatform().daemon().start(() -> pump(upstream, client, random));
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private static void pump(Socket from, Socket to, Random chop) {
        byte[] buf = new byte[64 * 1024];
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (chop == null) {
                    out.write(buf, 0, n);
                    continue;
                }
                for (int at = 0; at < n; ) {
                    int piece = Math.min(n - at, chop.nextInt(16) == 0 ? 1 + chop.nextInt(16) : 1 + chop.nextInt(16 * 1024));
                    out.write(buf, at, piece);
                    out.flush();
                    at += piece;
                    if (chop.nextInt(64) == 0) {
                        Thread.sleep(1); // lets the client read what arrived so far
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // either side went away: closing both ends tells the other pump
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
