package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A full server restart on a private cluster (never the shared server): the pool and LISTEN recover by themselves. */
class PoolRestartTest {
    static ThrowawayCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ThrowawayCluster();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static PgPool pool(int minSize) {
        return PgPool.builder(cluster.dsn("postgres", "", "sslmode=disable")).threads(2).minSize(minSize).maxSize(4)
                .acquireTimeout(Duration.ofSeconds(5)).healthCheckInterval(Duration.ofMillis(300))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).build();
    }

    private static int selectOne(PgPool pool) {
        try (Pg pg = pool.get()) {
            return pg.exec("SELECT 1").scalar(Integer.class);
        }
    }

    @Test
    void poolRecoversByItselfAfterAFullServerRestart() throws Exception {
        try (PgPool pool = pool(2)) {
            assertThat(selectOne(pool)).isEqualTo(1);
            // The pool fills its minimum in the background: under load it may not have all four yet,
            // and then fewer than four old connections can be counted closed after the restart.
            long filled = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.stats().idle() < 4 && System.nanoTime() < filled) {
                Thread.sleep(20);
            }
            assertThat(pool.stats().idle()).isEqualTo(4);
            long createdBefore = pool.stats().created();

            cluster.stop();
            // While the server is down calls fail cleanly (connection errors, not hangs)...
            try (Pg pg = pool.get()) {
                pg.exec("SELECT 1");
            } catch (PgConnectionException expected) {
                // the cause (connection refused) is surfaced at once: nothing open can serve it
            }
            assertThat(pool.ping(Duration.ofSeconds(2)).await()).isFalse();
            cluster.start();

            // ...and with no call from us the pool reopens its minimum on every shard.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            // (Under load the old connections' closing may be noticed after the new ones open: wait for both.)
            while ((pool.stats().idle() < 4 || pool.stats().closed() < 4) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            PoolStats s = pool.stats();
            assertThat(s.idle()).isEqualTo(4);
            assertThat(s.created()).isGreaterThanOrEqualTo(createdBefore + 4);
            assertThat(s.closed()).isGreaterThanOrEqualTo(4);
            for (int i = 0; i < 10; i++) {
                assertThat(selectOne(pool)).isEqualTo(1);
            }
            assertThat(pool.ping().await()).isTrue();
        }
    }

    @Test
    void callsInFlightDuringARestartFailOnlyWithConnectionOrTimeoutErrorsAndTheSamePoolRecovers() throws Exception {
        try (PgPool pool = PgPool.builder(cluster.dsn("postgres", "", "sslmode=disable&connect_timeout=2")).threads(2)
                .minSize(1).maxSize(4).acquireTimeout(Duration.ofSeconds(2)).defaultDeadline(Duration.ofSeconds(2))
                .healthCheckInterval(Duration.ofMillis(300)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .build()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong succeeded = new AtomicLong();
            AtomicLong connectionErrors = new AtomicLong();
            AtomicLong timeouts = new AtomicLong();
            Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            assertThat(selectOne(pool)).isEqualTo(1); // the driver's classes load here, not in 40 virtual threads at once
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean pipelined = i % 2 == 0;
                callers.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        try {
                            int v;
                            if (pipelined) {
                                // await's own bound is far past every deadline: reaching it means a hang.
                                v = pool.execAsync("SELECT 1 FROM pg_sleep(0.005)").await(Duration.ofSeconds(15))
                                        .scalar(Integer.class);
                            } else {
                                try (Pg pg = pool.get()) {
                                    v = pg.exec("SELECT 1 FROM pg_sleep(0.005)").scalar(Integer.class);
                                }
                            }
                            if (v != 1) { // not AssertJ here: its classes loading in 40 virtual threads at once pin them
                                unexpected.add(new AssertionError("SELECT 1 returned " + v));
                            }
                            succeeded.incrementAndGet();
                        } catch (PgConnectionException e) {
                            connectionErrors.incrementAndGet();
                        } catch (PgTimeoutException e) {
                            timeouts.incrementAndGet();
                        } catch (AssertionError | RuntimeException e) { // AwaitTimeoutException too: a hang
                            unexpected.add(e);
                        }
                    }
                }));
            }
            awaitMoreSuccesses(succeeded, 200);

            cluster.stop();
            Thread.sleep(300);
            cluster.start();

            awaitMoreSuccesses(succeeded, 500); // the same pool serves again, with no help from us
            stop.set(true);
            for (Thread t : callers) {
                t.join(Duration.ofSeconds(20));
                assertThat(t.isAlive()).as("a caller hung").isFalse();
            }
            System.out.printf("restart under load: %d calls succeeded, %d connection errors, %d timeouts, %s%n",
                    succeeded.get(), connectionErrors.get(), timeouts.get(), pool.stats());
            assertThat(unexpected).isEmpty();
            assertThat(connectionErrors.get() + timeouts.get()).as("calls failed while the server was down").isPositive();
            PoolStats s = pool.stats();
            assertThat(s.closed()).isGreaterThanOrEqualTo(2);
            assertThat(s.total()).isLessThanOrEqualTo(8);
            assertThat(selectOne(pool)).isEqualTo(1);
        }
    }

    private static void awaitMoreSuccesses(AtomicLong succeeded, long more) throws InterruptedException {
        long target = succeeded.get() + more;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (succeeded.get() < target && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(succeeded.get()).as("successful calls").isGreaterThanOrEqualTo(target);
    }

    @Test
    void listenSurvivesARestartAndReportsTheGap() throws Exception {
        BlockingQueue<PgNotification> got = new LinkedBlockingQueue<>();
        try (PgPool pool = pool(0)) {
            Cancellable sub = pool.listen("restart_jobs", got::add).await(Duration.ofSeconds(10));
            try (Pg pg = pool.get()) {
                pg.exec("NOTIFY restart_jobs, 'before'");
            }
            assertThat(got.poll(5, TimeUnit.SECONDS)).extracting(PgNotification::payload).isEqualTo("before");

            cluster.stop();
            cluster.start();

            PgNotification marker = got.poll(15, TimeUnit.SECONDS);
            assertThat(marker).isNotNull();
            assertThat(marker.gap()).isTrue();
            assertThat(marker.channel()).isEqualTo("restart_jobs");
            // The marker comes after LISTEN is back in place: what is sent now arrives.
            assertThat(selectOneRetrying(pool)).isEqualTo(1);
            try (Pg pg = pool.get()) {
                pg.exec("NOTIFY restart_jobs, 'after'");
            }
            PgNotification after = got.poll(5, TimeUnit.SECONDS);
            assertThat(after).isNotNull();
            assertThat(after.payload()).isEqualTo("after");
            assertThat(after.gap()).isFalse();

            sub.cancel();
            Thread.sleep(200);
            try (Pg pg = pool.get()) {
                pg.exec("NOTIFY restart_jobs, 'ignored'");
            }
            assertThat(got.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    /** The first call after a restart may meet a connection the pool has not yet seen die. */
    private static int selectOneRetrying(PgPool pool) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                return selectOne(pool);
            } catch (PgConnectionException e) {
                if (i > 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void listenDeliversToEveryHandlerOfAChannel() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (PgPool pool = pool(0)) {
            pool.listen("two", n -> got.add("a:" + n.payload())).await(Duration.ofSeconds(10));
            pool.listen("two", n -> got.add("b:" + n.payload())).await(Duration.ofSeconds(10));
            pool.execAsync("SELECT pg_notify('two', 'x')").await(Duration.ofSeconds(5)).close();
            List<String> seen = List.of(got.poll(5, TimeUnit.SECONDS), got.poll(5, TimeUnit.SECONDS));
            assertThat(seen).containsExactlyInAnyOrder("a:x", "b:x");
        }
    }
}
