package io.fasterapi.pg;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A man in the middle that terminates TLS: it answers the client's SSLRequest with 'S' (or takes a
 * direct TLS hello, {@code sslnegotiation=direct}, as it comes), shakes hands with a self-signed
 * certificate of its own (made here with openssl), opens its own session to the real server — TLS
 * (SSLRequest) with no certificate check, or clear when {@code upstreamTls} is false — and relays
 * the plaintext both ways. A client that does not verify the certificate ({@code sslmode=require})
 * cannot tell; SCRAM-SHA-256-PLUS can, because the client binds to the
 * proxy's certificate and the server to its own.
 *
 * <p>With {@code stripPlus} it also rewrites the server's AuthenticationSASL message to drop
 * SCRAM-SHA-256-PLUS from the mechanism list (fixing the message length), the downgrade attack
 * {@code channel_binding=require} exists for.
 *
 * <p>What it answers to the client's ALPN offer is set by {@link #alpn(ServerAlpn)}: nothing by
 * default (a TLS proxy that does not pass ALPN on, or a server of another protocol),
 * {@code postgresql} as PostgreSQL 17+ does, or a refusal as an HTTPS server that speaks only
 * {@code http/1.1}. {@link #relays} records what the client sent after each handshake. One platform
 * thread per direction and connection.
 */
final class TlsTerminatingProxy implements AutoCloseable {
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 4, (byte) 0xd2, 0x16, 0x2f};
    private static final int TLS_HANDSHAKE_RECORD = 22;

    /** What the proxy's TLS side does with the client's ALPN offer. */
    enum ServerAlpn {
        /** Selects no protocol, whatever is offered: a server or proxy without ALPN. */
        NONE,
        /** Selects {@code postgresql} when offered, as PostgreSQL 17+ does. */
        POSTGRESQL,
        /** Speaks only {@code http/1.1}: an offer without it gets alert no_application_protocol (RFC 7301). */
        HTTP_ONLY
    }

    /**
     * One client connection whose TLS handshake completed.
     *
     * @param direct     whether it opened with a TLS hello rather than an SSLRequest
     * @param alpn       the protocol the handshake selected, "" for none
     * @param fromClient the plaintext the client sent after the handshake
     * @param ended      counted down once the client's side is closed and {@code fromClient} final
     */
    record Relay(boolean direct, String alpn, ByteArrayOutputStream fromClient, CountDownLatch ended) {
    }

    private final LoopbackListener listener;
    private final int serverPort;
    private final boolean upstreamTls;
    private final boolean stripPlus;
    private final SSLContext serverSide;
    private final SSLContext clientSide;
    final AtomicInteger relayedSessions = new AtomicInteger();
    final AtomicInteger strippedOffers = new AtomicInteger();
    /** Connections that opened with a TLS hello, handshake completed or not. */
    final AtomicInteger directHellos = new AtomicInteger();
    /** Every completed handshake in order, with what the client sent after it, for "nothing was sent" checks. */
    final List<Relay> relays = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile ServerAlpn alpn = ServerAlpn.NONE;

    TlsTerminatingProxy(int serverPort, boolean upstreamTls, boolean stripPlus) throws Exception {
        this.serverPort = serverPort;
        this.upstreamTls = upstreamTls;
        this.stripPlus = stripPlus;
        this.serverSide = ownCertificateContext();
        this.clientSide = SSLContext.getInstance("TLS");
        clientSide.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        this.listener = new LoopbackListener(this::serve);
    }

    int port() {
        return listener.port();
    }

    /** Sets what handshakes from now on answer to the client's ALPN offer. */
    void alpn(ServerAlpn answer) {
        this.alpn = answer;
    }

    private void serve(Socket rawClient) {
        try {
            DataInputStream in = new DataInputStream(rawClient.getInputStream());
            byte[] first = new byte[8];
            in.readFully(first);
            boolean direct = first[0] == TLS_HANDSHAKE_RECORD && first[1] == 3;
            SSLSocket client;
            if (direct) {
                directHellos.incrementAndGet();
                // the 8 bytes read are the start of the ClientHello: hand them back to the TLS side
                client = (SSLSocket) serverSide.getSocketFactory().createSocket(rawClient,
                        new java.io.ByteArrayInputStream(first), true);
            } else if (java.util.Arrays.equals(first, SSL_REQUEST)) {
                rawClient.getOutputStream().write('S');
                client = (SSLSocket) serverSide.getSocketFactory().createSocket(rawClient, null, true);
                client.setUseClientMode(false);
            } else {
                rawClient.close(); // this proxy only plays the TLS game
                return;
            }
            ServerAlpn selects = alpn;
            if (selects != ServerAlpn.NONE) {
                javax.net.ssl.SSLParameters params = client.getSSLParameters();
                params.setApplicationProtocols(selects == ServerAlpn.POSTGRESQL ? new String[] {"postgresql"}
                        : new String[] {"http/1.1"});
                client.setSSLParameters(params);
            }
            client.startHandshake();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            if (upstreamTls) {
                upstream.getOutputStream().write(SSL_REQUEST);
                int answer = upstream.getInputStream().read();
                if (answer != 'S') {
                    throw new IOException("server refused TLS: " + answer);
                }
                SSLSocket tls = (SSLSocket) clientSide.getSocketFactory().createSocket(upstream, "localhost",
                        serverPort, true);
                tls.startHandshake();
                upstream = tls;
            }
            relayedSessions.incrementAndGet();
            Relay relay = new Relay(direct, client.getApplicationProtocol(), new ByteArrayOutputStream(),
                    new CountDownLatch(1));
            relays.add(relay);
            Socket server = upstream;
            Thread.ofPlatform().daemon().start(() -> {
                pump(client, server, relay.fromClient());
                relay.ended().countDown();
            });
            serverToClient(server, client);
        } catch (IOException e) {
            try {
                rawClient.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream seen) {
        byte[] buf = new byte[16 * 1024];
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                seen.write(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // either side went away: closing both ends tells the other pump
        }
    }

    /** Message by message (type byte, int32 length including itself, body), so one can be rewritten. */
    private void serverToClient(Socket from, Socket to) {
        try (from; to; DataInputStream in = new DataInputStream(from.getInputStream());
                DataOutputStream out = new DataOutputStream(to.getOutputStream())) {
            for (;;) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (stripPlus && type == 'R' && body.length >= 4 && readInt(body) == 10) {
                    body = withoutPlus(body);
                }
                out.writeByte(type);
                out.writeInt(body.length + 4);
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away
        }
    }

    /** AuthenticationSASL: int32 10, then NUL-terminated mechanism names, then an empty one. */
    private byte[] withoutPlus(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, 4);
        int start = 4;
        for (int i = 4; i < body.length; i++) {
            if (body[i] == 0) {
                String name = new String(body, start, i - start, StandardCharsets.UTF_8);
                if (name.equals("SCRAM-SHA-256-PLUS")) {
                    strippedOffers.incrementAndGet();
                } else {
                    out.write(body, start, i - start + 1);
                }
                start = i + 1;
            }
        }
        return out.toByteArray();
    }

    private static int readInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** A fresh self-signed certificate for CN=localhost: not the server's, so its hash differs. */
    private static SSLContext ownCertificateContext() throws Exception {
        Path dir = Files.createTempDirectory("mitm-cert");
        try {
            run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-sha256", "-subj",
                    "/CN=localhost", "-keyout", "k.pem", "-out", "c.pem");
            run(dir, "openssl", "pkcs12", "-export", "-in", "c.pem", "-inkey", "k.pem", "-out", "p.p12",
                    "-passout", "pass:mitm");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("p.p12"))) {
                ks.load(in, "mitm".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "mitm".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
