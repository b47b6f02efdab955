package io.fasterapi.pg;

import static io.fasterapi.pg.PgBrokerTest.next;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PgBroker} when things go wrong: concurrent publishers on two instances, the LISTEN
 * connection's backend terminated or cut off, slow subscribers.
 */
class PgBrokerFaultTest {
    private static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(PgBrokerFaultTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static PgPool instance(String applicationName) {
        return PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema) + "&application_name=" + applicationName)
                .threads(1).maxSize(4).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
    }

    @Test
    void everySubscriberSeesAChannelInOneOrderWhateverThePublishers() throws Exception {
        int publishersPerInstance = 3;
        int each = 100;
        try (PgPool otherPool = instance("broker_order"); PgBroker a = PgBroker.builder(db.pool).schema(db.schema).build();
                PgBroker b = PgBroker.builder(otherPool).schema(db.schema).build()) {
            List<List<BrokerMessage>> seen = new ArrayList<>();
            List<BrokerSubscription> subs = new ArrayList<>();
            for (PgBroker broker : List.of(a, a, b, b)) {
                List<BrokerMessage> list = new CopyOnWriteArrayList<>();
                seen.add(list);
                subs.add(broker.subscribe("ordered", list::add));
            }
            List<Thread> publishers = new ArrayList<>();
            Map<Integer, List<Long>> published = new ConcurrentHashMap<>();
            for (int p = 0; p < 2 * publishersPerInstance; p++) {
                PgBroker via = p < publishersPerInstance ? a : b;
                int id = p;
                publishers.add(Thread.ofVirtual().start(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(via.publish("ordered", id + ":" + i));
                    }
                    published.put(id, mine);
                }));
            }
            for (Thread t : publishers) {
                t.join();
            }
            int total = 2 * publishersPerInstance * each;
            Eventually.eventually(Duration.ofSeconds(30), () -> seen.stream().allMatch(l -> l.size() >= total));
            List<BrokerMessage> first = seen.get(0);
            long start = first.get(0).seq();
            for (int i = 0; i < total; i++) {
                assertThat(first.get(i).seq()).as("consecutive numbers").isEqualTo(start + i);
                assertThat(first.get(i).gap()).isFalse();
            }
            for (List<BrokerMessage> other : seen) {
                assertThat(other).as("every subscriber, both instances: the same order").isEqualTo(first);
            }
            // Each publisher waited for its publishes: its messages arrive in its own order, with its numbers.
            for (int p = 0; p < 2 * publishersPerInstance; p++) {
                List<Integer> order = new ArrayList<>();
                List<Long> numbers = new ArrayList<>();
                for (BrokerMessage m : first) {
                    String[] parts = m.payload().split(":");
                    if (Integer.parseInt(parts[0]) == p) {
                        order.add(Integer.parseInt(parts[1]));
                        numbers.add(m.seq());
                    }
                }
                assertThat(order).isSorted().hasSize(each);
                assertThat(numbers).isEqualTo(published.get(p));
            }
            subs.forEach(BrokerSubscription::close);
        }
    }

    @Test
    void catchesUpFromTheTableAfterTheListenerBackendIsTerminated() throws Exception {
        String app = "broker_kill_" + Long.toHexString(System.nanoTime());
        try (PgPool otherPool = instance(app); PgBroker a = PgBroker.builder(db.pool).schema(db.schema).build();
                PgBroker b = PgBroker.builder(otherPool).schema(db.schema).build()) {
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = b.subscribe("killed", got::add)) {
                long first = a.publish("killed", "m1");
                assertThat(next(got).seq()).isEqualTo(first);
                Set<Integer> before = backends(app);
                assertThat(before).isNotEmpty();
                try (Pg pg = db.pool.get()) {
                    pg.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", app).close();
                }
                // Published while instance B's LISTEN connection is gone or coming back.
                for (int i = 2; i <= 30; i++) {
                    a.publish("killed", "m" + i);
                }
                for (int i = 2; i <= 30; i++) {
                    BrokerMessage m = next(got);
                    assertThat(m).isEqualTo(BrokerMessage.of("killed", first + i - 1, "m" + i));
                }
                Eventually.eventually(Duration.ofSeconds(10), () -> !backends(app).isEmpty());
                assertThat(backends(app)).doesNotContainAnyElementsOf(before);
                long live = a.publish("killed", "after");
                assertThat(next(got)).isEqualTo(BrokerMessage.of("killed", live, "after"));
            }
        }
    }

    private static Set<Integer> backends(String applicationName) {
        try (Pg pg = db.pool.get()) {
            Set<Integer> pids = new HashSet<>();
            for (Row r : pg.exec("SELECT pid FROM pg_stat_activity WHERE application_name = $1", applicationName).all()) {
                pids.add(r.getInt(0));
            }
            return pids;
        }
    }

    @Test
    void signalsAGapWhenRetentionRemovedWhatTheListenerMissed() throws Exception {
        try (FaultProxy proxy = new FaultProxy(io.fasterapi.testing.TestPostgres.dsn());
                PgPool otherPool = PgPool.builder(proxy.dsn(PgTestDb.dsnWithSearchPath(db.schema))).threads(1).maxSize(2)
                        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
                PgBroker a = PgBroker.builder(db.pool).schema(db.schema).build();
                PgBroker b = PgBroker.builder(otherPool).schema(db.schema).build()) {
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = b.subscribe("cut", got::add)) {
                long first = a.publish("cut", "m1");
                assertThat(next(got).seq()).isEqualTo(first);
                proxy.stall(FaultProxy.Direction.TO_SERVER);
                proxy.dropAll();
                for (int i = 2; i <= 6; i++) {
                    a.publish("cut", "m" + i);
                }
                try (Pg pg = db.pool.get()) { // retention passes while B is away
                    pg.exec("DELETE FROM " + db.schema + ".fasterapi_broker_messages WHERE channel = 'cut' AND seq <= $1",
                            first + 3).close();
                }
                assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
                proxy.heal();
                assertThat(next(got)).isEqualTo(BrokerMessage.gap("cut", first, 3));
                assertThat(next(got)).isEqualTo(BrokerMessage.of("cut", first + 4, "m5"));
                assertThat(next(got)).isEqualTo(BrokerMessage.of("cut", first + 5, "m6"));
                long live = a.publish("cut", "m7");
                assertThat(next(got)).isEqualTo(BrokerMessage.of("cut", live, "m7"));
            }
        }
    }

    /** As after a crash with asynchronous commit: the server's counter is behind what subscribers saw. */
    @Test
    void startsOverWithAGapWhenTheServerLostMessagesItHadAcknowledged() throws Exception {
        try (FaultProxy proxy = new FaultProxy(io.fasterapi.testing.TestPostgres.dsn());
                PgPool otherPool = PgPool.builder(proxy.dsn(PgTestDb.dsnWithSearchPath(db.schema))).threads(1).maxSize(2)
                        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
                PgBroker a = PgBroker.builder(db.pool).schema(db.schema).synchronousCommit(false).build();
                PgBroker b = PgBroker.builder(otherPool).schema(db.schema).build()) {
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = b.subscribe("lost", got::add)) {
                long first = a.publish("lost", "m1");
                a.publish("lost", "m2");
                a.publish("lost", "m3");
                for (int i = 1; i <= 3; i++) {
                    assertThat(next(got).payload()).isEqualTo("m" + i);
                }
                proxy.stall(FaultProxy.Direction.TO_SERVER);
                proxy.dropAll();
                try (Pg pg = db.pool.get()) { // the last two commits never reached the disk
                    pg.exec("UPDATE " + db.schema + ".fasterapi_broker_channels SET seq = $1 WHERE channel = 'lost'",
                            first).close();
                    pg.exec("DELETE FROM " + db.schema + ".fasterapi_broker_messages WHERE channel = 'lost' AND seq > $1",
                            first).close();
                }
                proxy.heal();
                assertThat(next(got)).isEqualTo(BrokerMessage.gap("lost", first, 0));
                long again = a.publish("lost", "numbered again");
                assertThat(again).isEqualTo(first + 1);
                assertThat(next(got)).isEqualTo(BrokerMessage.of("lost", again, "numbered again"));
            }
            try (Pg pg = db.pool.get()) {
                assertThat(pg.exec("SHOW synchronous_commit").scalar(String.class)).as("SET LOCAL only").isEqualTo("on");
            }
        }
    }

    @Test
    void aSlowSubscriberLosesWhatItsBufferCannotHoldAndIsToldSo() throws Exception {
        try (PgBroker a = PgBroker.builder(db.pool).schema(db.schema).bufferSize(16).build();
                PgBroker roomy = PgBroker.builder(db.pool).schema(db.schema).bufferSize(4096).build()) {
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            BlockingQueue<BrokerMessage> fast = new LinkedBlockingQueue<>();
            try (var slow = a.subscribe("firehose", m -> {
                got.add(m);
                awaitQuietly(release);
            }); var quick = roomy.subscribe("firehose", fast::add)) {
                int count = 2000;
                long start = a.publish("firehose", "m1");
                Eventually.eventually(Duration.ofSeconds(10), () -> got.size() == 1); // the handler holds m1
                for (int i = 2; i <= count; i++) {
                    a.publish("firehose", "m" + i);
                }
                // The fast subscriber misses nothing; the slow one holds 1 in hand and 16 in its buffer.
                for (int i = 1; i <= count; i++) {
                    assertThat(next(fast).seq()).isEqualTo(start + i - 1);
                }
                Eventually.eventually(Duration.ofSeconds(10), () -> slow.dropped() == count - 17);
                release.countDown();
                assertThat(got.take().seq()).isEqualTo(start);
                for (int i = 2; i <= 17; i++) {
                    assertThat(next(got)).isEqualTo(BrokerMessage.of("firehose", start + i - 1, "m" + i));
                }
                assertThat(next(got)).isEqualTo(BrokerMessage.gap("firehose", start + 16, count - 17));
                long live = a.publish("firehose", "later");
                assertThat(next(got)).isEqualTo(BrokerMessage.of("firehose", live, "later"));
                assertThat(slow.isOpen()).isTrue();
                assertThat(quick.dropped()).isZero();
            }
        }
    }

    @Test
    void withDisconnectASlowStreamEndsAfterItsBufferAndAGap() throws Exception {
        try (PgBroker a = PgBroker.builder(db.pool).schema(db.schema).bufferSize(4)
                .overflow(PgBroker.Overflow.DISCONNECT).build()) {
            List<BrokerMessage> got = new CopyOnWriteArrayList<>();
            CountDownLatch completed = new CountDownLatch(1);
            BlockingQueue<Flow.Subscription> subs = new LinkedBlockingQueue<>();
            a.stream("slowsse").subscribe(new Flow.Subscriber<>() {
                public void onSubscribe(Flow.Subscription s) {
                    subs.add(s);
                    s.request(1);
                }

                public void onNext(BrokerMessage m) {
                    got.add(m);
                }

                public void onError(Throwable t) {
                }

                public void onComplete() {
                    completed.countDown();
                }
            });
            Flow.Subscription s = subs.take();
            Eventually.eventually(Duration.ofSeconds(10), () -> a.isListening("slowsse"));
            long first = a.publish("slowsse", "m1");
            Eventually.eventually(Duration.ofSeconds(10), () -> got.size() == 1);
            for (int i = 2; i <= 10; i++) {
                a.publish("slowsse", "m" + i);
            }
            Eventually.eventually(Duration.ofSeconds(10), () -> !a.isListening("slowsse"));
            s.request(Long.MAX_VALUE);
            assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(got).containsExactly(
                    BrokerMessage.of("slowsse", first, "m1"), BrokerMessage.of("slowsse", first + 1, "m2"),
                    BrokerMessage.of("slowsse", first + 2, "m3"), BrokerMessage.of("slowsse", first + 3, "m4"),
                    BrokerMessage.of("slowsse", first + 4, "m5"), BrokerMessage.gap("slowsse", first + 4, 0));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
