package io.fasterapi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server (PostgreSQL, for the tests) that can turn into a network
 * blackhole: {@link #blackhole()} stops forwarding in both directions on every connection, open and
 * new, with every socket left open — no reset, no FIN, no error, as when a firewall starts dropping
 * packets or a route disappears. New connections are still accepted (their SYN answered, as by a
 * load balancer in front of a dead path) but nothing reaches the server, not even a CancelRequest.
 * {@link #restore()} delivers what was held and forwards again, as TCP's retransmissions would once
 * the path returns; {@link #dropAll()} resets every connection; {@link #refuse()} resets them and
 * every new one at once, as a server that is down (or kills its sessions) would.
 *
 * <p>Byte-level (it does not parse the protocol; the pg tests' {@code FaultProxy} does, to strike at
 * a chosen message). One platform thread per direction and connection: virtual ones would trip the
 * pinning guard inside the JDK's socket code.
 */
public final class BlackholeProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean blackholed;
    private volatile boolean refusing;
    private volatile boolean closed;
    private final AtomicInteger accepted = new AtomicInteger();

    /** A proxy to the server of {@code dsn} (a {@code postgres://} URL). */
    public static BlackholeProxy forDsn(String dsn) throws IOException {
        URI uri = URI.create(dsn);
        return new BlackholeProxy(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()));
    }

    /** A proxy to {@code server}, listening on a free loopback port. */
    public BlackholeProxy(InetSocketAddress server) throws IOException {
        this.server = server;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("blackhole-proxy-accept").start(this::accept);
    }

    /** {@code dsn} (a {@code postgres://} URL) with its host and port replaced by this proxy's. */
    public String dsn(String dsn) {
        URI uri = URI.create(dsn);
        String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return dsn.replace("@" + hostPort, "@127.0.0.1:" + port());
    }

    /** The port it listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Stops forwarding anything, both ways, on every connection, open or new, until {@link #restore()}. */
    public void blackhole() {
        blackholed = true;
    }

    /** Resets every open connection, and each new one as soon as it is accepted, until {@link #restore()}. */
    public void refuse() {
        refusing = true;
        dropAll();
    }

    /**
     * Forwards again: bytes held during a blackhole are delivered, held connections reach the
     * server, new connections are no longer refused.
     */
    public void restore() {
        refusing = false;
        blackholed = false;
    }

    /** Resets every open connection (RST on both sides). */
    public void dropAll() {
        links.forEach(l -> l.close(true));
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections open now (accepted and not closed by either side). */
    public int open() {
        return (int) links.stream().filter(l -> !l.closed.get()).count();
    }

    private void accept() {
        try {
            while (!closed) {
                Socket client = listener.accept();
                if (refusing) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                accepted.incrementAndGet();
                Link link = new Link(client);
                links.add(link);
                Thread.ofPlatform().daemon().name("blackhole-proxy-connect").start(link::connect);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void awaitPath(Link link) throws InterruptedException {
        while (blackholed && !link.closed.get()) {
            Thread.sleep(5);
        }
    }

    /** One client connection and, once the path allows, its upstream socket. */
    private final class Link {
        final Socket client;
        volatile Socket upstream;
        final AtomicBoolean closed = new AtomicBoolean();

        Link(Socket client) {
            this.client = client;
        }

        void connect() {
            try {
                awaitPath(this);
                if (closed.get()) {
                    return;
                }
                Socket up = new Socket(server.getAddress(), server.getPort());
                up.setTcpNoDelay(true);
                upstream = up;
                if (closed.get()) {
                    up.close();
                    return;
                }
                Thread.ofPlatform().daemon().name("blackhole-proxy-c2s").start(() -> pump(client, up));
                pump(up, client);
            } catch (IOException | InterruptedException e) {
                close(false);
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    awaitPath(this);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // either side went away
            }
            try {
                awaitPath(this); // a FIN or reset is lost in the blackhole too: the other side learns of it later
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close(false);
        }

        void close(boolean reset) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            for (Socket s : new Socket[] {client, upstream}) {
                if (s == null) {
                    continue;
                }
                try {
                    if (reset) {
                        s.setSoLinger(true, 0);
                    }
                    s.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
            links.remove(this);
        }
    }

    @Override
    public void close() {
        closed = true;
        blackholed = false;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        links.forEach(l -> l.close(true));
    }
}
