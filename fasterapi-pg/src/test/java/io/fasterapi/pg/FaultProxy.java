package io.fasterapi.pg;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a PostgreSQL server that injects network faults at a chosen
 * message: it reads both streams as PostgreSQL frames (a type byte and an int32 length; the
 * client's first message and the answer to an SSLRequest have no type byte), so a test can say
 * "half-way through the third DataRow" or "the moment the client's COMMIT has gone out". After an
 * SSLRequest answered 'S' the bytes are TLS and pass unparsed.
 *
 * <p>Faults ({@link Fault}): stall one direction with both sockets open, reset both sides, cut a
 * message half-way, lose the server's answer to a client message, or put another message in a
 * message's place (a server that breaks the protocol). Each {@link Rule} strikes once,
 * on whichever connection first reaches its message; {@link #stall(Direction)}, {@link #dropAll()}
 * and {@link #heal()} act at once on command. One platform thread per direction and connection
 * (virtual ones would trip the pinning guard inside the JDK's poller).
 */
final class FaultProxy implements AutoCloseable {
    private static final int SSL_REQUEST_CODE = 80_877_103;
    /** The pseudo message type of the server's one-byte answer to an SSLRequest ('S' or 'N'). */
    static final char SSL_ANSWER = '\0';

    /** Which way the bytes flow. */
    enum Direction { TO_SERVER, TO_CLIENT }

    /** What happens when a rule's message comes by. */
    enum Fault {
        /** Forward nothing more in that direction (from this message on) until {@link #heal()}; sockets stay open. */
        STALL,
        /** Reset both sockets (RST, SO_LINGER 0) before the message is forwarded. */
        DROP,
        /**
         * Forward the message's type, length and the first half of its body, then close both sides.
         * On {@link #SSL_ANSWER}: forward the 'S', then half of the server's first TLS bytes, then close.
         */
        CUT,
        /**
         * Forward this client message, swallow the server's next message (its answer), then reset
         * both sockets: the server acted, the client never hears of it. {@link Direction#TO_SERVER} only.
         */
        LOSE_ANSWER,
        /** Forward the rule's replacement message instead of this one; the stream goes on after it. */
        REPLACE
    }

    /** Strikes at the {@code nth} message of {@code type} going {@code direction} (whose body starts with {@code text}, if given) after it was armed. */
    static final class Rule {
        final Direction direction;
        final char type;
        final int nth;
        final Fault fault;
        final String text;
        /** For {@link Fault#REPLACE}: the whole message (type, length, body) forwarded in place of the one struck. */
        final byte[] replacement;
        private final AtomicInteger seen = new AtomicInteger();
        private final AtomicBoolean spent = new AtomicBoolean();
        private final CountDownLatch fired = new CountDownLatch(1);

        private Rule(Direction direction, char type, int nth, Fault fault, String text, byte[] replacement) {
            this.direction = direction;
            this.type = type;
            this.nth = nth;
            this.fault = fault;
            this.text = text;
            this.replacement = replacement;
        }

        private boolean strikes(Direction d, char t, byte[] body) {
            if (spent.get() || d != direction || t != type
                    || (text != null && !new String(body, StandardCharsets.UTF_8).startsWith(text))) {
                return false;
            }
            return seen.incrementAndGet() == nth && spent.compareAndSet(false, true);
        }

        /** True once the fault struck (waits up to {@code timeout}). */
        boolean fired(Duration timeout) throws InterruptedException {
            return fired.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public String toString() {
            return fault + " at " + direction + " message '" + (type == SSL_ANSWER ? "SSL answer" : type) + "' #" + nth
                    + (text == null ? "" : " starting " + text);
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean stallToServer;
    private volatile boolean stallToClient;
    /** Connections accepted so far. */
    final AtomicInteger connections = new AtomicInteger();

    FaultProxy(String dsn) throws IOException {
        URI uri = URI.create(dsn);
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fault-proxy-accept").start(this::accept);
    }

    /** {@code dsn} with its host and port replaced by this proxy's. */
    String dsn(String dsn) {
        URI uri = URI.create(dsn);
        String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return dsn.replace("@" + hostPort, "@127.0.0.1:" + listener.getLocalPort());
    }

    /** Arms a one-shot fault at the {@code nth} message of {@code type} going {@code direction}, counted from now. */
    Rule arm(Direction direction, char type, int nth, Fault fault) {
        return arm(direction, type, nth, fault, null);
    }

    /** As {@link #arm(Direction, char, int, Fault)}, counting only messages whose body starts with {@code text}. */
    Rule arm(Direction direction, char type, int nth, Fault fault, String text) {
        if (fault == Fault.LOSE_ANSWER && direction != Direction.TO_SERVER) {
            throw new IllegalArgumentException("LOSE_ANSWER applies to a client message");
        }
        if (fault == Fault.REPLACE) {
            throw new IllegalArgumentException("REPLACE needs its replacement: use armReplacement");
        }
        Rule r = new Rule(direction, type, nth, fault, text, null);
        rules.add(r);
        return r;
    }

    /**
     * Arms a one-shot {@link Fault#REPLACE}: the {@code nth} message of {@code type} going
     * {@code direction} is swallowed, and a message of {@code newType} with {@code newBody} goes in its place.
     */
    Rule armReplacement(Direction direction, char type, int nth, char newType, byte[] newBody) {
        if (type == SSL_ANSWER) {
            throw new IllegalArgumentException("REPLACE applies to a framed message");
        }
        byte[] frame = new byte[5 + newBody.length];
        frame[0] = (byte) newType;
        int length = 4 + newBody.length;
        frame[1] = (byte) (length >>> 24);
        frame[2] = (byte) (length >>> 16);
        frame[3] = (byte) (length >>> 8);
        frame[4] = (byte) length;
        System.arraycopy(newBody, 0, frame, 5, newBody.length);
        Rule r = new Rule(direction, type, nth, Fault.REPLACE, null, frame);
        rules.add(r);
        return r;
    }

    /** Stops forwarding {@code direction} on every connection, now and new ones, until {@link #heal()}. */
    void stall(Direction direction) {
        if (direction == Direction.TO_SERVER) {
            stallToServer = true;
        } else {
            stallToClient = true;
        }
    }

    /** Lifts every stall and disarms the rules that have not struck. */
    void heal() {
        stallToServer = false;
        stallToClient = false;
        rules.clear();
        for (Link l : links) {
            l.stalledToServer = false;
            l.stalledToClient = false;
        }
    }

    /** Resets every open connection (RST on both sides). */
    void dropAll() {
        links.forEach(l -> l.close(true));
    }

    private void accept() {
        try {
            for (;;) {
                Socket client = listener.accept();
                Socket upstream;
                try {
                    upstream = new Socket(server.getAddress(), server.getPort());
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                connections.incrementAndGet();
                Link link = new Link(client, upstream);
                links.add(link);
                Thread.ofPlatform().daemon().name("fault-proxy-c2s").start(() -> link.pump(Direction.TO_SERVER));
                Thread.ofPlatform().daemon().name("fault-proxy-s2c").start(() -> link.pump(Direction.TO_CLIENT));
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private Rule strikingRule(Direction d, char type, byte[] body) {
        for (Rule r : rules) {
            if (r.strikes(d, type, body)) {
                rules.remove(r);
                return r;
            }
        }
        return null;
    }

    /** One client connection and its upstream socket. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        final AtomicBoolean closed = new AtomicBoolean();
        final CountDownLatch sslAnswered = new CountDownLatch(1);
        volatile boolean sslRequested;
        volatile boolean tls;
        volatile boolean stalledToServer;
        volatile boolean stalledToClient;
        /** Set by LOSE_ANSWER: the server's next message is swallowed, which counts this latch down. */
        volatile CountDownLatch swallowAnswer;
        /** Set by CUT on the SSL answer: the first TLS bytes from the server are cut half-way. */
        volatile boolean cutFirstTlsBytes;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Direction d) {
            Socket from = d == Direction.TO_SERVER ? client : upstream;
            Socket to = d == Direction.TO_SERVER ? upstream : client;
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream(), 64 * 1024));
                OutputStream out = new BufferedOutputStream(to.getOutputStream(), 64 * 1024);
                if (d == Direction.TO_SERVER ? clientPreamble(in, out) : serverPreamble(in, out)) {
                    frames(d, in, out);
                } else if (!closed.get()) {
                    raw(d, in, out);
                }
            } catch (IOException | InterruptedException e) {
                // either side went away, or a fault closed the link
            } finally {
                close(false);
            }
        }

        /** The untyped first message(s) of the client; false when TLS follows (raw bytes from here on). */
        private boolean clientPreamble(DataInputStream in, OutputStream out) throws IOException, InterruptedException {
            byte[] first = untyped(in);
            int code = (first[4] & 0xff) << 24 | (first[5] & 0xff) << 16 | (first[6] & 0xff) << 8 | (first[7] & 0xff);
            if (first.length == 8 && code == SSL_REQUEST_CODE) {
                sslRequested = true; // before the server can answer: the server pump reads the flag then
                out.write(first);
                out.flush();
                while (!sslAnswered.await(20, TimeUnit.MILLISECONDS)) {
                    if (closed.get()) {
                        return false;
                    }
                }
                if (tls) {
                    return false;
                }
                first = untyped(in); // the StartupMessage after an 'N'
            }
            out.write(first);
            out.flush();
            return true;
        }

        private byte[] untyped(DataInputStream in) throws IOException {
            int length = in.readInt();
            byte[] message = new byte[length];
            message[0] = (byte) (length >>> 24);
            message[1] = (byte) (length >>> 16);
            message[2] = (byte) (length >>> 8);
            message[3] = (byte) length;
            in.readFully(message, 4, length - 4);
            return message;
        }

        /** The server's one-byte SSL answer, if one is due; false when TLS follows. */
        private boolean serverPreamble(DataInputStream in, OutputStream out) throws IOException, InterruptedException {
            in.mark(1);
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (!sslRequested) {
                in.reset();
                return true;
            }
            Rule r = strikingRule(Direction.TO_CLIENT, SSL_ANSWER, new byte[] {(byte) b});
            awaitUnstalled(Direction.TO_CLIENT);
            if (r != null) {
                r.fired.countDown();
                switch (r.fault) {
                    case STALL -> {
                        stalledToClient = true;
                        awaitUnstalled(Direction.TO_CLIENT);
                    }
                    case DROP -> {
                        close(true);
                        return false;
                    }
                    case CUT -> cutFirstTlsBytes = true;
                    case LOSE_ANSWER, REPLACE -> throw new IllegalStateException("unreachable");
                }
            }
            tls = b == 'S';
            sslAnswered.countDown();
            out.write(b);
            out.flush();
            return !tls;
        }

        private void raw(Direction d, DataInputStream in, OutputStream out) throws IOException, InterruptedException {
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                awaitUnstalled(d);
                if (d == Direction.TO_CLIENT && cutFirstTlsBytes) {
                    out.write(buf, 0, Math.max(1, n / 2));
                    out.flush();
                    cut(d);
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        }

        private void frames(Direction d, DataInputStream in, OutputStream out) throws IOException, InterruptedException {
            for (;;) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                if (d == Direction.TO_CLIENT && swallowAnswer != null) {
                    swallowAnswer.countDown();
                    awaitClosed();
                    return;
                }
                Rule r = strikingRule(d, (char) type, body);
                if (r != null) {
                    out.flush();
                    r.fired.countDown();
                    switch (r.fault) {
                        case STALL -> {
                            if (d == Direction.TO_SERVER) {
                                stalledToServer = true;
                            } else {
                                stalledToClient = true;
                            }
                        }
                        case DROP -> {
                            close(true);
                            return;
                        }
                        case CUT -> {
                            writeFrame(out, type, length, body, body.length / 2);
                            out.flush();
                            cut(d);
                            return;
                        }
                        case LOSE_ANSWER -> {
                            CountDownLatch answered = new CountDownLatch(1);
                            swallowAnswer = answered;
                            writeFrame(out, type, length, body, body.length);
                            out.flush();
                            answered.await(10, TimeUnit.SECONDS);
                            close(true);
                            return;
                        }
                        case REPLACE -> {
                            awaitUnstalled(d);
                            out.write(r.replacement);
                            out.flush();
                            continue;
                        }
                    }
                }
                awaitUnstalled(d);
                writeFrame(out, type, length, body, body.length);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        }

        private void writeFrame(OutputStream out, int type, int length, byte[] body, int bodyBytes) throws IOException {
            out.write(type);
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            out.write(body, 0, bodyBytes);
        }

        /** Parks the pump while its direction is stalled (by a rule or on command), until healed or closed. */
        private void awaitUnstalled(Direction d) throws InterruptedException {
            while (!closed.get() && (d == Direction.TO_SERVER ? stallToServer || stalledToServer
                    : stallToClient || stalledToClient)) {
                Thread.sleep(5);
            }
        }

        private void awaitClosed() throws InterruptedException {
            while (!closed.get()) {
                Thread.sleep(5);
            }
        }

        /** The receiving side gets what was written, then end of stream; the link closes a moment later. */
        private void cut(Direction d) throws InterruptedException {
            try {
                (d == Direction.TO_SERVER ? upstream : client).shutdownOutput();
            } catch (IOException ignored) {
                // already gone
            }
            Thread.sleep(50);
            close(false);
        }

        void close(boolean reset) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            links.remove(this);
            for (Socket s : new Socket[] {client, upstream}) {
                try {
                    if (reset) {
                        s.setSoLinger(true, 0);
                    }
                    s.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        links.forEach(l -> l.close(false));
    }
}
