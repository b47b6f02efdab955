package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Cancellable;
import io.fasterapi.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PgBroker} against a real server: two pools in one JVM stand for two application instances. */
class PgBrokerTest {
    private static PgTestDb db;
    private static PgPool other;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(PgBrokerTest.class);
        other = PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema)).threads(1).maxSize(4).build();
    }

    @AfterAll
    static void tearDown() {
        other.close();
        db.close();
    }

    private static PgBroker.Builder broker(PgPool pool) {
        return PgBroker.builder(pool).schema(db.schema);
    }

    static BrokerMessage next(BlockingQueue<BrokerMessage> q) throws InterruptedException {
        BrokerMessage m = q.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message within 10 s").isNotNull();
        return m;
    }

    @Test
    void aMessagePublishedOnOneInstanceReachesTheSubscribersOfEvery() throws Exception {
        try (PgBroker a = broker(db.pool).build(); PgBroker b = broker(other).build()) {
            BlockingQueue<BrokerMessage> onA = new LinkedBlockingQueue<>();
            BlockingQueue<BrokerMessage> onB = new LinkedBlockingQueue<>();
            BlockingQueue<BrokerMessage> onB2 = new LinkedBlockingQueue<>();
            try (var s1 = a.subscribe("room:1", onA::add); var s2 = b.subscribe("room:1", onB::add);
                    var s3 = b.subscribe("room:1", onB2::add)) {
                long seq = a.publish("room:1", "hello");
                for (BlockingQueue<BrokerMessage> q : List.of(onA, onB, onB2)) {
                    BrokerMessage m = next(q);
                    assertThat(m).isEqualTo(BrokerMessage.of("room:1", seq, "hello"));
                }
                assertThat(b.publishAsync("room:1", "again").await()).isEqualTo(seq + 1);
                assertThat(next(onA).payload()).isEqualTo("again");
                assertThat(b.listeningChannels()).isEqualTo(1);
                assertThat(b.isListening("room:1")).isTrue();
                assertThat(b.isListening("room:2")).isFalse();
            }
            assertThat(b.listeningChannels()).isZero();
            assertThat(b.isListening("room:1")).isFalse();
        }
    }

    @Test
    void otherChannelsAreNotDelivered() throws Exception {
        try (PgBroker a = broker(db.pool).build()) {
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = a.subscribe("mine", got::add)) {
                a.publish("theirs", "not for me");
                a.publish("mine", "for me");
                assertThat(next(got).payload()).isEqualTo("for me");
                assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
            }
        }
    }

    /** Payloads around NOTIFY's 8000-byte limit (7979 bytes is the most that rides inside it here) and far over. */
    @Test
    void payloadsOfAnySizeArriveWholeTheLargeOnesThroughTheTable() throws Exception {
        String euro = "\u20ac"; // 3 bytes in UTF-8
        String emoji = "\ud83d\ude00"; // 4 bytes
        List<String> payloads = List.of(
                "a".repeat(7979), "a".repeat(7980), "a".repeat(7999), "a".repeat(8000), "a".repeat(8001),
                "a".repeat(7976) + euro, // 7979 bytes: inline
                "a".repeat(7977) + euro, // 7980 bytes: stored, the last character straddling the limit
                "a".repeat(7975) + emoji, // 7979
                "a".repeat(7976) + emoji, // 7980
                euro.repeat(2700), // 8100 bytes in 2700 characters
                "x" + emoji.repeat(100_000), // 400 KB
                "\u00e9".repeat(600_000), // 1.2 MB of 2-byte characters
                "");
        try (PgBroker a = broker(db.pool).maxPayloadBytes(2 << 20).build(); PgBroker b = broker(other).build()) {
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            BlockingQueue<PgNotification> raw = new LinkedBlockingQueue<>();
            Cancellable rawSub = db.pool.listen(db.schema + ":big", raw::add).await(Duration.ofSeconds(10));
            try (var s = b.subscribe("big", got::add)) {
                for (String p : payloads) {
                    a.publish("big", p);
                }
                for (String p : payloads) {
                    BrokerMessage m = next(got);
                    assertThat(m.gap()).isFalse();
                    assertThat(m.payload().length()).isEqualTo(p.length());
                    assertThat(m.payload()).isEqualTo(p);
                }
                // What went over the wire: inline up to 7979 bytes, a bare reference beyond.
                for (String p : payloads) {
                    PgNotification n = raw.poll(10, TimeUnit.SECONDS);
                    assertThat(n).isNotNull();
                    boolean inline = p.getBytes(StandardCharsets.UTF_8).length <= 7979;
                    assertThat(n.payload().contains(":")).as("inline for %d bytes",
                            p.getBytes(StandardCharsets.UTF_8).length).isEqualTo(inline);
                    assertThat(n.payload().getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
                }
            } finally {
                rawSub.cancel();
            }
        }
    }

    @Test
    void aMessagePublishedInATransactionIsDeliveredOnlyIfItCommits() throws Exception {
        try (PgBroker a = broker(db.pool).build(); PgBroker b = broker(other).build()) {
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = b.subscribe("orders", got::add); Pg pg = db.pool.get()) {
                try (Tx tx = pg.begin()) {
                    a.publish(tx, "orders", "rolled back");
                }
                long seq;
                try (Tx tx = pg.begin()) {
                    seq = a.publish(tx, "orders", "committed");
                    assertThat(got.poll(200, TimeUnit.MILLISECONDS)).as("nothing before the commit").isNull();
                    tx.commit();
                }
                BrokerMessage m = next(got);
                assertThat(m.payload()).isEqualTo("committed");
                assertThat(m.seq()).isEqualTo(seq);
            }
        }
    }

    @Test
    void aSubscriberResumesAfterASequenceNumberFromTheTable() throws Exception {
        try (PgBroker a = broker(db.pool).build(); PgBroker b = broker(other).build()) {
            List<Long> seqs = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                seqs.add(a.publish("resume", "m" + i));
            }
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = b.subscribeAsync("resume", seqs.get(5), got::add).await(Duration.ofSeconds(10))) {
                for (int i = 7; i <= 10; i++) {
                    assertThat(next(got)).isEqualTo(BrokerMessage.of("resume", seqs.get(i - 1), "m" + i));
                }
                long live = a.publish("resume", "live");
                assertThat(next(got)).isEqualTo(BrokerMessage.of("resume", live, "live"));
                assertThat(got.poll(100, TimeUnit.MILLISECONDS)).isNull();
            }
        }
    }

    @Test
    void resumingAfterWhatRetentionRemovedStartsWithAGap() throws Exception {
        try (PgBroker a = broker(db.pool).build(); PgBroker b = broker(other).build()) {
            long first = a.publish("pruned", "m1");
            for (int i = 2; i <= 6; i++) {
                a.publish("pruned", "m" + i);
            }
            try (Pg pg = db.pool.get()) { // what a sweep does once retention passed
                pg.exec("DELETE FROM " + db.schema + ".fasterapi_broker_messages WHERE channel = 'pruned' AND seq < $1",
                        first + 3);
            }
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = b.subscribeAsync("pruned", first, got::add).await(Duration.ofSeconds(10))) {
                assertThat(next(got)).isEqualTo(BrokerMessage.gap("pruned", first, 2));
                for (int i = 4; i <= 6; i++) {
                    assertThat(next(got).payload()).isEqualTo("m" + i);
                }
            }
        }
    }

    @Test
    void retentionKeepsAtMostTheNewestMessagesOfAChannel() throws Exception {
        try (PgBroker a = broker(db.pool).maxStoredPerChannel(3).sweepInterval(Duration.ofMillis(50)).build()) {
            long last = 0;
            for (int i = 0; i < 10; i++) {
                last = a.publish("swept", "m" + i);
            }
            long newest = last;
            Eventually.eventually(Duration.ofSeconds(10), () -> stored("swept").equals(List.of(newest - 2, newest - 1, newest)));
        }
    }

    @Test
    void retentionRemovesMessagesOlderThanItsDuration() throws Exception {
        try (PgBroker a = broker(db.pool).retention(Duration.ofMillis(200)).sweepInterval(Duration.ofMillis(50)).build()) {
            a.publish("aged", "old");
            Eventually.eventually(Duration.ofSeconds(10), () -> stored("aged").isEmpty());
        }
    }

    private static List<Long> stored(String channel) {
        try (Pg pg = db.pool.get()) {
            List<Long> seqs = new ArrayList<>();
            for (Row r : pg.exec("SELECT seq FROM " + db.schema + ".fasterapi_broker_messages WHERE channel = $1 ORDER BY seq",
                    channel).all()) {
                seqs.add(r.getLong(0));
            }
            return seqs;
        }
    }

    @Test
    void aStreamSendsWhatItsSubscriberRequests() throws Exception {
        try (PgBroker a = broker(db.pool).build(); PgBroker b = broker(other).build()) {
            List<BrokerMessage> got = new CopyOnWriteArrayList<>();
            BlockingQueue<Flow.Subscription> subs = new LinkedBlockingQueue<>();
            b.stream("flow").subscribe(new Flow.Subscriber<>() {
                public void onSubscribe(Flow.Subscription s) {
                    subs.add(s);
                }

                public void onNext(BrokerMessage m) {
                    got.add(m);
                }

                public void onError(Throwable t) {
                }

                public void onComplete() {
                }
            });
            Flow.Subscription s = subs.take();
            Eventually.eventually(Duration.ofSeconds(10), () -> b.isListening("flow"));
            for (int i = 0; i < 5; i++) {
                a.publish("flow", "m" + i);
            }
            s.request(2);
            Eventually.eventually(Duration.ofSeconds(10), () -> got.size() == 2);
            Thread.sleep(100);
            assertThat(got).hasSize(2);
            s.request(10);
            Eventually.eventually(Duration.ofSeconds(10), () -> got.size() == 5);
            assertThat(got).extracting(BrokerMessage::payload).containsExactly("m0", "m1", "m2", "m3", "m4");
            s.cancel();
            Eventually.eventually(Duration.ofSeconds(10), () -> b.listeningChannels() == 0);
        }
    }

    @Test
    void closingTheBrokerCompletesItsStreamsAndEndsItsSubscriptions() throws Exception {
        PgBroker b = broker(other).build();
        CountDownLatch completed = new CountDownLatch(1);
        b.stream("closing").subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(BrokerMessage m) {
            }

            public void onError(Throwable t) {
            }

            public void onComplete() {
                completed.countDown();
            }
        });
        BrokerSubscription callback = b.subscribe("closing", m -> { });
        Eventually.eventually(Duration.ofSeconds(10), () -> b.isListening("closing"));
        b.close();
        assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(callback.isOpen()).isFalse();
        assertThat(b.isListening("closing")).isFalse();
        assertThatThrownBy(() -> b.subscribe("closing", m -> { })).hasMessageContaining("the broker is closed");
    }

    @Test
    void rejectsWhatItCannotPublish() {
        try (PgBroker a = broker(db.pool).maxPayloadBytes(10).build()) {
            assertThatThrownBy(() -> a.publish("", "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("channel must not be empty");
            assertThatThrownBy(() -> a.publish("c", "\u20ac".repeat(4))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("payload of 12 bytes is over maxPayloadBytes (10)");
            assertThat(a.publish("c", "\u20ac".repeat(3))).isPositive();
        }
    }

    @Test
    void aLongChannelNameIsHashedIntoALegalNotifyChannel() throws Exception {
        String channel = "tenant/" + "\u00e9".repeat(80);
        try (PgBroker a = broker(db.pool).build(); PgBroker b = broker(other).build()) {
            BlockingQueue<BrokerMessage> got = new LinkedBlockingQueue<>();
            try (var s = b.subscribe(channel, got::add)) {
                a.publish(channel, "long");
                assertThat(next(got).channel()).isEqualTo(channel);
            }
        }
    }

    @Test
    void instancesStartingTogetherCreateTheTablesOnce() throws Exception {
        String schema = TestPostgres.uniqueSchema(PgBrokerTest.class);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<PgBroker> brokers = new CopyOnWriteArrayList<>();
        for (PgPool pool : List.of(db.pool, other, db.pool, other)) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    brokers.add(PgBroker.builder(pool).schema(schema).build());
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        try {
            assertThat(failures).isEmpty();
            assertThat(brokers.get(0).publish("x", "y")).isEqualTo(1);
        } finally {
            brokers.forEach(PgBroker::close);
            try (Pg pg = db.pool.get()) {
                pg.exec("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
