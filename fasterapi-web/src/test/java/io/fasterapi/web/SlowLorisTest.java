package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow-loris: 1,000 connections that send nothing and 1,000 that trickle a request head a byte at a
 * time never finishing it. Meanwhile other clients are served with normal latency; the silent ones
 * are closed after {@code idleTimeout}, the trickling ones after {@code requestTimeout} (measured
 * from a request's first byte, whatever arrives after it), none before; the heap stays bounded.
 * Timeouts are on the connections' event loops, so 2,000 stalled clients hold no thread. Needs
 * about 4,100 file descriptors (both ends of each connection live in this JVM).
 */
class SlowLorisTest {
    private static final int SILENT = 1000;
    private static final int TRICKLING = 1000;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    @Test
    @Timeout(90)
    void stalledConnectionsDoNotSlowOthersAndAreClosedAfterTheirTimeout() throws Exception {
        long neededDescriptors = 2L * (SILENT + TRICKLING) + 200;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Assumptions.assumeTrue(os instanceof UnixOperatingSystemMXBean u && u.getMaxFileDescriptorCount() >= neededDescriptors,
                () -> "needs " + neededDescriptors + " file descriptors; raise the limit (ulimit -n) to run it");

        App app = App.create();
        app.get("/ok", req -> Response.text("ok"));
        Server server = app.options(ServerOptions.builder().idleTimeout(IDLE_TIMEOUT).requestTimeout(REQUEST_TIMEOUT)
                .build()).start(0);
        List<Socket> silent = new ArrayList<>();
        List<Socket> trickling = new ArrayList<>();
        AtomicBoolean trickle = new AtomicBoolean(true);
        Thread trickler = null;
        try {
            long baselineP99 = p99Millis(server.port(), 100);
            long heapBefore = heapAfterGc();

            long opened = System.nanoTime();
            for (int i = 0; i < SILENT; i++) {
                silent.add(connect(server.port()));
            }
            for (int i = 0; i < TRICKLING; i++) {
                Socket s = connect(server.port());
                s.getOutputStream().write('G');
                trickling.add(s);
            }
            long allOpen = System.nanoTime();
            trickler = Thread.ofPlatform().daemon().start(() -> trickleOneBytePerSecond(trickling, trickle));

            long underAttackP99 = p99Millis(server.port(), 200);
            long heapDuring = heapAfterGc();
            assertThat(underAttackP99).as("p99 with 2,000 stalled connections open (baseline p99 %d ms)", baselineP99)
                    .isLessThan(Math.max(500, 5 * baselineP99));
            assertThat(heapDuring - heapBefore).as("heap growth with 2,000 stalled connections, bytes")
                    .isLessThan(64L << 20);

            // None closed early: the newest of each kind is still open just before its timeout.
            sleepUntil(opened + REQUEST_TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(1500));
            assertThat(isOpen(trickling.getLast())).as("a trickling connection before requestTimeout").isTrue();
            assertThat(isOpen(silent.getLast())).as("a silent connection before idleTimeout").isTrue();

            // Closing a thousand connections, a log line each, can take the loops a few seconds on a slow
            // machine (one closed ~3.5 s late in one run of six): polled up to a generous bound, not sampled once.
            long slack = TimeUnit.SECONDS.toNanos(6);
            assertThat(openAfter(trickling, allOpen + REQUEST_TIMEOUT.toNanos() + slack))
                    .as("trickling connections still open %s after requestTimeout", Duration.ofNanos(slack)).isZero();
            assertThat(openAfter(silent, allOpen + IDLE_TIMEOUT.toNanos() + slack))
                    .as("silent connections still open %s after idleTimeout", Duration.ofNanos(slack)).isZero();

            assertThat(p99Millis(server.port(), 50)).as("served after the attack").isLessThan(Math.max(500, 5 * baselineP99));
            System.out.printf("slow-loris: baseline p99 %d ms, under attack p99 %d ms, heap +%.1f MB with 2,000 open%n",
                    baselineP99, underAttackP99, (heapDuring - heapBefore) / 1048576.0);
        } finally {
            trickle.set(false);
            if (trickler != null) {
                trickler.join();
            }
            for (Socket s : silent) {
                s.close();
            }
            for (Socket s : trickling) {
                s.close();
            }
            server.stop(Duration.ofSeconds(2));
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        return s;
    }

    /** Sends the next byte of an endless request head to every trickling connection, once a second. */
    private static void trickleOneBytePerSecond(List<Socket> sockets, AtomicBoolean running) {
        byte[] head = "ET /ok HTTP/1.1\r\nHost: t\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        boolean[] broken = new boolean[sockets.size()];
        for (int n = 0; running.get(); n++) {
            byte next = n < head.length ? head[n] : (byte) 'a';
            for (int i = 0; i < sockets.size(); i++) {
                if (!broken[i]) {
                    try {
                        sockets.get(i).getOutputStream().write(next);
                    } catch (IOException e) {
                        broken[i] = true; // closed by the server
                    }
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends {@code requests} requests (new and keep-alive connections, half each); their p99 in ms. */
    private static long p99Millis(int port, int requests) throws IOException {
        long[] millis = new long[requests];
        try (RawHttp keepAlive = new RawHttp(port, 10_000)) {
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                RawHttp.Reply reply;
                if (i % 2 == 0) {
                    reply = keepAlive.exchange("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
                } else {
                    try (RawHttp fresh = new RawHttp(port, 10_000)) {
                        reply = fresh.exchange("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
                    }
                }
                assertThat(reply.status()).isEqualTo(200);
                millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
        }
        Arrays.sort(millis);
        return millis[(int) Math.ceil(requests * 0.99) - 1];
    }

    /** How many of {@code sockets} the server still holds open at {@code deadline}, polled until then. */
    private static long openAfter(List<Socket> sockets, long deadline) throws InterruptedException {
        List<Socket> open = new ArrayList<>(sockets);
        while (true) {
            open.removeIf(s -> !isOpen(s));
            if (open.isEmpty() || System.nanoTime() - deadline > 0) {
                return open.size();
            }
            Thread.sleep(200);
        }
    }

    /** Whether the server still holds the connection open (a read neither ends nor fails). */
    private static boolean isOpen(Socket s) {
        try {
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            return in.read() >= 0; // the server never answers these: a byte would be a bug, count it as open
        } catch (SocketTimeoutException e) {
            return true;
        } catch (SocketException e) {
            return false; // reset: closed
        } catch (IOException e) {
            return false;
        }
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
