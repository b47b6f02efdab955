package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.testing.TestPostgres;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Per-host health: a host that fails is marked down and tried after the others for a jittered pause
 * (the pool's reconnect backoff) instead of first by every new connection, then probed again; the
 * pool's figures say so per host. The failing host is a real listener on loopback that accepts each
 * connection and closes it at once (counting them), ahead of the shared test server in the DSN.
 */
class PoolHostHealthTest {

    /** A host that accepts TCP connections and closes them before any login: it counts the attempts. */
    static final class SlammingHost implements AutoCloseable {
        final AtomicInteger attempts = new AtomicInteger();
        final LoopbackListener listener = new LoopbackListener(this::slam);

        SlammingHost() throws IOException {
        }

        private void slam(Socket s) {
            attempts.incrementAndGet();
            try {
                s.close();
            } catch (IOException ignored) {
                // closed anyway
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** The test server's DSN with {@code first} named as the first host, before the server. */
    static String dsnWithFirstHost(int firstPort) {
        String base = TestPostgres.dsn();
        int at = base.indexOf('@');
        int slash = base.indexOf('/', at);
        return base.substring(0, at + 1) + "127.0.0.1:" + firstPort + "," + base.substring(at + 1, slash)
                + base.substring(slash);
    }

    @Test
    void aHostThatFailsIsTriedAfterTheOthersDuringItsPauseNotFirstByEveryNewConnection() throws Exception {
        try (SlammingHost dead = new SlammingHost();
             PgPool pool = PgPool.builder(dsnWithFirstHost(dead.listener.port())).threads(1).maxSize(10)
                     .reconnectBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60)).build()) {
            List<Pg> held = new ArrayList<>();
            try {
                held.add(pool.get());
                assertThat(dead.attempts.get()).as("the first connection tried the first host").isEqualTo(1);
                for (int i = 0; i < 9; i++) {
                    Pg pg = pool.get();
                    held.add(pg);
                    assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
                }
                // Nine new connections, none of which tried the host in its pause first (all succeeded on the second).
                assertThat(dead.attempts.get()).isEqualTo(1);
                PoolStats s = pool.stats();
                HostStats down = s.hosts().get(0);
                HostStats up = s.hosts().get(1);
                assertThat(down.port()).isEqualTo(dead.listener.port());
                assertThat(down.state()).isEqualTo(HostStats.State.DOWN);
                assertThat(down.failures()).isEqualTo(1);
                assertThat(down.lastFailure()).isNotNull();
                assertThat(down.lastError()).isNotBlank();
                assertThat(down.open()).isZero();
                assertThat(up.state()).isEqualTo(HostStats.State.UP);
                assertThat(up.role()).isEqualTo(HostStats.Role.PRIMARY);
                assertThat(up.readOnly()).isFalse();
                assertThat(up.open()).isEqualTo(10);
                assertThat(up.failures()).isZero();
                assertThat(s.shards().get(0).hosts().get(1).open()).isEqualTo(10);
            } finally {
                held.forEach(Pg::close);
            }
        }
    }

    @Test
    void aDownHostIsProbedAgainOnceItsPauseIsOverAndEachFailureLengthensThePause() throws Exception {
        try (SlammingHost dead = new SlammingHost();
             PgPool pool = PgPool.builder(dsnWithFirstHost(dead.listener.port())).threads(1).maxSize(10)
                     .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(100)).build()) {
            List<Pg> held = new ArrayList<>();
            try {
                held.add(pool.get());
                assertThat(dead.attempts.get()).isEqualTo(1);
                Thread.sleep(300); // past the longest pause (100 ms)
                held.add(pool.get());
                assertThat(dead.attempts.get()).as("probed once its pause was over").isEqualTo(2);
                assertThat(pool.stats().hosts().get(0).failures()).isEqualTo(2);
                assertThat(pool.stats().hosts().get(1).open()).isEqualTo(2);
            } finally {
                held.forEach(Pg::close);
            }
        }
    }

    @Test
    void aSingleHostPoolReportsItsHostAndStaysAsBefore() {
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(2).maxSize(2).build()) {
            try (Pg pg = pool.get()) {
                pg.exec("SELECT 1");
            }
            PoolStats s = pool.stats();
            assertThat(s.hosts()).hasSize(1);
            assertThat(s.hosts().get(0).state()).isEqualTo(HostStats.State.UP);
            assertThat(s.hosts().get(0).open()).isEqualTo(s.total());
            assertThat(s.hosts().get(0).address()).endsWith(":" + s.hosts().get(0).port());
        }
    }

    @Test
    void eachHostIsPublishedToMicrometerWithAHostTag() throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (SlammingHost dead = new SlammingHost();
             PgPool pool = PgPool.builder(dsnWithFirstHost(dead.listener.port())).threads(2).maxSize(2)
                     .reconnectBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60)).metrics(registry, "hh").build();
             Pg pg = pool.get()) {
            pg.exec("SELECT 1");
            String deadTag = "127.0.0.1:" + dead.listener.port();
            String upTag = pool.stats().hosts().get(1).address();
            assertThat(registry.get("fasterapi.pg.pool.host.up").tags("pool", "hh", "host", deadTag).gauge().value())
                    .isEqualTo(0.0);
            assertThat(registry.get("fasterapi.pg.pool.host.up").tags("pool", "hh", "host", upTag).gauge().value())
                    .isEqualTo(1.0);
            assertThat(registry.get("fasterapi.pg.pool.host.failures").tags("host", deadTag).functionCounter().count())
                    .isEqualTo(1.0);
            assertThat(registry.get("fasterapi.pg.pool.host.failures").tags("host", upTag).functionCounter().count())
                    .isZero();
            assertThat(registry.get("fasterapi.pg.pool.host.connections").tags("host", upTag).gauge().value())
                    .isEqualTo(1.0);
            assertThat(registry.get("fasterapi.pg.pool.host.connections").tags("host", deadTag).gauge().value()).isZero();
            assertThat(registry.get("fasterapi.pg.pool.host.standby").tags("host", upTag).gauge().value()).isZero();
            assertThat(registry.get("fasterapi.pg.pool.host.last.failure").tags("host", deadTag).gauge().value())
                    .isPositive();
            assertThat(registry.get("fasterapi.pg.pool.host.last.failure").tags("host", upTag).gauge().value()).isNaN();
        }
    }

    @Test
    void aBlackholedHostCostsOneConnectTimeoutPerPauseNotOnePerNewConnection() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        List<Socket> silent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LoopbackListener blackhole = new LoopbackListener(s -> {
                accepted.incrementAndGet();
                silent.add(s); // accepted, never answered, never closed
            });
             PgPool pool = PgPool.builder(dsnWithFirstHost(blackhole.port())
                     + (TestPostgres.dsn().contains("?") ? "&" : "?") + "connect_timeout=2").threads(1).maxSize(6)
                     .acquireTimeout(Duration.ofSeconds(20)).reconnectBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60))
                     .build()) {
            List<Pg> held = new ArrayList<>();
            try {
                held.add(pool.get()); // waits out the connect timeout on the first host, then the second
                for (int i = 0; i < 5; i++) {
                    held.add(pool.get());
                }
                assertThat(accepted.get()).as("only the first connection waited on the silent host").isEqualTo(1);
                assertThat(pool.stats().hosts().get(0).lastError()).contains("timed out");
                assertThat(pool.stats().hosts().get(1).open()).isEqualTo(6);
            } finally {
                held.forEach(Pg::close);
                for (Socket s : silent) {
                    s.close();
                }
            }
        }
    }
}
